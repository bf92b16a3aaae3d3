import path from 'node:path'
import {Command, CommanderError, InvalidArgumentError, Option, type HelpConfiguration} from 'commander'
import type {i18n} from 'i18next'
import {errorText, TandemError} from '../core/errors.ts'
import {glossaryKinds, type GlossaryKind} from '../glossary/names-file.ts'
import {createI18n, say, type UiLanguage} from '../i18n/index.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {deeplFormalities, targetLanguageProblem} from '../core/languages.ts'
import {configuredUi, findProjectRoot} from '../pipeline/project.ts'
import {packageVersion} from '../core/version.ts'
import {MemoryFileError} from '../memory/translation-memory.ts'
import {EXIT, processInterrupts, reportFiles, type CliIo} from './io.ts'
// Each command's module is loaded when it runs: a rebuild with nothing to do must not load the providers' clients,
// the interchange formats and the rest (issue 15, P1b: a thousand modules were half a no-change build's time).
import type {BuildCommandOptions} from './run-build.ts'
import type {CleanCommandOptions} from './run-clean.ts'
import type {ImportCommandOptions} from './run-import.ts'
import type {MemoryAlignOptions} from './run-align.ts'
import {interchangeCommands} from './interchange-commands.ts'

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
  // The language is known before the program is built, so that its help is in it too.
  const ui = createI18n(await uiLanguage(argv, base))
  const {t} = ui
  let quiet = false
  // Every command gets this one object: `--quiet` and the project root are known only once the arguments are parsed.
  const io: CliIo = {
    ...base,
    // Quiet: errors and warnings only (the file reports and `tandem: …`); stdout is what was asked for.
    stderr: (text) => {
      if (!quiet || text.startsWith('tandem:')) base.stderr(text)
    },
    report: base.report ?? base.stderr,
    get progress() {
      return quiet ? undefined : base.progress
    }
  }
  const parse = optionParsers(ui)
  const byDefault = (value: string | number) => ` ${t('help.byDefault', {value})}`
  const germanFiles = () => t('help.germanFiles', {dir: DEFAULTS.sourceDir})
  // No commander defaults: an option not given leaves the project's config file (or DEFAULTS) in charge.
  const targetLang = () => new Option('--target-lang <code>', `${t('help.targetLang')}${byDefault(DEFAULTS.targetLang)}`).argParser(parse.targetLanguage)
  const program = new LocalizedCommand('tandem', ui)
    .description(t('help.program'))
    .version(packageVersion(), '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand('help [command]', t('help.help'))
    .configureHelp(localizedHelp(ui))
    .addOption(new Option('--ui <lang>', t('help.ui')).choices(['en', 'de']))
    .option('-q, --quiet', t('help.quiet'))
    .exitOverride()
    // commander's errors are never quiet: they go to stderr as they are.
    .configureOutput({writeOut: (text) => io.stdout(text.trimEnd()), writeErr: (text) => io.stderr(text.trimEnd()), outputError: (text) => base.stderr(text.trimEnd())})
    .hook('preAction', async (command, action) => {
      quiet = command.opts<{quiet?: boolean}>().quiet ?? false
      // The git merge driver works on the files git names, wherever it runs.
      if (action.name() === 'merge' && action.parent?.name() === 'memory') return
      await enterProject(action, io, ui)
    })

  program
    .command('build')
    .description(t('help.build.description', {target: DEFAULTS.targetDir, parallel: DEFAULTS.parallelDir, source: DEFAULTS.sourceDir}))
    .argument('[files...]', t('help.build.files', {dir: DEFAULTS.sourceDir}))
    .addOption(targetLang())
    .addOption(new Option('--formality <formality>', `${t('help.build.formality')}${byDefault(DEFAULTS.formality)}`).choices(deeplFormalities))
    .addOption(new Option('--provider <name>', t('help.build.provider', {default: DEFAULTS.provider})).choices(['deepl', 'openai']))
    .option('--server-url <url>', t('help.serverUrl'))
    .option('--base-url <url>', t('help.build.baseUrl', {default: DEFAULTS.openai.baseUrl}))
    .option('--model <name>', `${t('help.build.model')}${byDefault(DEFAULTS.openai.model)}`)
    .option('--temperature <t>', `${t('help.build.temperature')}${byDefault(DEFAULTS.openai.temperature)}`, parse.fromZero)
    .option('--concurrency <n>', `${t('help.build.concurrency')}${byDefault(DEFAULTS.concurrency)}`, parse.positiveWhole)
    .option('--dry-run', t('help.build.dryRun'))
    .option('--json', t('help.build.json'))
    .option('--price <euros>', `${t('help.build.price')}${byDefault(DEFAULTS.price.perMillion)}`, parse.positive)
    .option('--timeout <ms>', t('help.build.timeout', {deepl: DEFAULTS.deepl.timeoutMs, openai: DEFAULTS.openai.timeoutMs}), parse.positiveWhole)
    .option('--retry-delay <ms>', `${t('help.build.retryDelay')}${byDefault(DEFAULTS.retry.initialDelayMs)}`, parse.whole)
    .option('--author <name>', t('help.author'))
    .option('--keep-stale', t('help.build.keepStale'))
    .option('--force', t('help.build.force'))
    .action(async (files: string[], options: BuildCommandOptions) => {
      exitCode = await (await import('./run-build.ts')).runBuild(files, options, io, ui)
    })

  program
    .command('clean')
    .description(t('help.clean.description', {dir: DEFAULTS.sourceDir}))
    .option('--dry-run', t('help.clean.dryRun'))
    .option('--force', t('help.clean.force'))
    .option('--author <name>', t('help.clean.author'))
    .action(async (options: CleanCommandOptions) => {
      exitCode = await (await import('./run-clean.ts')).runClean(options, io, ui)
    })

  program
    .command('harvest')
    .description(t('help.harvest.description', {dir: DEFAULTS.targetDir}))
    .argument('[files...]', germanFiles())
    .option('--author <name>', t('help.harvest.author'))
    .action(async (files: string[], options: {author?: string}) => {
      exitCode = await (await import('./run-harvest.ts')).runHarvest(files, options, io, ui)
    })

  program
    .command('status')
    .description(t('help.status.description'))
    .argument('[files...]', germanFiles())
    .addOption(targetLang())
    .option('--json', t('help.json'))
    .option('--price <euros>', `${t('help.status.price')}${byDefault(DEFAULTS.price.perMillion)}`, parse.positive)
    .action(async (files: string[], options: {targetLang?: string; json?: boolean; price?: number}) => {
      exitCode = await (await import('./run-status.ts')).runStatus(files, options, io, ui)
    })

  program
    .command('check')
    .description(t('help.check.description'))
    .argument('[files...]', germanFiles())
    .option('--strict', t('help.strict'))
    .addOption(targetLang())
    .action(async (files: string[], options: {strict?: boolean; targetLang?: string}) => {
      exitCode = await (await import('./run-glossary.ts')).runCheck(files, options, io, ui)
    })

  program
    .command('import')
    .description(t('help.import.description', {dir: DEFAULTS.sourceDir}))
    .argument('<file>', t('help.import.file'))
    .option('--slug <slug>', t('help.import.slug'))
    .option('--force', t('help.import.force'))
    .option('--date <yyyy-mm-dd>', t('help.import.date'))
    .option('--author <name>', t('help.import.author'))
    .option('--source-url <url>', t('help.import.sourceUrl'))
    .action(async (file: string, options: ImportCommandOptions) => {
      exitCode = await (await import('./run-import.ts')).runImport(file, options, io, ui)
    })

  program
    .command('site')
    .description(t('help.site.description'))
    .action(async () => {
      exitCode = await (await import('./run-site.ts')).runSite(io, ui)
    })

  const memory = program.command('memory').description(t('help.memory.description'))
  memory
    .command('import')
    .description(t('help.memory.import.description'))
    .argument('<file>', t('help.memory.import.file'))
    .argument('[english]', t('help.memory.import.english'))
    .addOption(new Option('--origin <origin>', t('help.memory.import.origin')).choices(['human', 'import']))
    .addOption(new Option('--prefer <which>', t('help.memory.import.prefer')).choices(['import']))
    .option('--date <yyyy-mm-dd>', t('help.date'))
    .addOption(targetLang())
    .action(async (file: string, english: string | undefined, options: {origin?: 'human' | 'import'; prefer?: 'import'; date?: string; targetLang?: string}) => {
      const [{runMemoryImportOrTmx}, {runMemoryImport}] = await Promise.all([import('./interchange-commands.ts'), import('./run-memory.ts')])
      exitCode = await runMemoryImportOrTmx(file, english, options, io, ui, runMemoryImport)
    })
  memory
    .command('align')
    .description(t('help.memory.align.description'))
    .argument('<german>', t('help.memory.align.german'))
    .argument('<english>', t('help.memory.align.english'))
    .option('--dry-run', t('help.memory.align.dryRun'))
    .addOption(new Option('--origin <origin>', t('help.memory.align.origin')).choices(['human', 'import']).default('import'))
    .option('--min-confidence <x>', t('help.memory.align.minConfidence'), parse.confidence, DEFAULTS.align.minConfidence)
    .option('--date <yyyy-mm-dd>', t('help.date'))
    .addOption(targetLang())
    .action(async (german: string, english: string, options: MemoryAlignOptions) => {
      exitCode = await (await import('./run-align.ts')).runMemoryAlign(german, english, options, io, ui)
    })
  memory
    .command('rekey')
    .description(t('help.memory.rekey.description'))
    .argument('[files...]', germanFiles())
    .addOption(targetLang())
    .action(async (files: string[], options: {targetLang?: string}) => {
      exitCode = await (await import('./run-memory.ts')).runMemoryRekey(files, options, io, ui)
    })
  memory
    .command('merge')
    .description(t('help.memory.merge.description'))
    .argument('[files...]', t('help.memory.merge.files'))
    .option('--setup', t('help.memory.merge.setup'))
    .action(async (files: string[], options: {setup?: boolean}) => {
      exitCode = await (await import('./run-memory.ts')).runMemoryMerge(files, options, io, ui)
    })

  const glossary = program.command('glossary').description(t('help.glossary.description', {file: DEFAULTS.glossaryPath}))
  glossary
    .command('list')
    .description(t('help.glossary.list.description'))
    .addOption(new Option('--kind <kind>', t('help.glossary.list.kind')).choices(glossaryKinds))
    .action(async (options: {kind?: GlossaryKind}) => {
      exitCode = await (await import('./run-glossary.ts')).runGlossaryList(options, io, ui)
    })
  glossary
    .command('add')
    .description(t('help.glossary.add.description'))
    .argument('<de>', t('help.glossary.add.de'))
    .argument('<en>', t('help.glossary.add.en'))
    .addOption(new Option('--kind <kind>', t('help.glossary.add.kind')).choices(glossaryKinds).default('person'))
    .option('--note <note>', t('help.glossary.add.note'))
    .action(async (de: string, en: string, options: {kind: GlossaryKind; note?: string}) => {
      exitCode = await (await import('./run-glossary.ts')).runGlossaryAdd(de, en, options, io, ui)
    })
  glossary
    .command('lint')
    .description(t('help.glossary.lint.description'))
    .action(async () => {
      exitCode = await (await import('./run-glossary.ts')).runGlossaryLint(io, ui)
    })
  glossary
    .command('candidates')
    .description(t('help.glossary.candidates.description'))
    .argument('[files...]', germanFiles())
    .option('--min <n>', t('help.glossary.candidates.min'), parse.positiveWhole, 1)
    .action(async (files: string[], options: {min: number}) => {
      exitCode = await (await import('./run-glossary.ts')).runGlossaryCandidates(files, options, io, ui)
    })
  glossary
    .command('suggest')
    .description(t('help.glossary.suggest.description'))
    .argument('[names...]', t('help.glossary.suggest.names'))
    .option('--json', t('help.glossary.suggest.json'))
    .option('--add', t('help.glossary.suggest.add'))
    .action(async (names: string[], options: {json?: boolean; add?: boolean}) => {
      exitCode = await (await import('./run-glossary-suggest.ts')).runGlossarySuggest(names, options, io, ui)
    })
  glossary
    .command('check')
    .description(t('help.glossary.check.description'))
    .argument('[files...]', germanFiles())
    .option('--strict', t('help.strict'))
    .addOption(targetLang())
    .action(async (files: string[], options: {strict?: boolean; targetLang?: string}) => {
      exitCode = await (await import('./run-glossary.ts')).runCheck(files, options, io, ui)
    })

  glossary
    .command('sync')
    .description(t('help.glossary.sync.description'))
    .option('--server-url <url>', t('help.serverUrl'))
    .action(async (options: {serverUrl?: string}) => {
      exitCode = await (await import('./run-glossary-sync.ts')).runGlossarySync(options, io, ui)
    })

  interchangeCommands(program, memory, glossary, io, ui, targetLang, (code) => {
    exitCode = code
  })

  try {
    await program.parseAsync([...argv], {from: 'user'})
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.fatal
    // Broken memory lines are reported like any file's problems, at memory/de-en.jsonl:line:column.
    if (error instanceof MemoryFileError) return reportFiles([error.file], io, ui)
    if (error instanceof TandemError) {
      io.stderr(`tandem: ${say(ui, errorText(error))}`)
      return EXIT.fatal
    }
    // Anything else is a fault of tandem's or of the machine (a full disk): say what, and exit as fatal.
    const code = (error as NodeJS.ErrnoException).code
    io.stderr(`tandem: ${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`)
    return EXIT.fatal
  }
  return exitCode
}

