import type {VFile} from 'vfile'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import type {Project} from './project.ts'
import {runProject} from './run-project.ts'

/**
 * Every file of the project read, segmented, looked up and QA'd, without translating or writing:
 * `tandem check` and `tandem memory rekey` work on this. A failure is a fatal message on its file.
 */
export async function segmentFiles(project: Project, memory: TranslationMemory, options: {strict?: boolean} = {}): Promise<VFile[]> {
  const run = await runProject({project, memory, dryRun: true, ...(options.strict ? {strict: true} : {})})
  return run.files
}

