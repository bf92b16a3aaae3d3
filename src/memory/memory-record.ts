export type MemoryOrigin = 'mt' | 'human' | 'import'

/** One line of `memory/de-en.jsonl` (design.md "Translation memory"). */
export interface MemoryRecord {
  key: string
  source: string
  target: string
  origin: MemoryOrigin
  sourceLang: string
  targetLang: string
  provider?: string
  model?: string
  /** ISO date (YYYY-MM-DD) the translation was made. */
  date: string
  billedCharacters?: number
  /** An LLM's `usage` for this text: its share of the request's prompt and completion tokens. */
  tokens?: TokenUsage
  /** Who made a human record. */
  author?: string
  /** The `recordId()` of the record this human edit replaced; that record stays in the memory. */
  replaces?: string
  /** How much a post-edit changed the machine translation it replaced. */
  postEdit?: PostEdit
  note?: string
  /**
   * Set on a piece of a segment too large for one request (key: `partKey()`): kept so that a build cut short
   * never pays for it again, and dropped by `compact()` once the whole segment is in the memory.
   */
  part?: MemoryPart
  /** Set on a pair found by `tandem memory align`: where each side was, and how sure the alignment was. */
  alignedFrom?: AlignedFrom
}

export interface TokenUsage {
  prompt: number
  completion: number
}

export interface AlignedFrom {
  /** `file:line:column` of the German block. */
  de: string
  /** `file:line:column` of the (first) English block. */
  en: string
  /** The alignment's confidence, 0–1, rounded to two decimals. */
  confidence: number
}

export interface MemoryPart {
  /** Key of the whole segment. */
  of: string
  /** From 0. */
  index: number
  count: number
}

export interface PostEdit {
  /** Characters inserted, deleted or substituted. */
  characters: number
  /** Translation edit rate: edits per word of the edited text. */
  ter: number
}
