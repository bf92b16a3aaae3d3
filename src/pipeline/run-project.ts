import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {BuildInterruptedError, errorText} from '../core/errors.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {createI18n} from '../i18n/index.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import {billedCharacters} from '../providers/billing.ts'
import {deeplLimits} from '../providers/batch.ts'
import {ProviderAuthorizationError, ProviderBadAnswerError, ProviderError, ProviderQuotaError} from '../providers/errors.ts'
import {excerpt} from '../output/require-translations.ts'
import {collectMisses, planRequests, requestTokens, type Miss} from '../providers/plan.ts'
import type {BatchLimits, Provider} from '../providers/provider.ts'
import {sendPlan} from '../providers/translate-misses.ts'
import type {EnglishEdition, Options as HarvestOptions} from '../memory/harvest-post-edits.ts'
import type {createFinisher, createSegmenter} from './processor.ts'
import {checkInsideSourceDir, type Project} from './project.ts'
import {createEditionReader} from './read-edition.ts'
import {readSourceFile} from './read-source.ts'

/**
 * The one loop over a project's files, for build, dry run, status, check and the reader alike:
 * each German file is read and parsed once; the misses of all files are collected in file order,
 * each distinct text claimed by the first file that has it, and planned into requests packed across
 * files. The dry run counts that plan and the build sends it, so the two cannot disagree, whatever the
 * timing of the answers. A file is finished (QA, restored targets, `onFile`) as soon as every
 * translation it needs is in: at once when it needs none, so a rebuild holds one tree at a time.
 */

export interface RunOptions {
  project: Project
  memory: TranslationMemory
  /** Asked for the misses; without one (or with `dryRun`), nothing is sent. */
  provider?: Provider
  /** Count the plan, send nothing. */
  dryRun?: boolean
  /** Request limits for the plan when no provider gives them (default: DeepL's). */
  limits?: BatchLimits
  /** Glossary violations are errors. */
  strict?: boolean
  /**
   * Aborted: no further request is sent; answers in flight are still awaited and stored, and the files they
   * complete are finished. Files still waiting fail with the abort's reason (Ctrl-C: `BuildInterruptedError`).
   */
  signal?: AbortSignal
  /** Told each time an answer has been stored. */
  onProgress?: (progress: TranslationProgress) => void
  /** Told the plan's totals once every file is segmented, before anything is sent (a progress bar's total). */
  onPlan?: (total: Figures) => void | Promise<void>
  /**
   * Called once per file that has segments, when they have every translation this run gives them
   * (memory lookup, QA and `restoreTargets` done), with the German tree as parsed and its English edition
   * as read (with `postEdits`). Files in any order.
   */
  onFile?: (file: VFile, tree: Root, edition?: EnglishEdition) => Promise<void>
  /** Read each English edition first and harvest what editors changed in it (design.md "Post-edits"). */
  postEdits?: PostEditRunOptions
  /**
   * Asked for each file once it and its English edition are read, before it is parsed: true when nothing it
   * depends on changed, so that it is not parsed, looked up or written at all (then `onSkip`, not `onFile`).
   */
  skip?: (file: VFile, edition: EnglishEdition | undefined) => Promise<boolean>
  onSkip?: (file: VFile, edition: EnglishEdition | undefined) => Promise<void>
}

export type PostEditRunOptions = Pick<HarvestOptions, 'date' | 'author' | 'keepStale' | 'force' | 'readOnly'>

/** One answer, stored. */
export interface TranslationProgress {
  /** The German file the request's first text belongs to, relative to the project root. */
  file: string
  /** Segments that became complete with it. */
  segments: number
  billedCharacters: number
  /** Requests it took: 1 (retries are not counted here). */
  requests: number
}

export interface Figures {
  /** Translatable segments. */
  segments: number
  /** Segments the memory already holds. */
  memoryHits: number
  /** Distinct texts to send: a paragraph repeated, in one file or several, is sent (and counted) once, in its first file. */
  toTranslate: number
  billedCharacters: number
  /** Requests, each counted in the file of its first text (a request may carry texts of several files). */
  requests: number
  /** Estimated LLM tokens of those requests, prompt and answer (`requestTokens`), in the same file. */
  inputTokens: number
  outputTokens: number
}

export interface RunResult {
  /** Every German file, in project order, with its messages. */
  files: VFile[]
  /** Figures of each file that could be segmented, by index into `files`. */
  figures: Array<Figures | undefined>
  total: Figures
  /** Segments translated (distinct texts) and requests answered in this run. */
  translated: number
  answered: {requests: number; billedCharacters: number}
  /** Set when the provider ended the run early (refused key, empty quota). */
  stoppedBy?: ProviderError
}

interface Held {
  file: VFile
  tree: Root
  /** Keys it still waits for. */
  waiting: Set<string>
}

