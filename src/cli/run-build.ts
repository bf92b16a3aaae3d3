import type {i18n} from 'i18next'
import {deeplGlossaryName} from '../glossary/deepl-glossary-name.ts'
import {build} from '../pipeline/build.ts'
import {DEFAULTS} from '../pipeline/defaults.ts'
import {openProject} from '../pipeline/project.ts'
import {DeepLProvider, deeplOptionsFromEnvironment} from '../providers/deepl.ts'
import {ProviderAuthorizationError, ProviderQuotaError} from '../providers/errors.ts'
import {EXIT, reportFiles, type CliIo} from './io.ts'

export interface BuildCommandOptions {
  targetLang: string
  serverUrl?: string
  concurrency: number
}

export async function runBuild(files: string[], options: BuildCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  const deeplOptions = deeplOptionsFromEnvironment(io.env, {
    targetLang: options.targetLang,
    ...(options.serverUrl ? {serverUrl: options.serverUrl} : {})
  })
  const project = await openProject({
    root: io.cwd,
    ...(files.length > 0 ? {files} : {}),
    targetLang: options.targetLang,
    concurrency: options.concurrency
  })
  // The glossary `tandem glossary sync` made from today's names file; the provider looks it up on its first miss.
  if (deeplOptions) deeplOptions.glossaryName = deeplGlossaryName(project.glossaryHash)
  const result = await build({
    project,
    ...(deeplOptions ? {provider: new DeepLProvider(deeplOptions)} : {})
  })
  const exitCode = reportFiles([result.glossary, ...result.files.map((built) => built.file)], io)
  const built = result.files.filter((file) => file.ok)
  const unchanged = built.filter((file) => file.written.length === 0).length
  const failed = result.files.length - built.length
  if (result.files.length === 0 && exitCode === EXIT.ok) io.stderr(ui.t('cli.noFiles', {dir: DEFAULTS.sourceDir}))
  const summary = [ui.t('cli.built', {count: built.length}), ui.t('cli.unchanged', {count: unchanged})]
  if (result.translated > 0) summary.push(ui.t('cli.translated', {count: result.translated, characters: result.billedCharacters}))
  if (failed > 0) summary.push(ui.t('cli.failed', {count: failed}))
  io.stderr(summary.join(', '))
  if (result.stoppedBy instanceof ProviderQuotaError) return EXIT.quota
  if (result.stoppedBy instanceof ProviderAuthorizationError) return EXIT.fatal
  return exitCode
}
