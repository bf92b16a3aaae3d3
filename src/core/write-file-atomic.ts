import {randomBytes} from 'node:crypto'
import {mkdir, open, readdir, readFile, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {isProcessRunning} from './process-alive.ts'

/**
 * The name of a temporary file next to `file`: `.tandem-tmp-<pid>-<12 hex>-<name>`. The pid tells a
 * leftover of a killed process from the file another running build is writing right now.
 */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.tandem-tmp-${process.pid}-${randomBytes(6).toString('hex')}-${path.basename(file)}`)
}

/** tandem's temporary files, and nothing else: with the pid of their writer, or from before names had one. */
const temporaryPattern = /^\.tandem-tmp-(?:(\d+)-)?[0-9a-f]{12}-./

/** Whether a file name is one of `temporaryName()`'s. */
export function isTemporaryFile(name: string): boolean {
  return temporaryPattern.test(name)
}

/** A temporary file older than this is a leftover whatever its pid says (pids are reused). */
export const leftoverAgeMs = 10 * 60_000

/**
 * Write `content` to `file` through a temporary file and a rename, so readers never see half a file.
 * An unchanged file is left alone (same bytes, same mtime). Resolves to whether it wrote.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<boolean> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  try {
    if (Buffer.compare(await readFile(file), bytes) === 0) return false
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(path.dirname(file), {recursive: true})
  const temporary = temporaryName(file)
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
  return true
}

/**
 * Remove the temporary files a killed tandem process left in `folders` (and below them): only names of
 * `temporaryName()`'s pattern, whose process is gone or that are older than `leftoverAgeMs`. Resolves to the
 * paths removed. A missing folder is skipped.
 */
export async function removeLeftovers(folders: readonly string[]): Promise<string[]> {
  const removed: string[] = []
  for (const folder of folders) {
    let entries
    try {
      entries = await readdir(folder, {recursive: true, withFileTypes: true})
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') continue
      throw error
    }
    for (const entry of entries) {
      const match = temporaryPattern.exec(entry.name)
      if (!match || !entry.isFile()) continue
      const file = path.join(entry.parentPath, entry.name)
      const pid = match[1] === undefined ? undefined : Number(match[1])
      try {
        const age = Date.now() - (await stat(file)).mtimeMs
        const writerGone = pid !== undefined && !isProcessRunning(pid)
        if (!writerGone && age <= leftoverAgeMs) continue
        await rm(file, {force: true})
        removed.push(file)
      } catch (error) {
        // Renamed or removed by its writer meanwhile.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
  }
  return removed
}
