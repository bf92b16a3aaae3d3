import type {Revision} from '../core/types.ts'
import type {TokenUsage} from '../memory/translation-memory.ts'
import type {ProviderError} from './errors.ts'

/** A glossary entry matched in a text, as an LLM's prompt lists it. */
export interface NamePair {
  de: string
  en: string
}

/** One text to translate; `text` is tagged text (design.md "Segments"). */
export interface TranslationRequest {
  id: string
  text: string
  /**
   * Text around this one that helps translate it and is not billed (DeepL's `context`: the neighbouring paragraphs).
   * A provider sends it only when every text of the batch carries the same context.
   */
  context?: string
  /** Glossary entries matched in this text. DeepL has them in its glossary; an LLM gets the batch's in the prompt. */
  glossary?: readonly NamePair[]
  /**
   * An editor's English for this text's earlier German: an LLM revises it minimally; DeepL gets it as `context`.
   * Such a text goes in a request of its own.
   */
  revise?: Revision
}

export interface TranslationResult {
  id: string
  text: string
  /** Characters the provider billed for this text. */
  billedCharacters: number
  provider: string
  model?: string
  /** An LLM's share of the request's `usage`. */
  tokens?: TokenUsage
}

/** A text the provider answered, but not usably: reported at its segment, while the rest of the batch is kept. */
export interface TranslationFailure {
  id: string
  error: ProviderError
}

/** A machine-translation service. Only `src/providers/` knows which client talks to it. */
export interface Provider {
  readonly name: string
  /** Largest batch the service takes in one request. */
  readonly limits: BatchLimits
  /** A result per text, or a failure for a text whose answer could not be used; never a text of another id. */
  translate(batch: readonly TranslationRequest[], signal?: AbortSignal): Promise<Array<TranslationResult | TranslationFailure>>
}

export interface BatchLimits {
  maxTexts: number
  maxBytes: number
  /** Estimated tokens in one request, input plus expected output (`estimatedTokens`); unset for DeepL, which bills characters. */
  maxTokens?: number
  /** Estimated tokens of the fixed prompt every request carries (an LLM's system prompt), for cost figures. */
  promptTokens?: number
}

export function isFailure(result: TranslationResult | TranslationFailure): result is TranslationFailure {
  return 'error' in result
}