export async function runProject(options: RunOptions): Promise<RunResult> {
  const {project, memory} = options
  const {settings, root} = project
  const editions = new Map<VFile, EnglishEdition>()
  const readOnly = options.postEdits?.readOnly ?? options.dryRun ?? false
  const readEdition = options.postEdits ? createEditionReader(project, {readOnly}) : undefined
  // The processors (remark and its extensions) load when a first file needs parsing: a rebuild that skips every file never loads them.
  let stages: Promise<{segmenter: ReturnType<typeof createSegmenter>; finisher: ReturnType<typeof createFinisher>}> | undefined
  const loadStages = () =>
    (stages ??= import('./processor.ts').then(({createSegmenter, createFinisher}) => ({
      segmenter: createSegmenter({
        ...settings,
        matcher: project.matcher,
        memory,
        ...(options.postEdits
          ? {
              postEdits: {
                ...options.postEdits,
                // A dry run stores nothing, unless told to (`tandem harvest` stores and builds nothing).
                readOnly,
                sourceLang: settings.sourceLang,
                targetLang: settings.targetLang,
                edition: (file: VFile) => editions.get(file)
              }
            }
          : {})
      }),
      finisher: createFinisher({memory, t: createI18n('en').t, strict: options.strict ?? false})
    })))
  const empty = (): Figures => ({segments: 0, memoryHits: 0, toTranslate: 0, billedCharacters: 0, requests: 0, inputTokens: 0, outputTokens: 0})
  const result: RunResult = {files: [], figures: [], total: empty(), translated: 0, answered: {requests: 0, billedCharacters: 0}}
  const finishing: Array<Promise<void>> = []

  /** Work on a file that the run waits for at its end; a failure becomes a message on the file. */
  const later = (file: VFile, work: () => Promise<void>) => {
    finishing.push(work().catch((error: unknown) => fail(file, error)))
  }
  const finish = (file: VFile, tree: Root) => {
    later(file, async () => {
      const {finisher} = await loadStages()
      await finisher.run(tree, file)
      await options.onFile?.(file, tree, editions.get(file))
      editions.delete(file)
    })
  }

  // Reading runs a few files ahead; segmenting and claiming go in file order, so that a shared text
  // is always claimed by the same file.
  const parse = async (filePath: string): Promise<{file: VFile; tree?: Root; skipped?: boolean}> => {
    const file = await readSourceFile(filePath, root)
    if (!checkInsideSourceDir(project, file) || hasFatal(file)) return {file}
    try {
      const edition = await readEdition?.(filePath)
      if (edition) editions.set(file, edition)
      if (!options.dryRun && (await options.skip?.(file, edition))) return {file, skipped: true}
      const {segmenter} = await loadStages()
      const tree = segmenter.parse(file)
      await segmenter.run(tree, file)
      return {file, tree}
    } catch (error) {
      fail(file, error)
      return {file}
    }
  }
  const ahead = Math.max(2, settings.concurrency)
  const reading: Array<Promise<{file: VFile; tree?: Root; skipped?: boolean}> | undefined> = project.files.slice(0, ahead).map(parse)
  const claimed = new Map<string, number>()
  const misses: Miss[] = []
  const held = new Map<number, Held>()
  const waiters = new Map<string, number[]>()
  for (const index of project.files.keys()) {
    const next = project.files[index + ahead]
    if (next !== undefined) reading.push(parse(next))
    const parsed = await reading[index]
    reading[index] = undefined
    if (!parsed) continue
    const {file, tree} = parsed
    result.files.push(file)
    if (parsed.skipped) {
      const edition = editions.get(file)
      editions.delete(file)
      const segments = edition?.state?.segments.filter((segment) => segment.key !== '').length ?? 0
      result.figures.push({...empty(), segments, memoryHits: segments})
      later(file, async () => {
        await options.onSkip?.(file, edition)
      })
      continue
    }
    const data = file.data.tandem
    if (!tree || !data || hasFatal(file)) {
      result.figures.push(undefined)
      continue
    }
    const own = collectMisses(data.segments, memory).filter((miss) => !claimed.has(miss.key))
    for (const miss of own) claimed.set(miss.key, index)
    const segments = data.segments.filter((segment) => segment.source !== '').length
    const [only] = own
    if (only && own.length === 1 && segments > 1) only.alone = true
    // A loop, not `push(...own)`: a file of a hundred thousand segments would overflow the call's arguments.
    for (const miss of own) misses.push(miss)
    result.figures.push({
      segments,
      memoryHits: data.stats.memoryHits,
      toTranslate: own.length,
      billedCharacters: 0,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0
    })
    const waiting = new Set(data.segments.filter((segment) => segment.target === undefined).map((segment) => segment.key))
    if (waiting.size === 0) {
      finish(file, tree)
      continue
    }
    held.set(index, {file, tree, waiting})
    for (const key of waiting) waiters.set(key, [...(waiters.get(key) ?? []), index])
  }

  const limits = options.provider?.limits ?? options.limits ?? deeplLimits
  const plan = planRequests(misses, limits, (key) => memory.get(key) !== undefined)
  const partOf = new Map([...plan.parts.values()].flat().map((part) => [part.key, part.of]))
  const owner = (id: string) => claimed.get(partOf.get(id) ?? id) ?? 0
  for (const batch of plan.batches) {
    const first = batch[0]
    const figures = first ? result.figures[owner(first.id)] : undefined
    if (figures) {
      const tokens = requestTokens(batch, limits)
      figures.requests++
      figures.inputTokens += tokens.input
      figures.outputTokens += tokens.output
    }
    for (const request of batch) {
      const of = result.figures[owner(request.id)]
      if (of) of.billedCharacters += billedCharacters(request.text)
    }
  }
  for (const figures of result.figures) {
    if (!figures) continue
    for (const key of Object.keys(result.total) as Array<keyof Figures>) result.total[key] += figures[key]
  }

  await options.onPlan?.(result.total)

  const release = (keys: readonly string[]) => {
    for (const key of keys) {
      for (const index of waiters.get(key) ?? []) {
        const waiting = held.get(index)
        if (!waiting) continue
        waiting.waiting.delete(key)
        if (waiting.waiting.size > 0) continue
        held.delete(index)
        finish(waiting.file, waiting.tree)
      }
      waiters.delete(key)
    }
  }

  if (options.provider && !options.dryRun && plan.batches.length + plan.parts.size > 0) {
    const outcome = await sendPlan(plan, misses, {
      provider: options.provider,
      memory,
      sourceLang: settings.sourceLang,
      targetLang: settings.targetLang,
      ...(options.signal ? {signal: options.signal} : {}),
      onAnswer: (answer) => {
        result.translated += answer.keys.length
        result.answered.requests += answer.requests
        result.answered.billedCharacters += answer.billedCharacters
        const of = result.files[owner(answer.firstId)]
        options.onProgress?.({
          file: of?.data.tandem?.sourcePath ?? '',
          segments: answer.keys.length,
          billedCharacters: answer.billedCharacters,
          requests: answer.requests
        })
        release(answer.keys)
      }
    })
    for (const error of outcome.failed.values()) {
      if (error instanceof ProviderAuthorizationError || error instanceof ProviderQuotaError) {
        result.stoppedBy ??= error
      }
    }
    // Files that wait for a text that got no translation: not built, with the reason.
    for (const [index, waiting] of held) {
      const failures = [...waiting.waiting].flatMap((key) => {
        const error = outcome.failed.get(key)
        return error === undefined ? [] : [{key, error}]
      })
      const [first] = failures
      if (!first) continue
      held.delete(index)
      if (failures.every((failure) => failure.error instanceof ProviderBadAnswerError)) {
        badAnswers(waiting.file, new Map(failures.map((failure) => [failure.key, failure.error as ProviderBadAnswerError])))
      } else {
        fail(waiting.file, failures.find((failure) => !(failure.error instanceof ProviderBadAnswerError))?.error ?? first.error, result.stoppedBy)
      }
    }
  }
  // No provider, a dry run, or texts still missing: QA and the outputs report what is missing.
  for (const [index, waiting] of held) {
    held.delete(index)
    finish(waiting.file, waiting.tree)
  }
  await Promise.all(finishing)
  return result
}

