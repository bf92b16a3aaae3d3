import {readFile} from 'node:fs/promises'
import {VFile} from 'vfile'
import {findInvalidUtf8} from '../core/utf8.ts'

export const utf8Bom = '\uFEFF'

/**
 * Read a German source as a VFile, with what is wrong with its bytes reported on it:
 * empty and invalid UTF-8 are fatal (the file is not built), a BOM and CRLF are warned about.
 */
export async function readSourceFile(filePath: string, cwd: string): Promise<VFile> {
  const file = new VFile({path: filePath, cwd})
  let bytes: Uint8Array
  try {
    bytes = await readFile(filePath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a file' : `cannot read the file (${code})`
    fatal(file, reason, {line: 1, column: 1}, 'unreadable-file')
    return file
  }
  checkSourceBytes(file, bytes)
  return file
}

/** Decode `bytes` into `file.value`; returns false, with a fatal message on `file`, when it cannot be built. */
export function checkSourceBytes(file: VFile, bytes: Uint8Array): boolean {
  const offset = findInvalidUtf8(bytes)
  if (offset !== -1) {
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