/**
 * The interface language: `--ui`, else the project's config file (`ui`), else the locale, else English. Read
 * from the arguments before commander parses them (commander rejects a `--ui` it does not know, in English).
 */
async function uiLanguage(argv: readonly string[], io: CliIo): Promise<UiLanguage> {
  const given = uiArgument(argv)
  if (given) return given
  const root = await findProjectRoot(io.cwd).catch(() => undefined)
  return (root === undefined ? undefined : await configuredUi(root)) ?? uiFromEnvironment(io.env)
}

/** `--ui de` or `--ui=de` anywhere before `--`, as commander reads a program option. */
function uiArgument(argv: readonly string[]): UiLanguage | undefined {
  let found: string | undefined
  for (const [index, arg] of argv.entries()) {
    if (arg === '--') break
    if (arg === '--ui') found = argv[index + 1]
    else if (arg.startsWith('--ui=')) found = arg.slice('--ui='.length)
  }
  return found === 'de' || found === 'en' ? found : undefined
}

/** commander's Command, saying its own errors in the interface language; subcommands are made the same. */
class LocalizedCommand extends Command {
  constructor(
    name: string | undefined,
    private readonly ui: i18n
  ) {
    super(name)
  }

  override createCommand(name?: string): Command {
    return new LocalizedCommand(name, this.ui)
  }

