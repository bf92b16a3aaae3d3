import path from 'node:path'
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
export async function runClean(options: CleanCommandOptions, io: CliIo): Promise<number> {
  const project = await openProject({root: io.cwd})
  const orphans = await findOrphans(project)
  let exitCode: number = EXIT.ok
  let removed = 0
  let memory: TranslationMemory | undefined
  try {
    for (const orphan of orphans) {
      const list = orphan.outputs.join(', ')
      if (orphan.postEdited && !options.force) {
        io.stderr(`${orphan.outputs[0] ?? orphan.source}: kept, it holds post-edits and ${orphan.source} is gone; \`tandem clean --force\` stores them in the memory, then removes it`)
        continue
      }
      if (orphan.postEdited && !orphan.harvestable) {
        io.stderr(`${orphan.outputs[0] ?? orphan.source}: kept, even with --force: tandem has no record of what it wrote there, so its edits cannot be stored; move it away by hand`)
        exitCode = EXIT.errors
        continue
      }
      if (options.dryRun) {
        io.stdout(`would remove ${list}${orphan.postEdited ? ' (after storing its post-edits)' : ''}`)
        continue
      }
      if (orphan.postEdited) {
        memory ??= await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root})
        const english = await harvestOrphan(project, memory, orphan, authorOption(options.author, project.root))
        // Nothing removed unless every edit is safely stored.
        if (reportFiles([english], io) !== EXIT.ok) {
          exitCode = EXIT.errors
          continue
        }
      }
      await removeOrphan(project, orphan)
      removed++
      io.stdout(`removed ${list}`)
    }
  } finally {
    await memory?.compact()
  }
  if (!options.dryRun) io.stderr(`${removed} of ${orphans.length} ${orphans.length === 1 ? 'orphan' : 'orphans'} removed`)
  return exitCode
}
