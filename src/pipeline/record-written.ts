import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {sha256} from '../core/hash.ts'
import {normalizeTaggedText} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {samePlace} from '../memory/pair-blocks.ts'
import {serializeWrittenState, type WrittenSegment, type WrittenState} from '../memory/written-state.ts'
import {blockSkeleton} from '../segment/block-skeleton.ts'
import {rm} from 'node:fs/promises'

export interface RecordOptions {
  /** `createEnglishSegmenter()`: the edition is read back exactly as the next build will read it. */
  segmenter: Processor<Root, Root, undefined>
  /** Where the state goes (absolute). */
  path: string
  /** The state as the build found it: when it already says this, nothing is parsed or written. */
  previous?: WrittenState
}

/**
 * Record what tandem wrote to a German file's English edition (`english`), block by block: the German key each
 * block translates and a hash of its text as the English segmenter reads it back. The next build compares
 * the edition with this to find post-edits.
 */
export async function recordWritten(german: VFile, english: string, options: RecordOptions): Promise<void> {
  const data = tandemData(german, 'recordWritten')
  const digest = sha256(english)
  if (options.previous && sameRecord(options.previous, digest, data.segments)) return
  const file = new VFile({path: options.path, value: english})
  const tree = options.segmenter.parse(file)
  await options.segmenter.run(tree, file)
  const read = file.data.tandem?.segments ?? []
  if (read.length !== data.segments.length || read.some((block, index) => !samePlace(block, data.segments[index] ?? {kind: block.kind, field: '\0'}))) {
    // Cannot happen for an edition tandem made from these segments; without a record, the next build compares with the memory.
    await rm(options.path, {force: true})
    return
  }
  const segments: WrittenSegment[] = data.segments.map((segment, index) => [segment, read[index] ?? segment] as const).map(([segment, block]) => ({
    kind: block.kind,
    ...(block.field ? {field: block.field} : {}),
    ...(block.label ? {label: block.label} : {}),
    key: writtenKey(segment),
    text: sha256(normalizeTaggedText(block.source)),
    ...(segment.stale ? {stale: segment.stale.key} : {})
  }))
  const state: WrittenState = {of: data.sourcePath, english: digest, skeleton: blockSkeleton(tree).map((block) => block.signature), segments}
  await writeFileAtomic(options.path, serializeWrittenState(state))
}

function writtenKey(segment: Segment): string {
  return segment.source === '' ? '' : segment.key
}

/** Whether `state` already records `english` written for these segments: then there is nothing to write or lock. */
export function isRecorded(state: WrittenState | undefined, english: string, german: VFile): boolean {
  return state !== undefined && sameRecord(state, sha256(english), tandemData(german, 'isRecorded').segments)
}

function sameRecord(state: WrittenState, digest: string, segments: readonly Segment[]): boolean {
  return (
    state.english === digest &&
    state.segments.length === segments.length &&
    segments.every((segment, index) => {
      const written = state.segments[index]
      return written?.key === writtenKey(segment) && (written.stale ?? '') === (segment.stale?.key ?? '')
    })
  )
}
