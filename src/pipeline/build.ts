import path from 'node:path'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {createI18n} from '../i18n/index.ts'
import {TranslationMemory, type LockWait} from '../memory/translation-memory.ts'
import {MissingTranslationsError} from '../output/require-translations.ts'
import {ProviderAuthorizationError, type ProviderError} from '../providers/errors.ts'
import type {Provider} from '../providers/provider.ts'
import {createWriter} from './processor.ts'
import {openProject, type Project, type ProjectOptions} from './project.ts'
import {runProject, type Figures, type TranslationProgress} from './run-project.ts'
import {createSiteWriter, type ReaderSite} from './write-site.ts'
import {removeLeftovers} from '../core/write-file-atomic.ts'

export interface BuildOptions extends ProjectOptions {
  /** Asked for what the memory lacks; without one, misses are errors. */
  provider?: Provider
  /** The project, when the caller has opened it already (the other project options are then unused). */
  project?: Project
  /**
   * Keep each file's English text and `file.data.tandem` in the result (default: true).
   * The CLI needs only the messages, and on a large site the trees would dominate memory.
   */
  keepFileData?: boolean
  /** Also write the bilingual reader (default: false; `tandem build` does), in this interface language. */
  site?: {ui: 'en' | 'de'}
  /** Told each time a provider answer has been stored in the memory. */
  onProgress?: (progress: TranslationProgress) => void
  /** Told what will be sent, before anything is. */
  onPlan?: (total: Figures) => void | Promise<void>
  signal?: AbortSignal
  /** Told when the build waits for another process's lock on the memory. */
  onMemoryWait?: (wait: LockWait) => void
}

export interface BuiltFile {
  /** The German source with every message about it; `value` is the English edition when it built. */
  file: VFile
  /** Output paths (relative to root) that were written because they changed. */
  written: string[]
  /** Output paths left alone because their bytes were already right. */
  unchanged: string[]
  ok: boolean
}

export interface BuildResult {
  files: BuiltFile[]
  translated: number
  billedCharacters: number
  /** Provider requests answered (retries not counted). */
  requests: number
  memoryHits: number
  /** What the plan held, before sending: `total - answered` is what is left after a stop. */
  planned: Figures
  /** Set when the provider ended the build early (refused key, empty quota). */
  stoppedBy?: ProviderError
  /** The name glossary's lint messages; with an error among them, nothing was built. */
  glossary: VFile
  /** The reader, when `site` was asked for. */
  site?: ReaderSite
  /** Messages about the memory file (a torn last line moved aside); unset when the glossary stopped the build. */
  memory?: VFile
}

/** Build the English edition and the side-by-side view of each German file (and the reader). Only the CLI prints. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const project = options.project ?? (await openProject(options))
  const {root, settings} = project
  const planned: Figures = {segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0, inputTokens: 0, outputTokens: 0}
  const result: BuildResult = {files: [], translated: 0, billedCharacters: 0, requests: 0, memoryHits: 0, planned, glossary: project.glossary.file}
  if (project.glossaryBroken) return result
  // What a killed write left in the folders a build writes.
  await removeLeftovers(
    [settings.sourceDir, settings.targetDir, settings.parallelDir, path.dirname(settings.memoryPath), path.dirname(settings.glossaryPath), 'site'].map(
      (dir) => path.join(root, dir)
    )
  )
  const memory = await TranslationMemory.open(path.join(root, settings.memoryPath), {
    root,
    ...(options.onMemoryWait ? {onWait: options.onMemoryWait} : {})
  })
  result.memory = memory.file
  const writer = createWriter({
    t: createI18n('en').t,
    memoryLabel: settings.memoryPath,
    glossaryHash: project.glossaryHash,
    keyVariable: settings.provider === 'openai' ? 'OPENAI_API_KEY' : 'DEEPL_AUTH_KEY'
  })
  const site = options.site ? await createSiteWriter(project, options.site.ui, memory) : undefined
  const built = new Map<VFile, BuiltFile>()

  const writeOutputs = async (file: VFile, tree: Root) => {
    const entry: BuiltFile = {file, written: [], unchanged: [], ok: false}
    built.set(file, entry)
    // The reader shows the German tree beside its English, so it goes before the tree becomes the English edition.
    await site?.addArticle(file, tree)
    try {
      await writer.run(tree, file)
    } catch (error) {
      // Missing translations are reported segment by segment already.
      if (error instanceof MissingTranslationsError) return
      throw error
    }
    file.value = writer.stringify(tree, file)
    const relative = path.relative(project.sourceDir, file.path)
    const outputs: Array<[string, string]> = [
      [path.join(settings.targetDir, relative), String(file.value)],
      [path.join(settings.parallelDir, relative), tandemData(file).parallel ?? '']
    ]
    for (const [output, content] of outputs) {
      const name = output.split(path.sep).join('/')
      try {
        const changed = await writeFileAtomic(path.join(root, output), content)
        ;(changed ? entry.written : entry.unchanged).push(name)
      } catch (error) {
        // Its translations are in the memory already; only this file's outputs are missing.
        const code = (error as NodeJS.ErrnoException).code ?? 'error'
        file.message(`cannot write \`${name}\` (${code})`, {place: {line: 1, column: 1}, ruleId: 'write-failed', source: 'tandem'}).fatal = true
        return
      }
    }
    entry.ok = true
    if (options.keepFileData === false) {
      file.value = ''
      delete file.data.tandem
    }
  }

  try {
    const run = await runProject({
      project,
      memory,
      ...(options.provider ? {provider: options.provider} : {}),
      ...(options.signal ? {signal: options.signal} : {}),
      onFile: writeOutputs,
      onPlan: async (total) => {
        Object.assign(planned, total)
        await options.onPlan?.(total)
      },
      onProgress: (progress) => options.onProgress?.(progress)
    })
    result.files = run.files.map((file) => built.get(file) ?? {file, written: [], unchanged: [], ok: false})
    result.translated = run.translated
    result.billedCharacters = run.answered.billedCharacters
    result.requests = run.answered.requests
    result.memoryHits = run.total.memoryHits
    if (run.stoppedBy) result.stoppedBy = run.stoppedBy
    // A refused key stops everything: no half-written reader either.
    if (site && !(run.stoppedBy instanceof ProviderAuthorizationError)) result.site = await site.finish(run.files)
  } finally {
    // Everything received is already appended; this only re-sorts it.
    await memory.compact()
  }
  return result
}
