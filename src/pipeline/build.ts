import path from 'node:path'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {withLock} from '../core/lock-file.ts'
import {removeLeftovers, writeFileAtomic} from '../core/write-file-atomic.ts'
import {createI18n} from '../i18n/index.ts'
import {TranslationMemory, type LockWait} from '../memory/translation-memory.ts'
import {MissingTranslationsError} from '../output/require-translations.ts'
import {ProviderAuthorizationError, type ProviderError} from '../providers/errors.ts'
import type {Provider} from '../providers/provider.ts'
import type {EnglishEdition} from '../memory/harvest-post-edits.ts'
import type {createEnglishSegmenter, createWriter} from './processor.ts'
import {openProject, type Project, type ProjectOptions} from './project.ts'
import {editionPaths, readEditionNow} from './read-edition.ts'
import {runProject, type Figures, type PostEditRunOptions, type TranslationProgress} from './run-project.ts'
import {createSiteWriter, type ReaderSite} from './write-site.ts'
import {isRecorded, recordWritten} from './record-written.ts'
import {buildInputs, matchedGlossary} from './build-inputs.ts'
import {sha256} from '../core/hash.ts'
import {readSmallFile} from '../core/read-small-file.ts'

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
  /**
   * Skip, without parsing, an article none of whose inputs changed since a build recorded them (default: true).
   * False parses and checks every file, as after a change that touches all of them.
   */
  skipUnchanged?: boolean
  /** How editors' post-edits are harvested first (every build harvests them). */
  postEdits?: Omit<PostEditRunOptions, 'readOnly'>
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
  /** English editions with messages about them (an edit that cannot be paired), each at its own lines. */
  editions: VFile[]
  /** Post-edits harvested into the memory, and stale post-edits flagged. */
  harvested: number
  stale: number
}

