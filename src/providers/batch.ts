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

/**
 * Characters per token: OpenAI's rule of thumb for English, a little generous for German, and no tokenizer to
 * install, which would be right for one model family only (a local Llama or Qwen counts differently).
 */
export const charactersPerToken = 4

/** Tokens one text's item adds to a request's JSON (`{"id":"12","text":"…"}`), besides its characters. */
const itemTokens = 8

/** Estimated tokens of `text` as one item of an LLM request: the prompt's, and as many again for the answer's. */
export function estimatedTokens(text: string): {input: number; output: number} {
  const input = Math.ceil(text.length / charactersPerToken) + itemTokens
  return {input, output: input}
}

/** Estimated tokens of a glossary entry listed in a request (`{"de":"…","en":"…"}`). */
export function glossaryTokens(entry: {de: string; en: string}): number {
  return Math.ceil((entry.de.length + entry.en.length) / charactersPerToken) + itemTokens
}

/** What a text costs a request against `limits`: bytes, and tokens in and out when the limits count them. */
function tokenCost(text: string): number {
  const {input, output} = estimatedTokens(text)
  return input + output
}

/** Whether a text may go in one request at all; `planRequests` splits one that may not. */
export function fitsAlone(text: string, limits: BatchLimits): boolean {
  return encodedSize(text) <= limits.maxBytes && (limits.maxTokens === undefined || tokenCost(text) <= limits.maxTokens)
}

/** The byte size a piece of a split text may have so that it `fitsAlone`. */
export function pieceBytes(limits: BatchLimits): number {
  if (limits.maxTokens === undefined) return limits.maxBytes
  // Characters ≤ form-encoded bytes, so a piece within this many bytes is within the token budget.
  const characters = (Math.floor(limits.maxTokens / 2) - itemTokens) * charactersPerToken
  return Math.max(64, Math.min(limits.maxBytes, characters))
}

/** Split requests, in order, into batches within `limits`. */
export function splitIntoBatches(requests: readonly TranslationRequest[], limits: BatchLimits): TranslationRequest[][] {
  const batches: TranslationRequest[][] = []
  let batch: TranslationRequest[] = []
  let bytes = 0
  let tokens = 0
  const counted = new Set<string>()
  for (const request of requests) {
    const size = encodedSize(request.text)
    // The glossary goes once per request: an entry already listed costs nothing more.
    const listed = (request.glossary ?? []).filter((entry) => !counted.has(entry.de))
    const cost = limits.maxTokens === undefined ? 0 : tokenCost(request.text) + listed.reduce((sum, entry) => sum + glossaryTokens(entry), 0)
    const full =
      batch.length >= limits.maxTexts || bytes + size > limits.maxBytes || (limits.maxTokens !== undefined && tokens + cost > limits.maxTokens)
    if (batch.length > 0 && full) {
      batches.push(batch)
      batch = []
      bytes = 0
      tokens = 0
      counted.clear()
    }
    // A text over the limit goes alone; `planRequests` splits such texts before they get here.
    batch.push(request)
    bytes += size
    for (const entry of request.glossary ?? []) {
      if (counted.has(entry.de)) continue
      counted.add(entry.de)
      if (limits.maxTokens !== undefined) tokens += glossaryTokens(entry)
    }
    if (limits.maxTokens !== undefined) tokens += tokenCost(request.text)
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}
