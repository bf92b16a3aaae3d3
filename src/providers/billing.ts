import {taggedToPlain} from '../core/tagged-text.ts'

/**
 * Characters DeepL bills for one tagged text: Unicode code points of the text,
 * without the XML tags and their attributes (design.md "Providers").
 */
export function billedCharacters(taggedText: string): number {
  return codePoints(taggedToPlain(taggedText))
}

/** `[...text].length` without the array: UTF-16 code units, less the second of each surrogate pair. */
function codePoints(text: string): number {
  let count = text.length
  for (let index = 1; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code >= 0xdc00 && code <= 0xdfff) {
      const previous = text.charCodeAt(index - 1)
      if (previous >= 0xd800 && previous <= 0xdbff) count--
    }
  }
  return count
}
