import {readFileSync} from 'node:fs'

/**
 * The bytes of a small per-article file (a source, an edition, its record, a page's entry), or undefined when it
 * does not exist. Synchronous on purpose: fs/promises' open, stat, read and close are four trips through libuv's
 * thread pool, and a rebuild that reads 8,000 such files spent half a second waiting on them instead of 0.1 s
 * (issue 15, P1b). Other errors are thrown.
 */
export function readSmallFile(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
