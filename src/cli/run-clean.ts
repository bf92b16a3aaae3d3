import path from 'node:path'
import type {i18n} from 'i18next'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {findOrphans, harvestOrphan, removeOrphan} from '../pipeline/orphans.ts'
import {openProject} from '../pipeline/project.ts'
import {authorOption, EXIT, reportFiles, type CliIo} from './io.ts'

export interface CleanCommandOptions {
  dryRun?: boolean
  /** Also remove post-edited English editions, once their edits are in the memory. */
  force?: boolean
  author?: string
}

/** `tandem clean`: remove the outputs of German files that are gone; a post-edited one only with --force, after harvesting it. */
export async function runClean(options: CleanCommandOptions, io: CliIo, ui: i18n): Promise<number> {
  const project = await openProject({root: io.cwd})
  const orphans = await findOrphans(project)
  let exitCode: number = EXIT.ok
  let removed = 0
  let memory: TranslationMemory | undefined
  try {
    for (const orphan of orphans) {
      const files = orphan.outputs.join(', ')
      const file = orphan.outputs[0] ?? orphan.source
      if (orphan.postEdited && !options.force) {
        io.stderr(ui.t('cli.clean.kept', {file, source: orphan.source}))
        continue
      }
      if (orphan.postEdited && !orphan.harvestable) {
        io.stderr(ui.t('cli.clean.keptNoRecord', {file}))
        exitCode = EXIT.errors
        continue
      }
      if (options.dryRun) {
        io.stdout(ui.t(orphan.postEdited ? 'cli.clean.wouldRemoveHarvested' : 'cli.clean.wouldRemove', {files}))
        continue
      }
      if (orphan.postEdited) {
        memory ??= await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root})
        const english = await harvestOrphan(project, memory, orphan, authorOption(options.author, project.root))
        // Nothing removed unless every edit is safely stored.
        if (reportFiles([english], io, ui) !== EXIT.ok) {
          exitCode = EXIT.errors
          continue
        }
      }
      await removeOrphan(project, orphan)
      removed++
      io.stdout(ui.t('cli.clean.removed', {files}))
    }
  } finally {
    await memory?.compact()
  }
  if (!options.dryRun) io.stderr(ui.t('cli.clean.summary', {removed, count: orphans.length}))
  return exitCode
}
