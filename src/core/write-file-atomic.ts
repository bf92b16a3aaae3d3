import {randomBytes} from 'node:crypto'
import {mkdir, open, readFile, rename, rm} from 'node:fs/promises'
import path from 'node:path'

/**
 * Write `content` to `file` through a temporary file and a rename, so readers never see half a file.
 * An unchanged file is left alone (same bytes, same mtime). Resolves to whether it wrote.
 */
export async function writeFileAtomic(file: string, content: string): Promise<boolean> {
  const bytes = Buffer.from(content, 'utf8')
  try {
    if (Buffer.compare(await readFile(file), bytes) === 0) return false
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(path.dirname(file), {recursive: true})
  const temporary = path.join(path.dirname(file), `.tandem-tmp-${randomBytes(6).toString('hex')}-${path.basename(file)}`)
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
