import {Command, Option} from 'commander'
import type {i18n} from 'i18next'
import {DEFAULTS} from '../core/defaults.ts'
import type {CliIo} from './io.ts'
import type {MemoryImportOptions} from './run-memory.ts'

type SetExit = (code: number) => void

/** The CAT-tool commands: `memory export`, `xliff export|import`, `glossary export|import`. */
export function interchangeCommands(
  program: Command,
  memory: Command,
  glossary: Command,
  io: CliIo,
  ui: i18n,
  targetLang: () => Option,
  setExit: SetExit
): void {
  const {t} = ui
  memory
    .command('export')
    .description(t('help.memory.export.description'))
    .addOption(new Option('--format <format>', t('help.format')).choices(['tmx']).default('tmx'))
    .requiredOption('-o, --output <file>', t('help.memory.export.output'))
    .addOption(targetLang())
    .action(async (options: {output: string; targetLang?: string}) => {
      setExit(await (await import('./run-interchange.ts')).runMemoryExport(options, io, ui))
    })

  const xliff = program.command('xliff').description(t('help.xliff.description'))
  xliff
    .command('export')
    .description(t('help.xliff.export.description'))
    .argument('<files...>', t('help.xliff.export.files', {dir: DEFAULTS.sourceDir}))
    .requiredOption('-o, --output <file>', t('help.xliff.export.output'))
    .addOption(new Option('--xliff-version <version>', t('help.xliff.export.version')).choices(['1.2', '2.0']).default('1.2'))
    .addOption(targetLang())
    .action(async (files: string[], options: {output: string; xliffVersion: '1.2' | '2.0'; targetLang?: string}) => {
      setExit(await (await import('./run-interchange.ts')).runXliffExport(files, options, io, ui))
    })
  xliff
    .command('import')
    .description(t('help.xliff.import.description'))
    .argument('<file>', t('help.xliff.import.file'))
    .option('--author <name>', t('help.xliff.import.author'))
    .addOption(targetLang())
    .action(async (file: string, options: {targetLang: string; author?: string}) => {
      setExit(await (await import('./run-interchange.ts')).runXliffImport(file, options, io, ui))
    })

  glossary
    .command('export')
    .description(t('help.glossary.export.description'))
    .addOption(new Option('--format <format>', t('help.format')).choices(['tbx']).default('tbx'))
    .requiredOption('-o, --output <file>', t('help.glossary.export.output'))
    .action(async (options: {output: string}) => {
      setExit(await (await import('./run-interchange.ts')).runGlossaryExport(options, io, ui))
    })
  glossary
    .command('import')
    .description(t('help.glossary.import.description', {file: DEFAULTS.glossaryPath}))
    .argument('<file>', t('help.glossary.import.file'))
    .action(async (file: string) => {
      setExit(await (await import('./run-interchange.ts')).runGlossaryImport(file, io, ui))
    })
}

/** `tandem memory import`: a TMX file, or a German file paired with its English version. */
export async function runMemoryImportOrTmx(
  file: string,
  english: string | undefined,
  options: {origin?: 'human' | 'import'; prefer?: 'import'; date?: string; targetLang?: string},
  io: CliIo,
  ui: i18n,
  runPairs: (german: string, english: string, options: MemoryImportOptions, io: CliIo, ui: i18n) => Promise<number>
): Promise<number> {
  if (english === undefined) {
    return (await import('./run-interchange.ts')).runTmxImport(file, {origin: options.origin ?? 'import', ...(options.prefer ? {prefer: options.prefer} : {}), targetLang: options.targetLang}, io, ui)
  }
  return runPairs(file, english, {origin: options.origin ?? 'human', ...(options.date ? {date: options.date} : {}), targetLang: options.targetLang}, io, ui)
}
