/** One text to translate; `text` is tagged text (design.md "Segments"). */
export interface TranslationRequest {
  id: string
  text: string
  /**
   * Text around this one that helps translate it and is not billed (DeepL's `context`: the neighbouring paragraphs).
   * A provider sends it only when every text of the batch carries the same context.
   */
  context?: string
}

export interface TranslationResult {
  id: string
  text: string
  /** Characters the provider billed for this text. */
  billedCharacters: number
  provider: string
  model?: string
}

/** A machine-translation service. Only `src/providers/` knows which client talks to it. */
export interface Provider {
  readonly name: string
  /** Largest batch the service takes in one request. */
  readonly limits: BatchLimits
  translate(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<TranslationResult[]>
}

export interface BatchLimits {
  maxTexts: number
  maxBytes: number
}
