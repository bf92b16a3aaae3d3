import type {i18n} from 'i18next'
import {deeplGlossaryName} from '../glossary/deepl-glossary-name.ts'
import {openProject} from '../pipeline/project.ts'
import {DeepLProvider, deeplOptionsFromEnvironment} from '../providers/deepl.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'

export interface GlossarySyncCommandOptions {
  /** DeepL API server; default: `DEEPL_SERVER_URL`, else DeepL's. */
  serverUrl?: string
}

/**
 * `tandem glossary sync`: make the DeepL glossary `tandem-names-<hash>` from names.tsv (or keep it when
 * it exists) and delete the stale `tandem-names-*` ones. Builds then send its id.
 */
export async function runGlossarySync(options: GlossarySyncCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  const deeplOptions = deeplOptionsFromEnvironment(io.env, options.serverUrl ? {serverUrl: options.serverUrl} : {})
  if (!deeplOptions) {
    io.stderr(`tandem: ${ui.t('cli.glossary.syncNeedsKey')}`)
    return EXIT.fatal
  }
  // No article is read: `files: []` spares the walk through the sources.
  const project = await openProject({root: io.cwd, files: []})
  const glossaryPath = project.settings.glossaryPath
  if (project.glossaryBroken) {
    reportFiles([project.glossary.file], io, ui)
    io.stderr(ui.t('cli.glossary.syncBroken', {file: glossaryPath}))
    return EXIT.errors
  }
  const name = deeplGlossaryName(project.glossaryHash)
  if (!name || project.glossary.entries.length === 0) {
    io.stderr(`tandem: ${ui.t('cli.glossary.syncEmpty', {file: glossaryPath})}`)
    return EXIT.fatal
  }
  const provider = new DeepLProvider({...deeplOptions, glossaryName: name})
  // Provider errors (a refused key, an unreachable server) reach main(), which prints them, scrubbed, and exits 2.
  const result = await provider.syncGlossary(
    project.glossary.entries.map((entry) => ({de: entry.de, en: entry.en})),
    name
  )
  const count = result.deleted.length
  const deleted = count === 0 ? '' : ui.t('cli.glossary.deleted', {count})
  const entries = ui.t('cli.glossary.entries', {count: result.entryCount})
  io.stderr(ui.t(result.created ? 'cli.glossary.created' : 'cli.glossary.kept', {name: result.name, entries, deleted}))
  return EXIT.ok
}
