import path from 'node:path'
import {Command, CommanderError, InvalidArgumentError, Option} from 'commander'
import type {i18n} from 'i18next'
import {TandemError} from '../core/errors.ts'
import {glossaryKinds, type GlossaryKind} from '../glossary/names-file.ts'
import {createI18n, type UiLanguage} from '../i18n/index.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {deeplFormalities, targetLanguageProblem} from '../core/languages.ts'
import {findProjectRoot} from '../pipeline/project.ts'
import {packageVersion} from '../core/version.ts'
import {MemoryFileError} from '../memory/translation-memory.ts'
import {EXIT, processInterrupts, reportFiles, type CliIo} from './io.ts'
import {runBuild, type BuildCommandOptions} from './run-build.ts'
import {runCheck, runGlossaryAdd, runGlossaryCandidates, runGlossaryLint, runGlossaryList} from './run-glossary.ts'
import {runGlossarySync} from './run-glossary-sync.ts'
import {runGlossarySuggest} from './run-glossary-suggest.ts'
import {runClean, type CleanCommandOptions} from './run-clean.ts'
import {runHarvest} from './run-harvest.ts'
import {runImport, type ImportCommandOptions} from './run-import.ts'
import {runMemoryImport, runMemoryMerge, runMemoryRekey} from './run-memory.ts'
import {runMemoryAlign, type MemoryAlignOptions} from './run-align.ts'
import {interchangeCommands, runMemoryImportOrTmx} from './interchange-commands.ts'
import {runSite} from './run-site.ts'
import {runStatus} from './run-status.ts'

export {EXIT, type CliIo} from './io.ts'

const defaultIo: CliIo = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
  progress: process.stderr,
  interrupts: processInterrupts
}

