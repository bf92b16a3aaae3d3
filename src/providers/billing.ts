import {taggedToPlain} from '../core/tagged-text.ts'

/**
 * Characters DeepL bills for one tagged text: Unicode code points of the text,
 * without the XML tags and their attributes (design.md "Providers").
 */
export function billedCharacters(taggedText: string): number {
  return [...taggedToPlain(taggedText)].length
}
