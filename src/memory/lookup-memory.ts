import type {VFile} from 'vfile'
import {keyedSegments, tandemData} from '../core/data.ts'
import type {TranslationMemory} from './translation-memory.ts'

export interface Options {
  memory: TranslationMemory
  /**
   * Set on the second lookup of a run, after the provider's answers were stored: what it finds now is
   * marked `origin: 'provider'` and not counted as a memory hit (default: false).
   */
  fresh?: boolean
}

/** Fill each segment's target from the translation memory; the provider only sees what is left. Run again, it fills what was stored since. */
export default function lookupMemory(options: Options) {
  const {memory} = options
  return function (_tree: unknown, file: VFile): undefined {
    const data = tandemData(file, 'lookupMemory')
    for (const segment of keyedSegments(file, 'lookupMemory')) {
      if (segment.target !== undefined) continue
      if (segment.source === '') {
        segment.target = ''
        segment.origin = 'vocabulary'
        continue
      }
      const record = memory.get(segment.key)
      if (record) {
        segment.target = record.target
        segment.origin = options.fresh ? 'provider' : 'memory'
        if (record.alignedFrom) segment.alignedConfidence = record.alignedFrom.confidence
        if (!options.fresh) data.stats.memoryHits++
      }
    }
  }
}
