import type {VFile} from 'vfile'
import {keyedSegments, tandemData} from '../core/data.ts'
import {phrase} from '../core/phrase.ts'
import type {MemoryRecord, TranslationMemory} from '../memory/translation-memory.ts'
import {unwrapKeptText} from '../core/tagged-text.ts'
import {ProviderError} from './errors.ts'
import {collectMisses, planRequests, type Miss, type Plan} from './plan.ts'
import {isFailure, type Provider, type TranslationResult} from './provider.ts'
import {isoToday} from '../core/today.ts'

export interface SendOptions {
  provider: Provider
  memory: TranslationMemory
  sourceLang: string
  targetLang: string
  /** Stops sending further batches (a refused key or an empty quota ends the whole build). */
  signal?: AbortSignal
  /** Date written into new memory records (default: today). */
  today?: () => string
  /** Told after each answer is stored: the segment keys it made complete, and what it billed. */
  onAnswer?: (answer: Answer) => void
}

/** One provider answer, stored in the memory. */
export interface Answer {
  /** Segment keys complete with it (a segment sent in parts is complete with its last part). */
  keys: string[]
  billedCharacters: number
  /** The request's first id: a segment key or a part key. */
  firstId: string
  /** Requests it took: 1, or 0 for parts joined from an earlier, cut-short build. */
  requests: number
}

/** What became of a plan: keys that got no translation, and why. */
export interface SendOutcome {
  failed: Map<string, unknown>
}

/**
 * Send a plan (plan → send → store): every batch at once (the provider caps requests in flight), and each
 * answer appended to the memory as it arrives, so a crash loses nothing paid for. `misses` are the segments
 * the plan was made from; a segment sent in parts is joined and stored once its last part is in.
 */
export async function sendPlan(plan: Plan, misses: readonly Miss[], options: SendOptions): Promise<SendOutcome> {
  const {provider, memory} = options
  const today = options.today ?? isoToday
  const byKey = new Map(misses.map((miss) => [miss.key, miss]))
  const partOf = new Map([...plan.parts.values()].flat().map((part) => [part.key, part]))

  const record = (
    key: string,
    source: string,
    target: string,
    result: Pick<TranslationResult, 'provider' | 'model' | 'tokens'>,
    billed: number
  ): MemoryRecord => ({
    key,
    source,
    target,
    origin: 'mt',
    sourceLang: options.sourceLang,
    targetLang: options.targetLang,
    provider: result.provider,
    ...(result.model ? {model: result.model} : {}),
    date: today(),
    billedCharacters: billed,
    ...(result.tokens ? {tokens: result.tokens} : {})
  })

  /** Whole segments whose parts are all in the memory now: joined, stored, done. */
  const joinParts = async (): Promise<string[]> => {
    const joined: MemoryRecord[] = []
    for (const [key, parts] of plan.parts) {
      if (memory.get(key)) continue
      const records = parts.map((part) => memory.get(part.key))
      const miss = byKey.get(key)
      const first = records[0]
      if (!miss || !first || !records.every((stored) => stored !== undefined)) continue
      const target = records.map((stored) => stored?.target ?? '').join(' ')
      const billed = records.reduce((sum, stored) => sum + (stored?.billedCharacters ?? 0), 0)
      // An LLM's tokens, like the billed characters, are the sum of the parts' (whose records compaction drops).
      const tokens = records.some((stored) => stored?.tokens)
        ? {
            prompt: records.reduce((sum, stored) => sum + (stored?.tokens?.prompt ?? 0), 0),
            completion: records.reduce((sum, stored) => sum + (stored?.tokens?.completion ?? 0), 0)
          }
        : undefined
      joined.push(record(key, miss.source, target, {provider: first.provider ?? provider.name, model: first.model, tokens}, billed))
    }
    await memory.append(joined)
    return joined.map((entry) => entry.key)
  }

  const failed = new Map<string, unknown>()
  const send = async (batch: Plan['batches'][number]) => {
    const answered = await provider.translate(batch, options.signal)
    const results: TranslationResult[] = []
    for (const result of answered) {
      if (isFailure(result)) failed.set(partOf.get(result.id)?.of ?? result.id, result.error)
      else results.push(result)
    }
    await memory.append(
      results.map((result) => {
        const part = partOf.get(result.id)
        const target = unwrapKeptText(result.text)
        if (!part) return record(result.id, byKey.get(result.id)?.source ?? '', target, result, result.billedCharacters)
        const {of, index, count} = part
        return {...record(result.id, part.text, target, result, result.billedCharacters), part: {of, index, count}}
      })
    )
    const keys = [...results.map((result) => result.id).filter((id) => byKey.has(id)), ...(await joinParts())]
    const billedCharacters = results.reduce((sum, result) => sum + result.billedCharacters, 0)
    options.onAnswer?.({keys, billedCharacters, firstId: batch[0]?.id ?? '', requests: 1})
  }

  // Parts stored by a build that was cut short may already make a segment whole.
  const joined = await joinParts()
  if (joined.length > 0) options.onAnswer?.({keys: joined, billedCharacters: 0, firstId: joined[0] ?? '', requests: 0})
  const sent = await Promise.allSettled(plan.batches.map(send))
  const reason = sent.find((outcome) => outcome.status === 'rejected')?.reason
  for (const [index, outcome] of sent.entries()) {
    if (outcome.status === 'fulfilled') continue
    for (const request of plan.batches[index] ?? []) failed.set(partOf.get(request.id)?.of ?? request.id, outcome.reason)
  }
  // A segment can still lack its translation when the provider left an id out of its answer.
  for (const miss of misses) {
    if (!memory.get(miss.key) && !failed.has(miss.key)) failed.set(miss.key, reason ?? new ProviderError(phrase('errors.noTranslation', 'the provider sent no translation')))
  }
  return {failed}
}

export type Options = Omit<SendOptions, 'onAnswer' | 'provider'> & {
  /** No provider: misses stay untranslated, and `requireTranslations` reports them. */
  provider?: Provider
}

/**
 * One file's misses to the provider, as a plugin: for a processor that handles files one by one.
 * `tandem build` plans across all files instead (`runProject`), so that requests are packed across files.
 */
export default function translateMisses(options: Options) {
  const {provider, memory} = options
  return async function (_tree: unknown, file: VFile): Promise<undefined> {
    if (!provider) return
    const data = tandemData(file, 'translateMisses')
    const segments = keyedSegments(file, 'translateMisses')
    const misses = collectMisses(segments, memory)
    const plan = planRequests(misses, provider.limits, (key) => memory.get(key) !== undefined)
    const outcome = await sendPlan(plan, misses, {
      ...options,
      provider,
      onAnswer: (answer) => {
        data.stats.translated += answer.keys.length
        data.stats.billedCharacters += answer.billedCharacters
      }
    })
    const failure = outcome.failed.values().next()
    if (!failure.done) throw failure.value
    for (const segment of segments) {
      const stored = segment.target === undefined ? memory.get(segment.key) : undefined
      if (stored) {
        segment.target = stored.target
        segment.origin = 'provider'
      }
    }
  }
}
