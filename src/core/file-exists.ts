import {access} from 'node:fs/promises'

/** Whether `file` (a file or a folder) exists and can be reached. */
export async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
