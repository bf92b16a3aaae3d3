import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'
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
      const place = (source ?? target)?.position
      const counts = {german: sources.length, english: targets.length}
      if (source) throw fileMessage(german, 'error', phrase('messages.pair-count.german', 'the German file has more blocks than the other ({{german}} German, {{english}} English)', counts), place)
      throw fileMessage(english, 'error', phrase('messages.pair-count.english', 'the English file has more blocks than the other ({{german}} German, {{english}} English)', counts), place)
    }
    if (source.kind !== target.kind || source.label !== target.label || source.field !== target.field) {
      const reason = phrase('messages.pair-mismatch', 'block {{block}} does not pair: German {{german}} against English {{english}} at {{line}}:{{column}}', {
        block: index + 1,
        german: describe(source),
        english: describe(target),
        line: target.position.line,
        column: target.position.column
      })
      throw fileMessage(german, 'error', reason, source.position)
    }
    if (source.source === '') continue
    if (target.placeholders.length !== source.placeholders.length) {
      const reason = phrase('messages.pair-placeholders', 'block {{block}} has {{german}} links or placeholders in German and {{english}} in English', {
        block: index + 1,
        german: source.placeholders.length,
        english: target.placeholders.length
      })
      throw fileMessage(german, 'error', reason, source.position)
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


/** A block as a message names it: its kind (a name of tandem's, as in the memory), with its field or label. */
function describe(segment: Segment): Phrase | string {
  if (segment.field) return phrase('reasons.blocks.field', 'front-matter `{{field}}`', {field: segment.field})
  return segment.label ? phrase('reasons.blocks.labelled', '{{kind}} `{{label}}`', {kind: segment.kind, label: segment.label}) : segment.kind
}
