import {Command, Option} from 'commander'
import type {i18n} from 'i18next'
import {DEFAULTS} from '../core/defaults.ts'
import type {CliIo} from './io.ts'
import type {MemoryImportOptions} from './run-memory.ts'
import {runGlossaryExport, runGlossaryImport, runMemoryExport, runTmxImport, runXliffExport, runXliffImport} from './run-interchange.ts'

type SetExit = (code: number) => void

/** The CAT-tool commands: `memory export`, `xliff export|import`, `glossary export|import`. */
export function interchangeCommands(
  program: Command,
  memory: Command,
  glossary: Command,
  io: CliIo,
  ui: () => i18n,
  targetLang: () => Option,
  setExit: SetExit
): void {
  memory
    .command('export')
    .description('write the memory as TMX 1.4b, for CAT tools (OmegaT: the project’s tm/ folder)')
    .addOption(new Option('--format <format>', 'file format').choices(['tmx']).default('tmx'))
    .requiredOption('-o, --output <file>', 'the TMX file to write')
    .addOption(targetLang())
    .action(async (options: {output: string; targetLang?: string}) => {
      setExit(await runMemoryExport(options, io, ui()))
    })

  const xliff = program.command('xliff').description('articles as XLIFF for post-editing in a CAT tool, and back')
  xliff
    .command('export')
    .description('write the segments of articles with their current translations as XLIFF')
    .argument('<files...>', `German Markdown files inside ${DEFAULTS.sourceDir}`)
    .requiredOption('-o, --output <file>', 'the XLIFF file to write')
    .addOption(new Option('--xliff-version <version>', 'XLIFF version').choices(['1.2', '2.0']).default('1.2'))
    .addOption(targetLang())
    .action(async (files: string[], options: {output: string; xliffVersion: '1.2' | '2.0'; targetLang?: string}) => {
      setExit(await runXliffExport(files, options, io, ui()))
    })
  xliff
    .command('import')
    .description('take the targets of a post-edited XLIFF back as human translations; the next build uses them')
    .argument('<file>', 'an XLIFF 1.2 or 2.0 file that tandem exported')
    .option('--author <name>', 'recorded on the translations')
    .addOption(targetLang())
    .action(async (file: string, options: {targetLang: string; author?: string}) => {
      setExit(await runXliffImport(file, options, io, ui()))
    })

  glossary
    .command('export')
    .description('write the name glossary as TBX-Basic, for CAT tools (OmegaT: the project’s glossary/ folder)')
    .addOption(new Option('--format <format>', 'file format').choices(['tbx']).default('tbx'))
    .requiredOption('-o, --output <file>', 'the TBX file to write')
    .action(async (options: {output: string}) => {
      setExit(await runGlossaryExport(options, io, ui()))
    })
  glossary
    .command('import')
    .description(`add the names of a TBX file (TBX-Basic or TBX v3) to ${DEFAULTS.glossaryPath}, lint included`)
    .argument('<file>', 'a TBX file')
    .action(async (file: string) => {
      setExit(await runGlossaryImport(file, io, ui()))
    })
}

/** `tandem memory import`: a TMX file, or a German file paired with its English version. */
export async function runMemoryImportOrTmx(
  file: string,
  english: string | undefined,
  options: {origin?: 'human' | 'import'; prefer?: 'import'; date?: string; targetLang?: string},
  io: CliIo,
  ui: i18n,
  runPairs: (german: string, english: string, options: MemoryImportOptions, io: CliIo) => Promise<number>
): Promise<number> {
  if (english === undefined) {
    return runTmxImport(file, {origin: options.origin ?? 'import', ...(options.prefer ? {prefer: options.prefer} : {}), targetLang: options.targetLang}, io, ui)
  }
  return runPairs(file, english, {origin: options.origin ?? 'human', ...(options.date ? {date: options.date} : {}), targetLang: options.targetLang}, io)
}
