import {nameProblems} from '../glossary/check-names.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import {phrase, type Phrase} from '../core/phrase.ts'
import type {Segment, SegmentNameMatch, SourcePoint} from '../core/types.ts'
import {compareRecords, type MemoryRecord, type TranslationMemory} from './translation-memory.ts'

/** A segment whose key misses and that got no record under its new key, and why. */
export interface RekeySkip {
  segment: Segment
  /**
   * Why, keyed `messages.rekey-no-translation` (no record of its German at all) or `messages.rekey-name-changed`
   * (the one there is writes a name otherwise): a message's phrase (`fileMessage`).
   */
  reason: Phrase
  /** Where: the name the stored translation writes otherwise, or the segment. */
  place: SourcePoint
}

export interface Rekeyed {
  /** The records added under the segments' new keys. */
  added: MemoryRecord[]
  /** The misses that could not be carried over, in the order of `segments`. */
  skipped: RekeySkip[]
}

/**
 * Carry translations over to new keys after a glossary change: a segment whose key misses
 * gets the record that has its exact source and languages under an older key, if that
 * translation already writes every name the way the current glossary does. One that does not
 * (`Zelensky` after the entry became `Zelenskyy`) is left for the provider, and so is a German
 * text the memory has no record of: both are in `skipped`, with the reason. Old records stay.
 * Human translations are preferred, then imports, then the newest machine translation.
 */
export async function rekeyMemory(
  memory: TranslationMemory,
  segments: Iterable<Segment>,
  languages: {sourceLang: string; targetLang: string}
): Promise<Rekeyed> {
  const bySource = new Map<string, MemoryRecord>()
  for (const record of memory.entries()) {
    if (record.sourceLang !== languages.sourceLang || record.targetLang !== languages.targetLang) continue
    const best = bySource.get(record.source)
    if (!best || compareRecords(record, best) < 0) bySource.set(record.source, record)
  }
  const added = new Map<string, MemoryRecord>()
  const skipped: RekeySkip[] = []
  for (const segment of segments) {
    if (segment.source === '' || memory.get(segment.key) || added.has(segment.key)) continue
    const record = bySource.get(segment.source)
    if (!record) {
      skipped.push({
        segment,
        reason: phrase('messages.rekey-no-translation', 'not re-keyed: the memory has no translation of this German under any key; a build translates it'),
        place: segment.position
      })
      continue
    }
    const problem = nameProblem(record.target, segment)
    if (problem) {
      const reason = phrase('messages.rekey-name-changed', 'not re-keyed: the stored translation {{problem}}; a build translates it anew', {problem: problem.reason})
      skipped.push({segment, reason, place: problem.match.position})
      continue
    }
    // Not billed again: the characters were paid for under the old key.
    const {billedCharacters: _billed, ...rest} = record
    added.set(segment.key, {...rest, key: segment.key})
  }
  await memory.append([...added.values()])
  return {added: [...added.values()], skipped}
}

/** How the stored English breaks the glossary's names for this segment, or nothing when it writes them all. */
function nameProblem(target: string, segment: Segment): {reason: Phrase; match: SegmentNameMatch} | undefined {
  const english = taggedToPlain(target)
  for (const match of segment.matches) {
    const problems = nameProblems(english, match)
    if (problems.missing) {
      return {reason: phrase('reasons.rekey.missing', 'does not write "{{text}}" as "{{english}}", as the glossary now has it', {text: match.text, english: match.english}), match}
    }
    if (problems.german) return {reason: phrase('reasons.rekey.german', 'still has the German "{{de}}" where the glossary has "{{en}}"', {de: match.de, en: match.en}), match}
  }
  return undefined
}
