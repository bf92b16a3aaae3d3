import type {i18n} from 'i18next'
import {harvest} from '../pipeline/harvest.ts'
import {openProject} from '../pipeline/project.ts'
import {authorOption, lockWaitLine, reportFiles, type CliIo} from './io.ts'

/** `tandem harvest [files…]`: store editors' changes to content/en in the memory as human translations; build nothing. */
export async function runHarvest(files: string[], options: {author?: string}, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd, ...(files.length > 0 ? {files} : {})})
  const result = await harvest({
    project,
    postEdits: authorOption(options.author, project.root),
    onMemoryWait: (wait) => io.stderr(lockWaitLine(wait, io, ui))
  })
  const exitCode = reportFiles([result.glossary, ...result.files, ...result.editions], io, ui)
  io.stderr([ui.t('cli.harvested', {count: result.harvested}), ...(result.stale > 0 ? [ui.t('cli.stalePostEdits', {count: result.stale})] : [])].join(', '))
  return exitCode
}
