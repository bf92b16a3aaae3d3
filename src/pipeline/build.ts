import path from 'node:path'
import type {VFile} from 'vfile'
import pLimit from 'p-limit'
import {createI18n} from '../i18n/index.ts'
import {TranslationMemory, type LockWait} from '../memory/translation-memory.ts'
import {ProviderAuthorizationError, ProviderError, ProviderQuotaError} from '../providers/errors.ts'
import type {Provider} from '../providers/provider.ts'
import type {TranslationProgress} from '../providers/translate-misses.ts'
import {removeLeftovers, writeFileAtomic} from '../core/write-file-atomic.ts'
import {tandemData} from '../core/data.ts'
import {checkInsideSourceDir, openProject, type Project, type ProjectOptions} from './project.ts'
import {createProcessor} from './processor.ts'
import {readSourceFile} from './read-source.ts'
import {MissingTranslationsError} from './require-translations.ts'

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
  /** Told each time a provider answer has been stored in the memory. */
  onProgress?: (progress: TranslationProgress) => void
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
  /** Set when the provider ended the build early (refused key, empty quota). */
  stoppedBy?: ProviderError
  /** The name glossary's lint messages; with an error among them, nothing was built. */
  glossary: VFile
  /** Messages about the memory file (a torn last line moved aside); unset when the glossary stopped the build. */
  memory?: VFile
}

/** Build the English edition and the side-by-side view of each German file. Only the CLI prints. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const project = options.project ?? (await openProject(options))
  const {root, settings, sourceDir} = project
  const result: BuildResult = {files: [], translated: 0, billedCharacters: 0, requests: 0, memoryHits: 0, glossary: project.glossary.file}
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
  const abort = new AbortController()
  const processor = createProcessor({
    memory,
    memoryLabel: settings.memoryPath,
    ...(options.provider ? {provider: options.provider} : {}),
    sourceLang: settings.sourceLang,
    targetLang: settings.targetLang,
    frontmatterFields: settings.frontmatterFields,
    t: createI18n('en').t,
    glossaryHash: project.glossaryHash,
    matcher: project.matcher,
    signal: abort.signal,
    // A paragraph that two files share is sent once, whichever file gets to it first.
    inFlight: new Map(),
    onProgress: (progress) => {
      result.requests += progress.requests
      options.onProgress?.(progress)
    }
  })

  // The provider caps requests in flight; this only bounds the files held in memory at once.
  const limit = pLimit(settings.concurrency)
  const buildOne = async (filePath: string): Promise<BuiltFile> => {
    const file = await readSourceFile(filePath, root)
    const built: BuiltFile = {file, written: [], unchanged: [], ok: false}
    if (!checkInsideSourceDir(project, file)) return built
    const relative = path.relative(sourceDir, filePath)
    if (file.messages.some((message) => message.fatal)) return built
    try {
      await processor.process(file)
    } catch (error) {
      if (error instanceof ProviderAuthorizationError || error instanceof ProviderQuotaError) {
        result.stoppedBy ??= error
        abort.abort(error)
      }
      reportFailure(file, error, abort.signal)
      return built
    } finally {
      const stats = file.data.tandem?.stats
      if (stats) {
        result.translated += stats.translated
        result.billedCharacters += stats.billedCharacters
        result.memoryHits += stats.memoryHits
      }
    }
    const outputs: Array<[string, string]> = [
      [path.join(settings.targetDir, relative), String(file.value)],
      [path.join(settings.parallelDir, relative), tandemData(file).parallel ?? '']
    ]
    for (const [output, content] of outputs) {
      try {
        const changed = await writeFileAtomic(path.join(root, output), content)
        ;(changed ? built.written : built.unchanged).push(output.split(path.sep).join('/'))
      } catch (error) {
        // Its translations are in the memory already; only this file's outputs are missing.
        const code = (error as NodeJS.ErrnoException).code ?? 'error'
        const message = file.message(`cannot write \`${output.split(path.sep).join('/')}\` (${code})`, {
          place: {line: 1, column: 1},
          ruleId: 'write-failed',
          source: 'tandem'
        })
        message.fatal = true
        return built
      }
    }
    built.ok = true
    if (options.keepFileData === false) {
      file.value = ''
      delete file.data.tandem
    }
    return built
  }

  try {
    result.files = await Promise.all(project.files.map((file) => limit(() => buildOne(file))))
  } finally {
    // Everything received is already appended; this only re-sorts it.
    await memory.compact()
  }
  return result
}

function reportFailure(file: VFile, error: unknown, signal: AbortSignal) {
  // Already reported segment by segment.
  if (error instanceof MissingTranslationsError) return
  const reason =
    signal.aborted && !(error instanceof ProviderError)
      ? `not built: ${signal.reason instanceof Error ? signal.reason.message : 'the build was stopped'}`
      : error instanceof Error
        ? error.message
        : String(error)
  const message = file.message(reason, {
    place: {line: 1, column: 1},
    ruleId: error instanceof ProviderError ? 'provider-error' : 'build-error',
    source: 'tandem'
  })
  message.fatal = true
}
