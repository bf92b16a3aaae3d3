import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import type {MemoryRecord, TranslationMemory} from '../memory/translation-memory.ts'
import {unwrapKeptText} from '../core/tagged-text.ts'
import {ProviderError} from './errors.ts'
import {collectMisses, planRequests, type Miss, type Part} from './plan.ts'
import type {Provider, TranslationResult} from './provider.ts'

export interface Options {
  /** No provider: misses stay untranslated, and `requireTranslations` reports them. */
  provider?: Provider
  memory: TranslationMemory
  sourceLang: string
  targetLang: string
  /** Stops sending further batches (a refused key or an empty quota ends the whole build). */
  signal?: AbortSignal
  /** Date written into new memory records (default: today). */
  today?: () => string
  /**
   * Keys being translated for some file of the build, shared by all its files: a paragraph that two files
   * share is sent once, and the second file waits for it (default: one map per file).
   */
  inFlight?: Map<string, Promise<void>>
  /** Told each time an answer has been stored. */
  onProgress?: (progress: TranslationProgress) => void
}

/** One answer, stored. */
export interface TranslationProgress {
  /** The German file, relative to the project root. */
  file: string
  /** Segments that became complete with it. */
  segments: number
  billedCharacters: number
  /** Requests it took: 1 (retries are not counted here). */
  requests: number
}

/**
 * Send the segments the memory lacks to the provider, every batch at once (the provider caps requests
 * in flight), and append each answer to the memory as it arrives, so a crash loses nothing paid for.
 */
export default function translateMisses(options: Options) {
  const {provider, memory} = options
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))

  return async function (_tree: unknown, file: VFile): Promise<undefined> {
    if (!provider) return
    const data = tandemData(file)
    const inFlight = options.inFlight ?? new Map<string, Promise<void>>()
    const own: Miss[] = []
    const elsewhere: Array<Promise<void>> = []
    for (const miss of collectMisses(data.segments, memory)) {
      const pending = inFlight.get(miss.key)
      if (pending) elsewhere.push(pending)
      else own.push(miss)
    }
    const plan = planRequests(own, provider.limits, (key) => memory.get(key) !== undefined)
    const byKey = new Map(own.map((miss) => [miss.key, miss]))
    const waiting = new Map(own.map((miss) => [miss.key, deferred()]))
    for (const [key, promise] of waiting) inFlight.set(key, promise.promise)
    const partOf = new Map<string, Part>([...plan.parts.values()].flat().map((part) => [part.key, part]))

    const record = (key: string, source: string, target: string, result: Pick<TranslationResult, 'provider' | 'model'>, billed: number) => ({
      key,
      source,
      target,
      origin: 'mt' as const,
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      provider: result.provider,
      ...(result.model ? {model: result.model} : {}),
      date: today(),
      billedCharacters: billed
    })

    /** Whole segments whose parts are all in the memory now: joined, stored, done. */
    const joinParts = async (): Promise<string[]> => {
      const joined: MemoryRecord[] = []
      for (const [key, parts] of plan.parts) {
        if (memory.get(key)) continue
        const records = parts.map((part) => memory.get(part.key))
        if (!records.every((stored) => stored !== undefined)) continue
        const miss = byKey.get(key)
        const first = records[0]
        if (!miss || !first) continue
        const target = records.map((stored) => stored?.target ?? '').join(' ')
        const billed = records.reduce((sum, stored) => sum + (stored?.billedCharacters ?? 0), 0)
        joined.push(record(key, miss.source, target, {provider: first.provider ?? provider.name, model: first.model}, billed))
      }
      await memory.append(joined)
      return joined.map((entry) => entry.key)
    }

    const send = async (batch: (typeof plan.batches)[number]) => {
      const results = await provider.translate(batch, options.signal)
      await memory.append(
        results.map((result) => {
          const part = partOf.get(result.id)
          const miss = byKey.get(result.id)
          const target = unwrapKeptText(result.text)
          if (!part) return record(result.id, miss?.source ?? '', target, result, result.billedCharacters)
          const {of, index, count} = part
          return {...record(result.id, part.text, target, result, result.billedCharacters), part: {of, index, count}}
        })
      )
      const done = [...results.map((result) => result.id).filter((id) => byKey.has(id)), ...(await joinParts())]
      const billed = results.reduce((sum, result) => sum + result.billedCharacters, 0)
      for (const key of done) waiting.get(key)?.resolve()
      data.stats.translated += done.length
      data.stats.billedCharacters += billed
      options.onProgress?.({file: data.sourcePath, segments: done.length, billedCharacters: billed, requests: 1})
    }

    let failure: unknown
    try {
      // Parts stored by a build that was cut short may already make a segment whole.
      const joined = await joinParts()
      for (const key of joined) waiting.get(key)?.resolve()
      data.stats.translated += joined.length
      const sent = await Promise.allSettled(plan.batches.map(send))
      failure = sent.find((outcome) => outcome.status === 'rejected')?.reason
    } catch (error) {
      failure = error
    } finally {
      for (const [key, promise] of waiting) {
        if (memory.get(key)) promise.resolve()
        else promise.reject(failure ?? new ProviderError('the provider sent no translation'))
        inFlight.delete(key)
      }
    }
    const waited = await Promise.allSettled(elsewhere)
    failure ??= waited.find((outcome) => outcome.status === 'rejected')?.reason
    if (failure !== undefined) throw failure

    for (const segment of data.segments) {
      if (segment.target !== undefined) continue
      const stored = memory.get(segment.key)
      if (stored) {
        segment.target = stored.target
        segment.origin = 'provider'
      }
    }
  }
}

interface Deferred {
  promise: Promise<void>
  resolve: () => void
  reject: (reason: unknown) => void
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined
  let reject: (reason: unknown) => void = () => undefined
  const promise = new Promise<void>((yes, no) => {
    resolve = yes
    reject = no
  })
  // Nobody may be waiting: a rejection here is reported by the file that owns the key.
  promise.catch(() => undefined)
  return {promise, resolve, reject}
}