/** Run the `tandem` command; resolves to the exit code. The only place that prints or picks exit codes. */
export async function main(argv: readonly string[], base: CliIo = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok
  let ui: i18n = createI18n('en')
  let quiet = false
  // Every command gets this one object: `--quiet` and the project root are known only once the arguments are parsed.
  const io: CliIo = {
    ...base,
    // Quiet: errors and warnings only (the file reports, `tandem: …` and commander's `error: …`); stdout is what was asked for.
    stderr: (text) => {
      if (!quiet || /^(tandem|error):/.test(text)) base.stderr(text)
    },
    report: base.report ?? base.stderr,
    get progress() {
      return quiet ? undefined : base.progress
    }
  }
  // No commander defaults: an option not given leaves the project's config file (or DEFAULTS) in charge.
  const targetLang = () => new Option('--target-lang <code>', `target language, one of DeepL's${byDefault(DEFAULTS.targetLang)}`).argParser(targetLanguage)
  const program = new Command('tandem')
    .description('German Markdown → English edition and side-by-side view, with a name glossary and a translation memory')
    .version(packageVersion(), '-V, --version', "print tandem's version")
    .addOption(new Option('--ui <lang>', 'language of the messages and the reader (default: from LC_ALL, LC_MESSAGES or LANG, else en)').choices(['en', 'de']))
    .option('-q, --quiet', 'print only errors and warnings')
    .exitOverride()
    .configureOutput({writeOut: (text) => io.stdout(text.trimEnd()), writeErr: (text) => io.stderr(text.trimEnd())})
    .hook('preAction', async (command, action) => {
      const global = command.opts<{ui?: UiLanguage; quiet?: boolean}>()
      ui = createI18n(global.ui ?? uiFromEnvironment(io.env))
      quiet = global.quiet ?? false
      // The git merge driver works on the files git names, wherever it runs.
      if (action.name() === 'merge' && action.parent?.name() === 'memory') return
      await enterProject(action, io)
    })

  program
    .command('build')
    .description(`build ${DEFAULTS.targetDir} and ${DEFAULTS.parallelDir} from ${DEFAULTS.sourceDir}`)
    .argument('[files...]', `German Markdown files inside ${DEFAULTS.sourceDir} (default: all of them)`)
    .addOption(targetLang())
    .addOption(new Option('--formality <formality>', `DeepL's formality; \`more\` and \`less\` only where DeepL has them${byDefault(DEFAULTS.formality)}`).choices(deeplFormalities))
    .addOption(new Option('--provider <name>', `who translates the misses (default: ${DEFAULTS.provider})`).choices(['deepl', 'openai']))
    .option('--server-url <url>', 'DeepL API server (default: DEEPL_SERVER_URL, else DeepL)')
    .option('--base-url <url>', `with --provider openai: the OpenAI-compatible server (default: OPENAI_BASE_URL, else ${DEFAULTS.openai.baseUrl})`)
    .option('--model <name>', `with --provider openai: the model${byDefault(DEFAULTS.openai.model)}`)
    .option('--temperature <t>', `with --provider openai: sampling temperature${byDefault(DEFAULTS.openai.temperature)}`, nonNegativeNumber)
    .option('--concurrency <n>', `provider requests in flight at once (and files read at once)${byDefault(DEFAULTS.concurrency)}`, positiveInteger)
    .option('--dry-run', 'count segments, memory hits, characters, requests and cost per file; send nothing')
    .option('--json', 'with --dry-run: the figures as JSON on stdout')
    .option('--price <euros>', `price per million billed characters, for cost figures${byDefault(DEFAULTS.price.perMillion)}`, positiveNumber)
    .option('--timeout <ms>', `timeout of one provider request (default: ${DEFAULTS.deepl.timeoutMs} for DeepL, ${DEFAULTS.openai.timeoutMs} for openai)`, positiveInteger)
    .option('--retry-delay <ms>', `first wait before retrying a 429, 5xx, timeout or reset; each retry waits 1.6 times longer${byDefault(DEFAULTS.retry.initialDelayMs)}`, wholeNumber)
    .option('--author <name>', "recorded on post-edits harvested from the English edition (default: git's user.name)")
    .option('--keep-stale', 'keep a human translation whose German has changed in the English edition, instead of the new translation')
    .option('--force', 'overwrite English editions whose blocks no longer pair, once the post-edits that pair are harvested')
    .action(async (files: string[], options: BuildCommandOptions) => {
      exitCode = await runBuild(files, options, io, ui)
    })

  program
    .command('clean')
    .description(`remove outputs whose German source in ${DEFAULTS.sourceDir} is gone; a post-edited English edition only with --force, after storing its edits`)
    .option('--dry-run', 'list what would be removed')
    .option('--force', 'also remove post-edited English editions, once their edits are in the memory')
    .option('--author <name>', "recorded on the stored edits (default: git's user.name)")
    .action(async (options: CleanCommandOptions) => {
      exitCode = await runClean(options, io)
    })

  program
    .command('harvest')
    .description(`store editors' changes to ${DEFAULTS.targetDir} in the memory as human translations, without building`)
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .option('--author <name>', "recorded on the human translations (default: git's user.name)")
    .action(async (files: string[], options: {author?: string}) => {
      exitCode = await runHarvest(files, options, io, ui)
    })

  program
    .command('status')
    .description('which English editions are stale (source or glossary changed since they were built), and what a build would send')
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .addOption(targetLang())
    .option('--json', 'the same as JSON on stdout')
    .option('--price <euros>', `price per million billed characters, for the cost figure${byDefault(DEFAULTS.price.perMillion)}`, positiveNumber)
    .action(async (files: string[], options: {targetLang?: string; json?: boolean; price?: number}) => {
      exitCode = await runStatus(files, options, io, ui)
    })

  program
    .command('check')
    .description('glossary QA on the translations in the memory, without translating or writing')
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .option('--strict', 'glossary violations are errors (exit 1)')
    .addOption(targetLang())
    .action(async (files: string[], options: {strict?: boolean; targetLang?: string}) => {
      exitCode = await runCheck(files, options, io, ui)
    })

  program
    .command('import')
    .description(`turn a plain-text article into ${DEFAULTS.sourceDir}/<slug>.md`)
    .argument('<file>', 'plain-text article: title on line 1, blank lines between paragraphs')
    .option('--slug <slug>', 'file name without .md (default: from the title)')
    .option('--force', 'overwrite an existing German file')
    .option('--date <yyyy-mm-dd>', 'the article\'s date, written as `date` in the front matter (the reader and the feed order by it)')
    .option('--author <name>', 'who wrote it, written as `author` (the feed names it)')
    .option('--source-url <url>', 'where it was published, written as `sourceUrl`')
    .action(async (file: string, options: ImportCommandOptions) => {
      exitCode = await runImport(file, options, io, ui)
    })

  program
    .command('site')
    .description('write the bilingual reader (site/) from the German sources, the memory and the glossary; --ui sets its language')
    .action(async () => {
      exitCode = await runSite(io, ui)
    })

  const memory = program.command('memory').description('work with the translation memory')
  memory
    .command('import')
    .description('add a TMX to the memory, or pair a German file with its existing English version, block by block')
    .argument('<file>', 'a TMX file (1.1–1.4b), or a German Markdown file')
    .argument('[english]', 'with a German file: the English Markdown file with the same blocks')
    .addOption(new Option('--origin <origin>', 'who translated it (default: import for TMX, human for pairs)').choices(['human', 'import']))
    .addOption(new Option('--prefer <which>', 'TMX: on a conflict with a human translation, make the imported one current').choices(['import']))
    .option('--date <yyyy-mm-dd>', 'date recorded on the pairs (default: today)')
    .addOption(targetLang())
    .action(async (file: string, english: string | undefined, options: {origin?: 'human' | 'import'; prefer?: 'import'; date?: string; targetLang?: string}) => {
      exitCode = await runMemoryImportOrTmx(file, english, options, io, ui, runMemoryImport)
    })
  memory
    .command('align')
    .description('align a German file with an existing English version whose blocks differ (added, merged, split), and add the pairs to the memory')
    .argument('<german>', 'German Markdown file')
    .argument('<english>', 'English Markdown file')
    .option('--dry-run', 'print the alignment as a table with confidences; store nothing')
    .addOption(new Option('--origin <origin>', 'who translated it').choices(['human', 'import']).default('import'))
    .option('--min-confidence <x>', 'pairs below this confidence (0–1) are listed, not stored', confidence, DEFAULTS.align.minConfidence)
    .option('--date <yyyy-mm-dd>', 'date recorded on the pairs (default: today)')
    .addOption(targetLang())
    .action(async (german: string, english: string, options: MemoryAlignOptions) => {
      exitCode = await runMemoryAlign(german, english, options, io, ui)
    })
  memory
    .command('rekey')
    .description('after a glossary change, give stored translations the keys the current glossary gives their segments')
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .addOption(targetLang())
    .action(async (files: string[], options: {targetLang?: string}) => {
      exitCode = await runMemoryRekey(files, options, io)
    })
  memory
    .command('merge')
    .description('git merge driver: write the sorted union of the records of BASE, OURS and THEIRS to OURS; human records are never dropped')
    .argument('[files...]', 'BASE OURS THEIRS, as git passes them (%O %A %B)')
    .option('--setup', 'print the .gitattributes line and the git config line that enable the driver')
    .action(async (files: string[], options: {setup?: boolean}) => {
      exitCode = await runMemoryMerge(files, options, io, ui)
    })

  const glossary = program.command('glossary').description(`work with the name glossary, ${DEFAULTS.glossaryPath}`)
  glossary
    .command('list')
    .description('print the entries')
    .addOption(new Option('--kind <kind>', 'only this kind').choices(glossaryKinds))
    .action(async (options: {kind?: GlossaryKind}) => {
      exitCode = await runGlossaryList(options, io)
    })
  glossary
    .command('add')
    .description('add an entry, keeping the file sorted; duplicates and conflicts are refused')
    .argument('<de>', 'the German form')
    .argument('<en>', 'the English form')
    .addOption(new Option('--kind <kind>', 'what it names').choices(glossaryKinds).default('person'))
    .option('--note <note>', 'a note for maintainers and readers')
    .action(async (de: string, en: string, options: {kind: GlossaryKind; note?: string}) => {
      exitCode = await runGlossaryAdd(de, en, options, io)
    })
  glossary
    .command('lint')
    .description('duplicates, conflicts, empty fields, stray whitespace and chains, with their lines')
    .action(async () => {
      exitCode = await runGlossaryLint(io)
    })
  glossary
    .command('candidates')
    .description('probable names in the articles that the glossary lacks, with counts and first places (TSV on stdout)')
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .option('--min <n>', 'only names seen at least this often', positiveInteger, 1)
    .action(async (files: string[], options: {min: number}) => {
      exitCode = await runGlossaryCandidates(files, options, io)
    })
  glossary
    .command('suggest')
    .description('English spellings for German-press names, best first with the reason (default: the names `candidates` finds)')
    .argument('[names...]', 'German names, as German papers write them')
    .option('--json', 'all suggestions as JSON')
    .option('--add', 'write the best spelling of each name into the names file')
    .action(async (names: string[], options: {json?: boolean; add?: boolean}) => {
      exitCode = await runGlossarySuggest(names, options, io, ui)
    })
  glossary
    .command('check')
    .description('the same as `tandem check`')
    .argument('[files...]', `German Markdown files (default: all of ${DEFAULTS.sourceDir})`)
    .option('--strict', 'glossary violations are errors (exit 1)')
    .addOption(targetLang())
    .action(async (files: string[], options: {strict?: boolean; targetLang?: string}) => {
      exitCode = await runCheck(files, options, io, ui)
    })

  glossary
    .command('sync')
    .description('create the DeepL glossary of the names file, named by its hash, and delete stale ones; builds then use it')
    .option('--server-url <url>', 'DeepL API server (default: DEEPL_SERVER_URL, else DeepL)')
    .action(async (options: {serverUrl?: string}) => {
      exitCode = await runGlossarySync(options, io)
    })

  interchangeCommands(program, memory, glossary, io, () => ui, targetLang, (code) => {
    exitCode = code
  })

  try {
    await program.parseAsync([...argv], {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.fatal
    // Broken memory lines are reported like any file's problems, at memory/de-en.jsonl:line:column.
    if (error instanceof MemoryFileError) return reportFiles([error.file], io)
    if (error instanceof TandemError) {
      io.stderr(`tandem: ${error.message}`)
      return EXIT.fatal
    }
    // Anything else is a fault of tandem's or of the machine (a full disk): say what, and exit as fatal.
    const code = (error as NodeJS.ErrnoException).code
    io.stderr(`tandem: ${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`)
    return EXIT.fatal
  }
  return exitCode
}

/** Arguments and options that name files: resolved against the folder the command was run in. */
const pathArguments = new Set(['files', 'file', 'german', 'english'])

/**
 * Find the project from the folder the command runs in, as git finds its repository, and make it the
 * commands' `cwd`, with the file arguments resolved against where they were typed. Outside a project: exit 2.
 */
async function enterProject(action: Command, io: CliIo): Promise<void> {
  const root = await findProjectRoot(io.cwd)
  if (root === undefined) {
    throw new TandemError(
      `not inside a tandem project: neither ${io.cwd} nor a folder above it has tandem.config.json or ${DEFAULTS.sourceDir}; create ${DEFAULTS.sourceDir} (or tandem.config.json) to start one`
    )
  }
  if (root === path.resolve(io.cwd)) return
  const from = io.cwd
  const resolve = (value: unknown) => (typeof value === 'string' ? path.resolve(from, value) : value)
  action.registeredArguments.forEach((argument, index) => {
    if (!pathArguments.has(argument.name())) return
    const value: unknown = action.processedArgs[index]
    action.processedArgs[index] = Array.isArray(value) ? value.map(resolve) : resolve(value)
  })
  if (action.getOptionValue('output') !== undefined) action.setOptionValue('output', resolve(action.getOptionValue('output')))
  io.cwd = root
}

function targetLanguage(value: string): string {
  const problem = targetLanguageProblem(value)
  if (problem) throw new InvalidArgumentError(problem)
  return value
}

/** The default as the help shows it. */
function byDefault(value: string | number): string {
  return ` (default: ${value})`
}

function positiveNumber(value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a number above 0')
  return number
}

function nonNegativeNumber(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError('expected a number of at least 0')
  return number
}

function wholeNumber(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('expected a whole number of at least 0')
  return number
}

function confidence(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) throw new InvalidArgumentError('expected a number from 0 to 1')
  return number
}

function positiveInteger(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number of at least 1')
  return number
}

/** The interface language a user's locale asks for, as gettext reads it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`. */
export function uiFromEnvironment(env: NodeJS.ProcessEnv): UiLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? ''
  return /^de([_.@-]|$)/i.test(locale) ? 'de' : DEFAULTS.ui
}
