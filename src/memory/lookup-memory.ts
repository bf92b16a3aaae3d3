import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import type {TranslationMemory} from './translation-memory.ts'

export interface Options {
  memory: TranslationMemory
}

/** Fill each segment's target from the translation memory; the provider only sees what is left. */
export default function lookupMemory(options: Options) {
  const {memory} = options
  return function (_tree: unknown, file: VFile): undefined {
    const data = tandemData(file)
    for (const segment of data.segments) {
      if (segment.target !== undefined) continue
      if (segment.source === '') {
        segment.target = ''
        segment.origin = 'vocabulary'
        continue
      }
      const record = memory.get(segment.key)
      if (record) {
        segment.target = record.target
        segment.origin = 'memory'
        if (record.alignedFrom) segment.alignedConfidence = record.alignedFrom.confidence
        data.stats.memoryHits++
      }
    }
  }
}
