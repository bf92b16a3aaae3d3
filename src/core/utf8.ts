import {isUtf8} from 'node:buffer'

/**
 * Byte offset of the first ill-formed UTF-8 sequence in `bytes`, or `-1` when all of it is valid.
 *
 * Follows the Unicode well-formedness table (no overlong forms, no surrogates, nothing above U+10FFFF).
 * A truncated or broken multi-byte sequence is reported at its lead byte.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1

  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0
    if (lead < 0x80) {
      index++
      continue
    }

    let length: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) length = 2
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3
      if (lead === 0xe0) low = 0xa0
      else if (lead === 0xed) high = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4
      if (lead === 0xf0) low = 0x90
      else if (lead === 0xf4) high = 0x8f
    } else return index

    for (let k = 1; k < length; k++) {
      const byte = bytes[index + k]
      if (byte === undefined) return index
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return index
    }
    index += length
  }

  // `isUtf8` and this loop disagree; trust the loop.
  return -1
}