function hasFatal(file: VFile): boolean {
  return file.messages.some((message) => message.fatal)
}

/**
 * Texts the provider answered unusably (an LLM's answer, even for the text alone): an error at each segment,
 * so the editor sees which paragraph it was. The file is not written; its other translations are in the memory.
 */
function badAnswers(file: VFile, failed: ReadonlyMap<string, ProviderBadAnswerError>) {
  for (const segment of file.data.tandem?.segments ?? []) {
    const error = failed.get(segment.key)
    if (!error || segment.target !== undefined) continue
    const reason = phrase('messages.provider-bad-answer', 'no usable translation for "{{text}}": {{error}}', {text: excerpt(segment.source), error: errorText(error)})
    fileMessage(file, 'error', reason, segment.position)
  }
}

/** A failure becomes a fatal message on its file, not a crash of the run. */
function fail(file: VFile, error: unknown, stoppedBy?: ProviderError) {
  if (error instanceof VFileMessage && file.messages.includes(error)) return
  // Nesting too deep even to parse (`checkNesting` sees only trees the parser could make).
  if (error instanceof RangeError && /call stack/.test(error.message)) {
    fileMessage(file, 'error', phrase('messages.too-deep.stack', 'nested too deeply to parse (lists, block quotes, emphasis); tandem does not build it'), {line: 1, column: 1})
    return
  }
  // A file that was not the provider's failure, in a run the provider stopped, says what stopped it.
  const stopped = stoppedBy && !(error instanceof ProviderError) ? errorText(stoppedBy) : undefined
  const reason =
    error instanceof ProviderError
      ? phrase('messages.provider-error', '{{error}}', {error: errorText(error)})
      : error instanceof BuildInterruptedError
        ? stopped
          ? phrase('messages.interrupted.stopped', 'not built: {{error}}', {error: stopped})
          : phrase('messages.interrupted.error', '{{error}}', {error: errorText(error)})
        : stopped
          ? phrase('messages.build-error.stopped', 'not built: {{error}}', {error: stopped})
          : phrase('messages.build-error.error', '{{error}}', {error: errorText(error)})
  fileMessage(file, 'error', reason, {line: 1, column: 1})
}
