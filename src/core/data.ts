import type {VFile} from 'vfile'
import type {Segment} from './types.ts'
import {fileMessage, phrase} from './phrase.ts'

/** What the pipeline's plugins share about one file, on `file.data.tandem`. */
export interface TandemData {
  segments: Segment[]
  /** sha256 of the German text as read (BOM removed, line endings LF), recorded in the English front matter. */
  sourceHash: string
  /** `glossaryFingerprint()` of the glossary entries matched in the article ('' or unset: none). */
  glossary?: string
  /** Path of the German file relative to the project root, as written in outputs. */
  sourcePath: string
  /** The side-by-side view, written to content/parallel. */
  parallel?: string
  stats: {memoryHits: number; translated: number; billedCharacters: number}
  /** What `harvestPostEdits` found in the English edition. */
  postEdits?: PostEditReport
}

export interface PostEditReport {
  /** Blocks an editor changed, stored in the memory as `origin: human` (or, in a dry run, that would be). */
  harvested: number
  /** Human translations whose German has changed since (`stale-post-edit`). */
  stale: number
  /** The English edition cannot be paired block by block with what tandem wrote: it must not be overwritten. */
  keep: boolean
  /** The English edition, carrying the messages about it. */
  english?: VFile
}

declare module 'vfile' {
  interface DataMap {
    tandem: TandemData
  }
}

/**
 * The file's tandem data. A plugin run without `segmentBlocks` before it gets a fatal message naming
 * what is missing (`file.fail`), not a crash: `plugin` is the name of the plugin asking.
 */
export function tandemData(file: VFile, plugin = 'this plugin'): TandemData {
  const data = file.data.tandem
  if (!data) {
    throw fileMessage(file, 'error', phrase('messages.missing-plugin.segments', '`{{plugin}}` needs `segmentBlocks` before it in the processor', {plugin}), {line: 1, column: 1})
  }
  return data
}

/** The file's segments, each with its memory key; without `keySegments` before `plugin`, a fatal message. */
export function keyedSegments(file: VFile, plugin: string): Segment[] {
  const {segments} = tandemData(file, plugin)
  if (segments.some((segment) => segment.key === '')) {
    throw fileMessage(file, 'error', phrase('messages.missing-plugin.keys', '`{{plugin}}` needs `keySegments` before it in the processor', {plugin}), {line: 1, column: 1})
  }
  return segments
}
