import type {AlignedTarget} from '../align/aligned-targets.ts'
import {DEFAULTS} from '../core/defaults.ts'
import type {Segment} from '../core/types.ts'
import type {MemoryOrigin, MemoryRecord} from './translation-memory.ts'

export interface AlignedRecordOptions {
  sourceLang: string
  targetLang: string
  origin: MemoryOrigin
  /** ISO date recorded on each record. */
  date: string
  /** Pairs below this confidence are not stored (default: `DEFAULTS.align.minConfidence`). */
  minConfidence?: number
  /** The two files as written in `alignedFrom` (relative paths). */
  dePath: string
  enPath: string
}

/**
 * 0.5 (`DEFAULTS.align.minConfidence`): a pair is stored when the alignment thinks it more likely right
 * than not. On the hand-checked gold (test/align-blocks.test.ts) every pair without a conflict is right
 * at any threshold (164 of 164), and 96.5 % of the gold pairs reach 0.5; at 0.9 recall falls to 90 %
 * for no gain in precision.
 */

export interface AlignedRecords {
  records: MemoryRecord[]
  /** Pairs not stored, with the reason: below the confidence, or a problem of the pair. */
  skipped: Array<{target: AlignedTarget; reason: string}>
}

/**
 * Memory records from an alignment, keyed by the German blocks' keys (as a build of the German keys
 * them, glossary matches included), so that the build writes the existing English there.
 */
export function alignedRecords(german: readonly Segment[], english: readonly Segment[], targets: readonly AlignedTarget[], options: AlignedRecordOptions): AlignedRecords {
  const minConfidence = options.minConfidence ?? DEFAULTS.align.minConfidence
  const records: MemoryRecord[] = []
  const skipped: AlignedRecords['skipped'] = []
  for (const target of targets) {
    const segment = german[target.de]
    const first = english[target.en[0] ?? -1]
    if (!segment || !first) continue
    if (target.problems.length > 0) {
      skipped.push({target, reason: target.problems.join('; ')})
      continue
    }
    if (target.confidence < minConfidence) {
      skipped.push({target, reason: `confidence ${target.confidence.toFixed(2)} is below ${minConfidence}`})
      continue
    }
    records.push({
      key: segment.key,
      source: segment.source,
      target: target.target,
      origin: options.origin,
      sourceLang: options.sourceLang,
      targetLang: options.targetLang,
      date: options.date,
      alignedFrom: {
        de: `${options.dePath}:${segment.position.line}:${segment.position.column}`,
        en: `${options.enPath}:${first.position.line}:${first.position.column}`,
        confidence: Math.round(target.confidence * 100) / 100
      }
    })
  }
  return {records, skipped}
}
