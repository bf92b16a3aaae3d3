import {readFile} from 'node:fs/promises'
import {isUtf8} from 'node:buffer'
import {VFile} from 'vfile'

export const utf8Bom = '\uFEFF'

/**
 * Read a German source as a VFile, with what is wrong with its bytes reported on it:
 * empty and invalid UTF-8 are fatal (the file is not built), a BOM and CRLF are warned about.
 */
export async function readSourceFile(filePath: string, cwd: string): Promise<VFile> {
  const bytes = await readFile(filePath)
  const file = new VFile({path: filePath, cwd})
  checkSourceBytes(file, bytes)
  return file
}

/** Decode `bytes` into `file.value`; returns false, with a fatal message on `file`, when it cannot be built. */
export function checkSourceBytes(file: VFile, bytes: Uint8Array): boolean {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes)
    const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8')
    const place = pointAt(before)
    fatal(file, `not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}); save the file as UTF-8`, place, 'invalid-utf8')
    return false
  }
  let text = Buffer.from(bytes).toString('utf8')
  if (text.startsWith(utf8Bom)) {
    text = text.slice(1)
    file.message('the file starts with a byte order mark; it is ignored', {place: {line: 1, column: 1}, ruleId: 'bom', source: 'tandem'})
  }
  if (text.includes('\r')) {
    const index = text.indexOf('\r')
    file.message('the file has CR or CRLF line endings; they are read as LF', {place: pointAt(text.slice(0, index)), ruleId: 'crlf', source: 'tandem'})
    text = text.replace(/\r\n?/g, '\n')
  }
  file.value = text
  if (text.trim() === '') {
    fatal(file, 'the file is empty', {line: 1, column: 1}, 'empty-file')
    return false
  }
  return true
}

function fatal(file: VFile, reason: string, place: {line: number; column: number}, ruleId: string) {
  const message = file.message(reason, {place, ruleId, source: 'tandem'})
  message.fatal = true
}

/** Line and column (1-based, in characters) just after `text`. */
export function pointAt(text: string): {line: number; column: number} {
  const lastBreak = text.lastIndexOf('\n')
  const line = text.split('\n').length
  return {line, column: [...text.slice(lastBreak + 1)].length + 1}
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    if (length === 0 || index + length > bytes.length) return index
    if (!isUtf8(bytes.subarray(index, index + length))) return index
    index += length
  }
  return bytes.length
}
