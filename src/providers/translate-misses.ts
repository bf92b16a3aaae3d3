import type {VFile} from 'vfile'
import {tandemData} from '../pipeline/data.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import {unwrapKeptText} from '../segment/tagged-text.ts'
import {splitIntoBatches} from './batch.ts'
import type {Provider} from './provider.ts'

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
}

/** Send the segments the memory lacks to the provider, batch by batch, storing each answer as it arrives. */
export default function translateMisses(options: Options) {
  const {provider, memory} = options
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10))

  return async function (_tree: unknown, file: VFile): Promise<undefined> {
    if (!provider) return
    const data = tandemData(file)
    // One request per distinct text: a repeated paragraph is paid for once.
    const misses = new Map<string, {source: string; request: string}>()
    for (const segment of data.segments) {
      if (segment.target === undefined) misses.set(segment.key, {source: segment.source, request: segment.request ?? segment.source})
    }
    const requests = [...misses].map(([key, {request}]) => ({id: key, text: request}))

    for (const batch of splitIntoBatches(requests, provider.limits)) {
      options.signal?.throwIfAborted()
      const results = await provider.translate(batch, options.signal)
      const date = today()
      await memory.append(
        results.map((result) => ({
          key: result.id,
          source: misses.get(result.id)?.source ?? '',
          target: unwrapKeptText(result.text),
          origin: 'mt' as const,
          sourceLang: options.sourceLang,
          targetLang: options.targetLang,
          provider: result.provider,
          ...(result.model ? {model: result.model} : {}),
          date,
          billedCharacters: result.billedCharacters
        }))
      )
      for (const result of results) {
        data.stats.translated++
        data.stats.billedCharacters += result.billedCharacters
      }
    }

    for (const segment of data.segments) {
      if (segment.target !== undefined) continue
      const record = memory.get(segment.key)
      if (record) {
        segment.target = record.target
        segment.origin = 'provider'
      }
    }
  }
}
