import type {VFile} from 'vfile'
import pLimit from 'p-limit'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import {createChecker} from './processor.ts'
import type {Project} from './project.ts'
import {readSourceFile} from './read-source.ts'

/**
 * Read, segment, look up and QA one file of the project without translating or writing.
 * A failure is a fatal message on the file, not a crash of the whole command.
 */
export function createFileSegmenter(
  project: Project,
  memory: TranslationMemory,
  options: {strict?: boolean} = {}
): (filePath: string) => Promise<VFile> {
  const processor = createChecker({
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    frontmatterFields: project.settings.frontmatterFields,
    matcher: project.matcher,
    memory,
    strict: options.strict ?? false
  })
  return async (filePath) => {
    const file = await readSourceFile(filePath, project.root)
    if (file.messages.some((message) => message.fatal)) return file
    try {
      await processor.run(processor.parse(file), file)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      file.message(reason, {place: {line: 1, column: 1}, ruleId: 'build-error', source: 'tandem'}).fatal = true
    }
    return file
  }
}

/** Every file of the project through `createFileSegmenter`: `tandem check` and `tandem memory rekey` work on this. */
export async function segmentFiles(project: Project, memory: TranslationMemory, options: {strict?: boolean} = {}): Promise<VFile[]> {
  const segment = createFileSegmenter(project, memory, options)
  const limit = pLimit(project.settings.concurrency)
  return Promise.all(project.files.map((filePath) => limit(() => segment(filePath))))
}
