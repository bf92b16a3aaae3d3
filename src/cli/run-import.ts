import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {i18n} from 'i18next'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {importPlainText} from '../import/index.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {readSourceFile} from '../pipeline/read-source.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {fileExists, reportFiles, type CliIo} from './io.ts'

export interface ImportCommandOptions {
  slug?: string
  force?: boolean
  /** `date` in the front matter, `YYYY-MM-DD`. */
  date?: string
  author?: string
  /** `sourceUrl` in the front matter. */
  sourceUrl?: string
}

export async function runImport(input: string, options: ImportCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  const filePath = path.resolve(io.cwd, input)
  const file = new VFile({path: filePath, cwd: io.cwd})
  try {
    file.value = await readFile(filePath)
  } catch {
    // Let the shared reader say what is wrong with the path.
    return reportFiles([await readSourceFile(filePath, io.cwd)], io, ui)
  }
  try {
    const {slug, date, author, sourceUrl} = options
    const article = importPlainText(file, {
      ...(slug === undefined ? {} : {slug}),
      ...(date === undefined ? {} : {date}),
      ...(author === undefined ? {} : {author}),
      ...(sourceUrl === undefined ? {} : {sourceUrl})
    })
    const output = path.join(DEFAULTS.sourceDir, `${article.slug}.md`)
    const target = path.join(io.cwd, output)
    if (!options.force && (await fileExists(target))) {
      throw fileMessage(file, 'error', phrase('messages.file-exists', '`{{file}}` exists already; pass --force to overwrite it', {file: output}))
    }
    await writeFileAtomic(target, article.markdown)
    io.stderr(ui.t('cli.imported', {file: output}))
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error
  }
  return reportFiles([file], io, ui)
}
