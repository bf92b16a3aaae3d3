import {readFileSync, realpathSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {findInvalidUtf8} from '../core/utf8.ts'
import {fileMessage, phrase} from '../core/phrase.ts'

export const utf8Bom = '\uFEFF'

/**
 * Read a German source as a VFile, with what is wrong with its bytes reported on it:
 * empty, binary, UTF-16 and invalid UTF-8 are fatal (the file is not built), a BOM and CRLF are warned about.
 * `cwd` is the project root: a symbolic link that leads out of it is not followed.
 */
export async function readSourceFile(filePath: string, cwd: string): Promise<VFile> {
  const file = new VFile({path: filePath, cwd})
  let bytes: Uint8Array
  try {
    // A link inside the project to somewhere else on the machine would have tandem translate (and send) a file
    // that is not the project's. A path given outside the project (`memory import ../old/de.md`) is the user's choice.
    if (isInside(cwd, path.resolve(filePath)) && !isInside(realRoot(cwd), realpathSync.native(filePath))) {
      fileMessage(file, 'error', phrase('messages.outside-project', 'a symbolic link to a file outside the project; tandem does not follow it'), {line: 1, column: 1})
      return file
    }
    // Synchronous, as readSmallFile says why; a missing file is reported below like any other.
    bytes = readFileSync(filePath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? phrase('messages.unreadable-file.missing', 'no such file')
        : code === 'EISDIR'
          ? phrase('messages.unreadable-file.folder', 'this is a folder, not a file')
          : phrase('messages.unreadable-file.other', 'cannot read the file ({{code}})', {code: String(code)})
    fileMessage(file, 'error', reason, {line: 1, column: 1})
    return file
  }
  checkSourceBytes(file, bytes)
  return file
}

/** The project root with its links resolved, once per root rather than once per file. */
const realRoots = new Map<string, string>()
function realRoot(cwd: string): string {
  let real = realRoots.get(cwd)
  if (real === undefined) {
    real = realpathSync.native(cwd)
    realRoots.set(cwd, real)
  }
  return real
}

/** Decode `bytes` into `file.value`; returns false, with a fatal message on `file`, when it cannot be built. */
export function checkSourceBytes(file: VFile, bytes: Uint8Array): boolean {
  const utf16 = utf16Order(bytes)
  if (utf16) {
    fileMessage(file, 'error', phrase('messages.utf16', 'UTF-16 ({{order}}) text, not UTF-8; save the file as UTF-8', {order: utf16}), {line: 1, column: 1})
    return false
  }
  // Text has no NUL; images, PDFs and archives do (git's test for binary, too).
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    fileMessage(file, 'error', phrase('messages.binary-file', 'a binary file, not text (a NUL byte at offset {{offset}}); tandem builds Markdown saved as UTF-8', {offset: nul}), {line: 1, column: 1})
    return false
  }
  const offset = findInvalidUtf8(bytes)
  if (offset !== -1) {
    const before = Buffer.from(bytes.subarray(0, offset)).toString('utf8')
    const place = pointAt(before)
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0')
    fileMessage(file, 'error', phrase('messages.invalid-utf8.source', 'not valid UTF-8 (byte 0x{{byte}} at offset {{offset}}); save the file as UTF-8', {byte, offset}), place)
    return false
  }
  let text = Buffer.from(bytes).toString('utf8')
  if (text.startsWith(utf8Bom)) {
    text = text.slice(1)
    fileMessage(file, 'warning', phrase('messages.bom', 'the file starts with a byte order mark; it is ignored'), {line: 1, column: 1})
  }
  if (text.includes('\r')) {
    const index = text.indexOf('\r')
    fileMessage(file, 'warning', phrase('messages.crlf', 'the file has CR or CRLF line endings; they are read as LF'), pointAt(text.slice(0, index)))
    text = text.replace(/\r\n?/g, '\n')
  }
  file.value = text
  if (text.trim() === '') {
    fileMessage(file, 'error', phrase('messages.empty-file.source', 'the file is empty'), {line: 1, column: 1})
    return false
  }
  return true
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file)
  return !relative.startsWith('..') && !path.isAbsolute(relative)
}

/** The byte order of UTF-16 text: by its byte order mark, or by the NULs that ASCII letters bring in every other byte. */
function utf16Order(bytes: Uint8Array): 'little-endian' | 'big-endian' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian'
  const length = Math.min(bytes.length, 512)
  const sample = bytes.subarray(0, length - (length % 2))
  if (sample.length < 4) return undefined
  let even = 0
  let odd = 0
  for (const [index, byte] of sample.entries()) {
    if (byte !== 0) continue
    if (index % 2 === 0) even++
    else odd++
  }
  const half = sample.length / 2
  if (odd > half * 0.6 && even === 0) return 'little-endian'
  if (even > half * 0.6 && odd === 0) return 'big-endian'
  return undefined
}

/** Line and column (1-based, in characters) just after `text`. */
export function pointAt(text: string): {line: number; column: number} {
  const lastBreak = text.lastIndexOf('\n')
  const line = text.split('\n').length
  return {line, column: [...text.slice(lastBreak + 1)].length + 1}
}
