import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {i18n} from 'i18next'
import {TandemError} from '../errors.ts'
import {createI18n, type UiLanguage} from '../i18n/index.ts'
import {importPlainText} from '../import/index.ts'
import {build} from '../pipeline/build.ts'
import {DEFAULTS} from '../pipeline/defaults.ts'
import {readSourceFile} from '../pipeline/read-source.ts'
import {pairTranslations} from '../memory/pair-translations.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {writeFileAtomic} from '../output/write-file-atomic.ts'
import {DeepLProvider, deeplOptionsFromEnvironment} from '../providers/deepl.ts'
import {ProviderAuthorizationError, ProviderQuotaError} from '../providers/errors.ts'
import {countMessages, formatMessages} from './report.ts'

/** Exit codes: only the CLI picks them. */
export const EXIT = {ok: 0, errors: 1, fatal: 2, quota: 3} as const

export interface CliIo {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: (text: string) => void
  stderr: (text: string) => void
}

const defaultIo: CliIo = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n')
}

/** Run the `tandem` command; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok
  let ui: i18n = createI18n('en')
  const program = new Command('tandem')
    .description('German Markdown → English edition and side-by-side view, with a name glossary and a translation memory')
    .addOption(new Option('--ui <lang>', 'language of messages').choices(['en', 'de']).default('en'))
    .exitOverride()
    .configureOutput({writeOut: (text) => io.stdout(text.trimEnd()), writeErr: (text) => io.stderr(text.trimEnd())})
    .hook('preAction', (command) => {
      ui = createI18n(command.opts<{ui: UiLanguage}>().ui)
    })

  program
    .command('build')
    .description(`build ${DEFAULTS.targetDir} and ${DEFAULTS.parallelDir} from ${DEFAULTS.sourceDir}`)
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .option('--target-lang <code>', 'DeepL target language', DEFAULTS.targetLang)
    .option('--server-url <url>', 'DeepL API server (default: DEEPL_SERVER_URL, else DeepL)')
    .option('--concurrency <n>', 'files built at once', positiveInteger, DEFAULTS.concurrency)
    .action(async (files: string[], options: {targetLang: string; serverUrl?: string; concurrency: number}) => {
      exitCode = await runBuild(files, options, io, ui)
    })

  program
    .command('import')
    .description(`turn a plain-text article into ${DEFAULTS.sourceDir}/<slug>.md`)
    .argument('<file>', 'plain-text article: title on line 1, blank lines between paragraphs')
    .option('--slug <slug>', 'file name without .md (default: from the title)')
    .option('--force', 'overwrite an existing German file')
    .action(async (file: string, options: {slug?: string; force?: boolean}) => {
      exitCode = await runImport(file, options, io, ui)
    })

  program
    .command('memory')
    .description('work with the translation memory')
    .command('import')
    .description('pair a German file with its existing English version, block by block, and add the pairs to the memory')
    .argument('<german>', 'German Markdown file')
    .argument('<english>', 'English Markdown file with the same blocks')
    .addOption(new Option('--origin <origin>', 'who translated it').choices(['human', 'import']).default('human'))
    .option('--date <yyyy-mm-dd>', 'date recorded on the pairs (default: today)')
    .option('--target-lang <code>', 'target language of the pairs', DEFAULTS.targetLang)
    .action(async (german: string, english: string, options: {origin: 'human' | 'import'; date?: string; targetLang: string}) => {
      exitCode = await runMemoryImport(german, english, options, io)
    })

  try {
    await program.parseAsync([...argv], {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.fatal
    io.stderr(`tandem: ${error instanceof Error ? error.message : String(error)}`)
    return EXIT.fatal
  }
  return exitCode
}

async function runBuild(
  files: string[],
  options: {targetLang: string; serverUrl?: string; concurrency: number},
  io: CliIo,
  ui: i18n
): Promise<number> {
  const deeplOptions = deeplOptionsFromEnvironment(io.env, {
    targetLang: options.targetLang,
    ...(options.serverUrl ? {serverUrl: options.serverUrl} : {})
  })
  try {
    const result = await build({
      root: io.cwd,
      ...(files.length > 0 ? {files} : {}),
      ...(deeplOptions ? {provider: new DeepLProvider(deeplOptions)} : {}),
      targetLang: options.targetLang,
      concurrency: options.concurrency
    })
    const vfiles = result.files.map((built) => built.file)
    const report = formatMessages(vfiles, io.cwd)
    if (report) io.stderr(report)
    const built = result.files.filter((file) => file.ok)
    const unchanged = built.filter((file) => file.written.length === 0).length
    const failed = result.files.length - built.length
    if (result.files.length === 0) io.stderr(ui.t('cli.noFiles', {dir: DEFAULTS.sourceDir}))
    const summary = [ui.t('cli.built', {count: built.length}), ui.t('cli.unchanged', {count: unchanged})]
    if (result.translated > 0) summary.push(ui.t('cli.translated', {count: result.translated, characters: result.billedCharacters}))
    if (failed > 0) summary.push(ui.t('cli.failed', {count: failed}))
    io.stderr(summary.join(', '))
    if (result.stoppedBy instanceof ProviderQuotaError) return EXIT.quota
    if (result.stoppedBy instanceof ProviderAuthorizationError) return EXIT.fatal
    return countMessages(vfiles).errors > 0 ? EXIT.errors : EXIT.ok
  } catch (error) {
    if (error instanceof TandemError) {
      io.stderr(`tandem: ${error.message}`)
      return EXIT.fatal
    }
    throw error
  }
}

async function runImport(input: string, options: {slug?: string; force?: boolean}, io: CliIo, ui: i18n): Promise<number> {
  const filePath = path.resolve(io.cwd, input)
  const file = new VFile({path: filePath, cwd: io.cwd})
  try {
    file.value = await readFile(filePath)
    const article = importPlainText(file, options.slug === undefined ? {} : {slug: options.slug})
    const output = path.join(DEFAULTS.sourceDir, `${article.slug}.md`)
    const target = path.join(io.cwd, output)
    if (!options.force && (await exists(target))) {
      file.fail(`\`${output}\` exists already; pass --force to overwrite it`, {ruleId: 'file-exists', source: 'tandem'})
    }
    await writeFileAtomic(target, article.markdown)
    io.stderr(ui.t('cli.imported', {file: output}))
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error
  }
  const report = formatMessages([file], io.cwd)
  if (report) io.stderr(report)
  return countMessages([file]).errors > 0 ? EXIT.errors : EXIT.ok
}

async function runMemoryImport(
  german: string,
  english: string,
  options: {origin: 'human' | 'import'; date?: string; targetLang: string},
  io: CliIo
): Promise<number> {
  const files = await Promise.all([german, english].map((input) => readSourceFile(path.resolve(io.cwd, input), io.cwd)))
  const [germanFile, englishFile] = files as [VFile, VFile]
  let added = 0
  if (!files.some((file) => file.messages.some((message) => message.fatal))) {
    try {
      const records = await pairTranslations(germanFile, englishFile, {
        sourceLang: DEFAULTS.sourceLang,
        targetLang: options.targetLang,
        frontmatterFields: DEFAULTS.frontmatterFields,
        origin: options.origin,
        date: options.date ?? new Date().toISOString().slice(0, 10)
      })
      const memory = await TranslationMemory.open(path.join(io.cwd, DEFAULTS.memoryPath))
      await memory.append(records)
      await memory.compact()
      added = records.length
    } catch (error) {
      if (!(error instanceof VFileMessage)) throw error
    }
  }
  const report = formatMessages(files, io.cwd)
  if (report) io.stderr(report)
  if (countMessages(files).errors > 0) return EXIT.errors
  io.stderr(`${added} pairs added to ${DEFAULTS.memoryPath}`)
  return EXIT.ok
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return number
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}
