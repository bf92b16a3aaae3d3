import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {normalizeTaggedText} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import type {MemoryOrigin, MemoryRecord} from './translation-memory.ts'

export interface PairOptions {
  sourceLang: string
  targetLang: string
  origin: MemoryOrigin
  /** ISO date recorded on each record. */
  date: string
}

/**
 * Memory records from a German file and an existing English version of it with the same blocks, both
 * segmented already (`segmentBlocks`, and for the German the glossary and `keySegments`, as a build does),
 * so that a human translation is reused by key. A block that does not pair is a fatal message.
 */
export function pairTranslations(german: VFile, english: VFile, options: PairOptions): MemoryRecord[] {
  const sources = tandemData(german, 'pairTranslations').segments
  const targets = tandemData(english, 'pairTranslations').segments

  const records: MemoryRecord[] = []
  const count = Math.max(sources.length, targets.length)
  for (let index = 0; index < count; index++) {
    const source = sources[index]
    const target = targets[index]
    if (!source || !target) {
      const extra = source ? 'German' : 'English'
      const place = (source ?? target)?.position
      const file = source ? german : english
      return file.fail(`the ${extra} file has more blocks than the other (${sources.length} German, ${targets.length} English)`, {
        ...(place ? {place} : {}),
        ruleId: 'pair-count',
        source: 'tandem'
      })
    }
    if (source.kind !== target.kind || source.label !== target.label || source.field !== target.field) {
      german.fail(
        `block ${index + 1} does not pair: German ${describe(source)} against English ${describe(target)} at ${target.position.line}:${target.position.column}`,
        {place: source.position, ruleId: 'pair-mismatch', source: 'tandem'}
      )
    }
    if (source.source === '') continue
    if (target.placeholders.length !== source.placeholders.length) {
      german.fail(
        `block ${index + 1} has ${source.placeholders.length} links or placeholders in German and ${target.placeholders.length} in English`,
        {place: source.position, ruleId: 'pair-placeholders', source: 'tandem'}
      )
    }
    records.push({
      key: source.key,
      source: source.source,
      target: normalizeTaggedText(target.source),
      origin: options.origin,
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      date: options.date
    })
  }
  return records
}


function describe(segment: Segment): string {
  return segment.field ? `front-matter \`${segment.field}\`` : segment.label ? `${segment.kind} \`${segment.label}\`` : segment.kind
}
