import type {BatchLimits, TranslationRequest} from './provider.ts'

/** DeepL's documented limits for one `/v2/translate` request. */
export const deeplLimits: BatchLimits = {maxTexts: 50, maxBytes: 128 * 1024}

/** Split requests, in order, into batches within `limits` (text bytes as UTF-8). */
export function splitIntoBatches(requests: readonly TranslationRequest[], limits: BatchLimits): TranslationRequest[][] {
  const batches: TranslationRequest[][] = []
  let batch: TranslationRequest[] = []
  let bytes = 0
  for (const request of requests) {
    const size = Buffer.byteLength(request.text, 'utf8')
    if (batch.length > 0 && (batch.length >= limits.maxTexts || bytes + size > limits.maxBytes)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    // A single text over the byte limit still goes alone; splitting it is the batching issue's job.
    batch.push(request)
    bytes += size
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
