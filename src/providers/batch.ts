import {DEFAULTS} from '../core/defaults.ts'
import type {BatchLimits, TranslationRequest} from './provider.ts'

/** DeepL's request limits, as `DEFAULTS.deepl` sets them (50 texts; 128 KiB less room for the other parameters). */
export const deeplLimits: BatchLimits = {maxTexts: DEFAULTS.deepl.maxTexts, maxBytes: DEFAULTS.deepl.maxBytes}

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