  override error(message: string, options?: {code?: string; exitCode?: number}): never {
    return super.error(commanderMessage(message, options?.code, this.ui), options)
  }
}

/**
 * One of commander's error messages in the interface language, its values read back from the English that
 * commander writes; a message of another shape stays as commander wrote it.
 */
function commanderMessage(message: string, code: string | undefined, ui: i18n): string {
  const {t} = ui
  const match = (pattern: RegExp) => pattern.exec(message)?.slice(1) ?? []
  // commander's "(Did you mean …?)" on a line of its own after an unknown option or command.
  const suggest = (rest: string | undefined) => {
    const suggestion = /\(Did you mean (.+)\?\)/.exec(rest ?? '')?.[1]
    return suggestion ? `\n${t('help.commander.didYouMean', {suggestion})}` : ''
  }
  if (code === 'commander.unknownOption') {
    const [option, rest] = match(/^error: unknown option '(.+?)'([\s\S]*)$/)
    if (option) return t('help.commander.unknownOption', {option}) + suggest(rest)
  } else if (code === 'commander.unknownCommand') {
    const [command, rest] = match(/^error: unknown command '(.+?)'([\s\S]*)$/)
    if (command) return t('help.commander.unknownCommand', {command}) + suggest(rest)
  } else if (code === 'commander.missingArgument') {
    const [name] = match(/^error: missing required argument '(.+)'$/)
    if (name) return t('help.commander.missingArgument', {name})
  } else if (code === 'commander.optionMissingArgument') {
    const [option] = match(/^error: option '(.+)' argument missing$/)
    if (option) return t('help.commander.optionMissingArgument', {option})
  } else if (code === 'commander.missingMandatoryOptionValue') {
    const [option] = match(/^error: required option '(.+)' not specified$/)
    if (option) return t('help.commander.missingMandatoryOptionValue', {option})
  } else if (code === 'commander.excessArguments') {
    const [command, expected, received] = match(/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/)
    if (expected && received) {
      const values = {count: Number(expected), received}
      return command ? t('help.commander.excessArgumentsFor', {...values, command}) : t('help.commander.excessArguments', values)
    }
  } else if (code === 'commander.invalidArgument') {
    // commander's choices check says "Allowed choices are a, b."; tandem's own parsers say it already in `ui`.
    const said = (reason = '') => {
      const choices = /^Allowed choices are (.+)\.$/.exec(reason)?.[1]
      return choices ? t('help.commander.choices', {choices}) : reason
    }
    const [option, value, reason] = match(/^error: option '(.+?)' argument '([\s\S]*?)' is invalid\. ([\s\S]*)$/)
    if (option) return t('help.commander.invalidOption', {option, value, reason: said(reason)})
    const [argumentValue, name, argumentReason] = match(/^error: command-argument value '([\s\S]*?)' is invalid for argument '(.+?)'\. ([\s\S]*)$/)
    if (name) return t('help.commander.invalidArgument', {value: argumentValue, name, reason: said(argumentReason)})
  }
  return message
}

