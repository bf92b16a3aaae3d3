import type {BatchLimits, TranslationRequest} from './provider.ts'

/**
 * DeepL's documented limits for one `/v2/translate` request: 50 texts, and a 128 KiB body.
 * deepl-node sends a form-encoded body, and the other parameters (languages, tag options,
 * context) need room too, so the texts get 128 KiB less 8 KiB as they are encoded.
 */
export const deeplLimits: BatchLimits = {maxTexts: 50, maxBytes: 120 * 1024}

/**
 * Bytes a text takes in the form-encoded body deepl-node sends (`text=…&`): what DeepL's size limit counts.
 * Form encoding, not `encodeURIComponent`: a space is one byte (`+`), and `!'()~` take three.
 */
export function encodedSize(text: string): number {
  return new URLSearchParams([['text', text]]).toString().length + 1
}

/** Split requests, in order, into batches within `limits`. */
export function splitIntoBatches(requests: readonly TranslationRequest[], limits: BatchLimits): TranslationRequest[][] {
  const batches: TranslationRequest[][] = []
  let batch: TranslationRequest[] = []
  let bytes = 0
  for (const request of requests) {
    const size = encodedSize(request.text)
    if (batch.length > 0 && (batch.length >= limits.maxTexts || bytes + size > limits.maxBytes)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    // A text over the limit goes alone; `planRequests` splits such texts before they get here.
    batch.push(request)
    bytes += size
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