/** Build the English edition and the side-by-side view of each German file (and the reader). Only the CLI prints. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const project = options.project ?? (await openProject(options))
  const {root, settings} = project
  const planned: Figures = {segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0, inputTokens: 0, outputTokens: 0}
  const result: BuildResult = {
    files: [],
    translated: 0,
    billedCharacters: 0,
    requests: 0,
    memoryHits: 0,
    planned,
    glossary: project.glossary.file,
    editions: [],
    harvested: 0,
    stale: 0
  }
  if (project.glossaryBroken) return result
  // What a killed write left in the folders a build writes.
  await removeLeftovers(
    [settings.sourceDir, settings.targetDir, settings.parallelDir, path.dirname(settings.memoryPath), settings.writtenDir, path.dirname(settings.glossaryPath), 'site'].map(
      (dir) => path.join(root, dir)
    )
  )
  const memory = await TranslationMemory.open(path.join(root, settings.memoryPath), {
    root,
    lock: settings.lock,
    ...(options.onMemoryWait ? {onWait: options.onMemoryWait} : {})
  })
  result.memory = memory.file
  // Loaded with the first file that is parsed (runProject's processors): a rebuild that skips every file never loads remark.
  let writers: Promise<{writer: ReturnType<typeof createWriter>; englishSegmenter: ReturnType<typeof createEnglishSegmenter>}> | undefined
  const loadWriters = () =>
    (writers ??= import('./processor.ts').then(({createWriter, createEnglishSegmenter}) => ({
      writer: createWriter({
        t: createI18n('en').t,
        memoryLabel: settings.memoryPath,
        keyVariable: settings.provider === 'openai' ? 'OPENAI_API_KEY' : 'DEEPL_AUTH_KEY'
      }),
      englishSegmenter: createEnglishSegmenter(settings)
    })))
  const site = options.site ? await createSiteWriter(project, options.site.ui, memory) : undefined
  const built = new Map<VFile, BuiltFile>()

  /** An output's path as messages and `BuiltFile` name it: relative to the root, with `/`. */
  const nameOf = (file: string) => path.relative(root, file).split(path.sep).join('/')
  const writeOutputs = async (file: VFile, tree: Root, edition?: EnglishEdition) => {
    const entry: BuiltFile = {file, written: [], unchanged: [], ok: false}
    built.set(file, entry)
    const {writer, englishSegmenter} = await loadWriters()
    const postEdits = tandemData(file).postEdits
    if (postEdits) {
      result.harvested += postEdits.harvested
      result.stale += postEdits.stale
      if (postEdits.english && postEdits.english.messages.length > 0) result.editions.push(postEdits.english)
    }
    // An English edition that does not pair with what tandem wrote holds human work that cannot be placed: left alone.
    const keep = postEdits?.keep === true
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
    const english = String(file.value)
    const paths = editionPaths(project, file.path)
    const write = async (output: string, content: string): Promise<boolean> => {
      const name = output.split(path.sep).join('/')
      try {
        const changed = await writeFileAtomic(path.join(root, output), content)
        ;(changed ? entry.written : entry.unchanged).push(name)
        return true
      } catch (error) {
        // Its translations are in the memory already; only this file's outputs are missing.
        const code = (error as NodeJS.ErrnoException).code ?? 'error'
        fileMessage(file, 'error', phrase('messages.write-failed.output', 'cannot write `{{name}}` ({{code}})', {name, code}), {line: 1, column: 1})
        return false
      }
    }
    // A file that built without a message records its inputs, so that a rebuild with the same ones can skip it.
    const data = tandemData(file)
    const clean = file.messages.length === 0 && (postEdits?.english?.messages.length ?? 0) === 0
    const glossary = {file: project.glossaryHash, matched: data.glossary ?? ''}
    const inputs = clean
      ? buildInputs(project, memory, {
          german: data.sourceHash,
          glossary: glossary.matched,
          keys: data.segments.map((segment) => (segment.source === '' ? '' : segment.key)),
          parallel: data.parallel ?? '',
          ...(options.site ? {ui: options.site.ui} : {})
        })
      : undefined
    // The English edition and the record of what it holds are written together, under the article's lock.
    const writeEnglish = () =>
      withLock(paths.lock, settings.lock, async () => {
        const now = await readEditionNow(project, file.path)
        // Changed since this build read it, and not by another build: an editor saved it meanwhile.
        if (now.digest !== edition?.digest && now.digest !== undefined && now.digest !== now.state?.english) {
          const name = nameOf(paths.english)
          const reason = phrase('messages.post-edit-during-build', '`{{name}}` was changed while this build ran; it is left as it is: build again to keep the change', {name})
          fileMessage(file, 'error', reason, {line: 1, column: 1})
          return false
        }
        if (!(await write(path.join(settings.targetDir, relative), english))) return false
        try {
          await recordWritten(file, english, {
            segmenter: englishSegmenter,
            path: paths.state,
            ...(now.state ? {previous: now.state} : {}),
            ...(inputs ? {inputs, glossary} : {})
          })
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'error'
          const name = nameOf(paths.state)
          const reason = phrase('messages.write-failed.record', 'cannot write `{{name}}` ({{code}}); the next build cannot tell post-edits of this file from changes of the German', {name, code})
          fileMessage(file, 'error', reason, {line: 1, column: 1})
          return false
        }
        return true
      })
    // A rebuild with nothing edited: the edition as read is this output, and its record says so.
    const current = !keep && edition?.digest !== undefined && edition.digest === edition.state?.english && isRecorded(edition.state, english, file, inputs, glossary)
    if (current) entry.unchanged.push(nameOf(paths.english))
    else if (!keep && !(await writeEnglish())) return
    if (!(await write(path.join(settings.parallelDir, relative), data.parallel ?? ''))) return
    entry.ok = !keep
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
      skip: async (file, edition) => {
        if (options.skipUnchanged === false) return false
        // Nothing edited, and inputs recorded by a build without messages (so no warning is ever hidden by a skip).
        const state = edition?.state
        if (!state?.inputs || edition?.digest === undefined || edition.digest !== state.english) return false
        // Missing or unreadable: the build writes it again, and says so if it cannot.
        let parallel: string | undefined
        try {
          parallel = readSmallFile(editionPaths(project, file.path).parallel)?.toString('utf8')
        } catch {}
        if (parallel === undefined) return false
        const glossary = matchedGlossary(project, memory, state)
        if (glossary === undefined) return false
        const inputs = buildInputs(project, memory, {
          german: sha256(String(file.value)),
          glossary,
          keys: state.segments.map((segment) => segment.key),
          parallel,
          ...(options.site ? {ui: options.site.ui} : {})
        })
        if (inputs !== state.inputs) return false
        // Last: it also takes the article's index entry for the reader.
        return site ? site.keepArticle(file) : true
      },
      onSkip: async (file) => {
        const paths = editionPaths(project, file.path)
        built.set(file, {file, written: [], unchanged: [paths.english, paths.parallel].map(nameOf), ok: true})
        if (options.keepFileData === false) file.value = ''
      },
      postEdits: options.postEdits ?? {},
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
    try {
      await memory.compact()
    } finally {
      await memory.close()
    }
  }
  return result
}
