import type {VFile} from 'vfile'
import pLimit from 'p-limit'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import {createChecker} from './processor.ts'
import type {Project} from './project.ts'
import {readSourceFile} from './read-source.ts'

/**
 * Read, segment, look up and QA every file of the project without translating or writing:
 * `tandem check` and `tandem memory rekey` work on what this returns.
 */
export async function segmentFiles(project: Project, memory: TranslationMemory, options: {strict?: boolean} = {}): Promise<VFile[]> {
  const processor = createChecker({
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    frontmatterFields: project.settings.frontmatterFields,
    matcher: project.matcher,
    memory,
    strict: options.strict ?? false
  })
  const limit = pLimit(project.settings.concurrency)
  return Promise.all(
    project.files.map((filePath) =>
      limit(async () => {
        const file = await readSourceFile(filePath, project.root)
        if (file.messages.some((message) => message.fatal)) return file
        await processor.run(processor.parse(file), file)
        return file
      })
    )
  )
}