/** commander's help with its headings, and the choices and defaults it adds to a description, in the interface language. */
function localizedHelp(ui: i18n): HelpConfiguration {
  const {t} = ui
  const titles: Readonly<Record<string, string>> = {
    'Usage:': t('help.titles.usage'),
    'Options:': t('help.titles.options'),
    'Commands:': t('help.titles.commands'),
    'Arguments:': t('help.titles.arguments'),
    'Global Options:': t('help.titles.globalOptions')
  }
  /** A description with what commander adds after it in parentheses (`choices: …, default: …`). */
  const described = (description: string, extras: readonly string[]) => {
    if (extras.length === 0) return description
    return description ? `${description} (${extras.join(', ')})` : `(${extras.join(', ')})`
  }
  const choices = (values: readonly string[] | undefined) => (values ? [t('help.choices', {choices: values.map((choice) => JSON.stringify(choice)).join(', ')})] : [])
  return {
    styleTitle: (title) => titles[title] ?? title,
    optionDescription: (option) => {
      // As commander shows it: a default of an option that takes a value, or of a boolean one set to a boolean.
      const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'))
      const value: unknown = option.defaultValue
      const defaults = shown ? [t('help.default', {value: option.defaultValueDescription ?? JSON.stringify(value)})] : []
      return described(option.description, [...choices(option.argChoices), ...defaults])
    },
    argumentDescription: (argument) => {
      const value: unknown = argument.defaultValue
      const defaults = value !== undefined ? [t('help.default', {value: argument.defaultValueDescription ?? JSON.stringify(value)})] : []
      return described(argument.description, [...choices(argument.argChoices), ...defaults])
    }
  }
}

