import path from 'node:path'
import type {VFile} from 'vfile'
import {TranslationMemory, type LockWait} from '../memory/translation-memory.ts'
import {openProject, type Project, type ProjectOptions} from './project.ts'
import {runProject, type PostEditRunOptions} from './run-project.ts'

export interface HarvestOptions extends ProjectOptions {
  project?: Project
  postEdits?: Pick<PostEditRunOptions, 'author' | 'date'>
  onMemoryWait?: (wait: LockWait) => void
}

export interface HarvestResult {
  /** The German files, with their messages (stale post-edits at the German lines). */
  files: VFile[]
  /** English editions with messages about them, at their own lines. */
  editions: VFile[]
  harvested: number
  stale: number
  glossary: VFile
}

/** `tandem harvest`: store every post-edit of the English editions in the memory as `origin: human`, and build nothing. */
export async function harvest(options: HarvestOptions = {}): Promise<HarvestResult> {
  const project = options.project ?? (await openProject(options))
  const result: HarvestResult = {files: [], editions: [], harvested: 0, stale: 0, glossary: project.glossary.file}
  // Without the glossary's matches the keys would not be the build's.
  if (project.glossaryBroken) return result
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {
    root: project.root,
    lock: project.settings.lock,
    ...(options.onMemoryWait ? {onWait: options.onMemoryWait} : {})
  })
  try {
    const run = await runProject({
      project,
      memory,
      dryRun: true,
      postEdits: {...options.postEdits, readOnly: false}
    })
    result.files = run.files
    for (const file of run.files) {
      const report = file.data.tandem?.postEdits
      if (!report) continue
      result.harvested += report.harvested
      result.stale += report.stale
      if (report.english && report.english.messages.length > 0) result.editions.push(report.english)
    }
  } finally {
    try {
      await memory.compact()
    } finally {
      await memory.close()
    }
  }
  return result
}
