import {sha256} from './hash.ts'

/** A glossary entry as it takes part in a memory key: editing it re-keys the segments it matches. */
export interface KeyedGlossaryEntry {
  de: string
  en: string
}

export interface MemoryKeyInput {
  /** Normalized tagged source text. */
  source: string
  /** Glossary entries matched in the source (design.md "Translation memory"). */
  glossary: readonly KeyedGlossaryEntry[]
  sourceLang: string
  targetLang: string
  /** DeepL's `formality`; absent or `default`, the key is what it was before formality existed, so old records still hit. */
  formality?: string
}

export function memoryKey(input: MemoryKeyInput): string {
  const entries = input.glossary.map((entry) => `${entry.de}\t${entry.en}`).sort()
  const formality = input.formality && input.formality !== 'default' ? [`formality=${input.formality}`] : []
  return sha256(
    ['tandem-memory-1', input.sourceLang.toLowerCase(), input.targetLang.toLowerCase(), ...formality, input.source, ...entries].join('\n')
  )
}

/** What identifies one memory record among the several a key may have (the `replaces` of a human edit names it). */
export function recordId(record: {key: string; origin: string; target: string}): string {
  return sha256(`${record.key}\0${record.origin}\0${record.target}`).slice(0, 16)
}