/** Arguments and options that name files: resolved against the folder the command was run in. */
const pathArguments = new Set(['files', 'file', 'german', 'english'])

/**
 * Find the project from the folder the command runs in, as git finds its repository, and make it the
 * commands' `cwd`, with the file arguments resolved against where they were typed. Outside a project: exit 2.
 */
async function enterProject(action: Command, io: CliIo, ui: i18n): Promise<void> {
  const root = await findProjectRoot(io.cwd)
  if (root === undefined) throw new TandemError(ui.t('cli.notInProject', {dir: io.cwd, source: DEFAULTS.sourceDir}))
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

/** The option parsers, saying what is wrong with a value in the interface language (commander puts it after its own words). */
function optionParsers(ui: i18n) {
  const {t} = ui
  const number = (check: (value: number) => boolean, wanted: string) => (value: string) => {
    const parsed = Number(value)
    if (value.trim() === '' || !check(parsed)) throw new InvalidArgumentError(wanted)
    return parsed
  }
  return {
    targetLanguage(value: string): string {
      const problem = targetLanguageProblem(value)
      if (problem) throw new InvalidArgumentError(say(ui, problem))
      return value
    },
    positive: number((value) => Number.isFinite(value) && value > 0, t('help.values.positive')),
    fromZero: number((value) => Number.isFinite(value) && value >= 0, t('help.values.fromZero')),
    whole: number((value) => Number.isInteger(value) && value >= 0, t('help.values.whole')),
    confidence: number((value) => Number.isFinite(value) && value >= 0 && value <= 1, t('help.values.confidence')),
    positiveWhole: number((value) => Number.isInteger(value) && value >= 1, t('help.values.positiveWhole'))
  }
}

/** The interface language a user's locale asks for, as gettext reads it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`. */
export function uiFromEnvironment(env: NodeJS.ProcessEnv): UiLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? ''
  return /^de([_.@-]|$)/i.test(locale) ? 'de' : DEFAULTS.ui
}
