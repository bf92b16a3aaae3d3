import {recordId} from '../core/key.ts'
import {normalizeTaggedText} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import type {Phrase} from '../core/phrase.ts'
import type {NameMatcher} from '../glossary/matcher.ts'
import type {MemoryOrigin, MemoryRecord} from '../memory/translation-memory.ts'
import {tagProblem} from './inline-codes.ts'
import {keyTaggedSource, type InterchangeUnit} from './unit.ts'

/** What an import needs of the memory (the shared model: several records per key, `get` prefers human). */
export interface MemoryView {
  get(key: string): MemoryRecord | undefined
  all(key: string): MemoryRecord[]
}

export interface ImportOptions {
  memory: MemoryView
  /** The segments of content/de, so that units are keyed exactly as the build keys them. */
  segments: Iterable<Segment>
  matcher: NameMatcher
  sourceLang: string
  targetLang: string
  /** DeepL's `formality`, part of the key of a unit no segment has yet (default: none). */
  formality?: string
  origin: Extract<MemoryOrigin, 'human' | 'import'>
  /** On a conflict with a human record, make the imported unit the current translation (`--prefer import`). */
  preferImport?: boolean
  /** YYYY-MM-DD for units without a date. */
  today: string
  /** Recorded on each record: where it came from. */
  note?: string
}

export interface ImportPlan {
  records: MemoryRecord[]
  /** Units whose source is a segment of content/de. */
  matched: number
  /** Records added. */
  added: number
  /** Units whose translation the memory already had. */
  unchanged: number
  /** Units that differ from an existing human record of their key. */
  conflicts: number
  /** Units of a segment whose tags do not match (the segment changed since the file was made). */
  rejected: {unit: InterchangeUnit; reason: Phrase}[]
}

/**
 * Memory records for the units of a TMX. Nothing is replaced: a unit that differs from a human record
 * of its key is kept beside it, and the human record stays current unless `preferImport` is set
 * (then the unit is stored as a human record that `replaces` it, dated today, so that it wins).
 */
export function planImport(units: readonly InterchangeUnit[], options: ImportOptions): ImportPlan {
  const bySource = new Map<string, Segment>()
  for (const segment of options.segments) if (segment.source !== '' && !bySource.has(segment.source)) bySource.set(segment.source, segment)
  const plan: ImportPlan = {records: [], matched: 0, added: 0, unchanged: 0, conflicts: 0, rejected: []}
  const languages = {sourceLang: options.sourceLang, targetLang: options.targetLang}
  const seen = new Set<string>()

  for (const unit of units) {
    const source = normalizeTaggedText(unit.source)
    const target = normalizeTaggedText(unit.target)
    const segment = bySource.get(source)
    if (segment) {
      const problem = tagProblem(target, segment.placeholders)
      if (problem) {
        plan.rejected.push({unit, reason: problem})
        continue
      }
      plan.matched++
    }
    const key = segment?.key ?? keyTaggedSource(source, options.matcher, {...languages, formality: options.formality})
    const existing = options.memory.all(key)
    const pending = `${key}\0${target}`
    if (existing.some((record) => record.target === target) || seen.has(pending)) {
      plan.unchanged++
      continue
    }
    seen.add(pending)
    const current = options.memory.get(key)
    const conflict = current?.origin === 'human'
    if (conflict) plan.conflicts++
    const wins = conflict && options.preferImport === true
    plan.records.push({
      key,
      source,
      target,
      origin: wins ? 'human' : options.origin,
      ...languages,
      date: wins ? options.today : (unit.date ?? options.today),
      ...(unit.author ? {author: unit.author} : {}),
      ...(wins && current ? {replaces: recordId(current)} : {}),
      ...(options.note || unit.note ? {note: [unit.note, options.note].filter(Boolean).join('; ')} : {})
    })
    plan.added++
  }
  return plan
}

export interface XliffImportOptions {
  memory: MemoryView
  /** The current segments of each German file, by its path relative to the project root. */
  articles: ReadonlyMap<string, readonly Segment[]>
  sourceLang: string
  targetLang: string
  today: string
  author?: string
}

export interface XliffImportPlan {
  records: MemoryRecord[]
  /** Targets that became the current translation of their segment. */
  changed: number
  unchanged: number
  /** Units whose article or segment no longer exists. */
  missing: InterchangeUnit[]
  /** Units whose German changed since the file was exported. */
  stale: InterchangeUnit[]
  /** Units whose target's tags do not match their segment. */
  rejected: {unit: InterchangeUnit; reason: Phrase}[]
}

/**
 * The return leg of a post-editing round trip: each changed target becomes a human record, the
 * current translation of its segment, naming the record it replaces (which stays in the memory).
 */
export function planXliffImport(units: readonly InterchangeUnit[], options: XliffImportOptions): XliffImportPlan {
  const plan: XliffImportPlan = {records: [], changed: 0, unchanged: 0, missing: [], stale: [], rejected: []}
  for (const unit of units) {
    const segment = options.articles.get(unit.original ?? '')?.find((candidate) => candidate.id === unit.id)
    if (!segment) {
      plan.missing.push(unit)
      continue
    }
    if (normalizeTaggedText(unit.source) !== segment.source) {
      plan.stale.push(unit)
      continue
    }
    const target = normalizeTaggedText(unit.target)
    const problem = tagProblem(target, segment.placeholders)
    if (problem) {
      plan.rejected.push({unit, reason: problem})
      continue
    }
    const current = options.memory.get(segment.key)
    if (current?.target === target || target === '') {
      plan.unchanged++
      continue
    }
    plan.records.push({
      key: segment.key,
      source: segment.source,
      target,
      origin: 'human',
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      date: options.today,
      ...(options.author ? {author: options.author} : {}),
      ...(current ? {replaces: recordId(current)} : {})
    })
    plan.changed++
  }
  return plan
}
