import {nameProblems} from '../glossary/check-names.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import {compareRecords, type MemoryRecord, type TranslationMemory} from './translation-memory.ts'

/**
 * Carry translations over to new keys after a glossary change: a segment whose key misses
 * gets the record that has its exact source and languages under an older key, if that
 * translation already writes every name the way the current glossary does. One that does not
 * (`Zelensky` after the entry became `Zelenskyy`) is left for the provider. Old records stay.
 * Human translations are preferred, then imports, then the newest machine translation.
 */
export async function rekeyMemory(
  memory: TranslationMemory,
  segments: Iterable<Segment>,
  languages: {sourceLang: string; targetLang: string}
): Promise<MemoryRecord[]> {
  const bySource = new Map<string, MemoryRecord>()
  for (const record of memory.entries()) {
    if (record.sourceLang !== languages.sourceLang || record.targetLang !== languages.targetLang) continue
    const best = bySource.get(record.source)
    if (!best || compareRecords(record, best) < 0) bySource.set(record.source, record)
  }
  const added = new Map<string, MemoryRecord>()
  for (const segment of segments) {
    if (segment.source === '' || memory.get(segment.key) || added.has(segment.key)) continue
    const record = bySource.get(segment.source)
    if (!record || !writesNames(record.target, segment)) continue
    // Not billed again: the characters were paid for under the old key.
    const {billedCharacters: _billed, ...rest} = record
    added.set(segment.key, {...rest, key: segment.key})
  }
  await memory.append([...added.values()])
  return [...added.values()]
}

function writesNames(target: string, segment: Segment): boolean {
  const english = taggedToPlain(target)
  return segment.matches.every((match) => {
    const problems = nameProblems(english, match)
    return !problems.missing && !problems.german
  })
}
