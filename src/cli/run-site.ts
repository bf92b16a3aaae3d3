import path from 'node:path'
import type {i18n} from 'i18next'
import type {UiLanguage} from '../i18n/index.ts'
import {writeReaderSite} from '../pipeline/write-site.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'

/** `tandem site`: the bilingual reader from content/de, the memory and the glossary; no provider, no network. */
export async function runSite(io: CliIo, ui: i18n): Promise<number> {
  const language: UiLanguage = ui.language === 'de' ? 'de' : 'en'
  const site = await writeReaderSite({root: io.cwd, ui: language})
  // Only what stops a page from being written is reported here; glossary QA is `tandem check`'s job.
  const blocking = site.files.filter((file) => file.messages.some((message) => message.fatal))
  const exitCode = reportFiles(blocking, io, ui)
  const dir = path.relative(io.cwd, site.dir) || '.'
  if (site.pages.length > 0) io.stderr(ui.t('cli.site', {count: site.pages.length - 1, dir}))
  return blocking.length > 0 ? EXIT.errors : exitCode
}
