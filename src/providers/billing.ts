import {decodeXML} from 'entities'

/**
 * Characters DeepL bills for one tagged text: Unicode code points of the text,
 * without the XML tags and their attributes (design.md "Providers").
 */
export function billedCharacters(taggedText: string): number {
  return [...decodeXML(taggedText.replace(/<[^>]*>/g, ''))].length
}
