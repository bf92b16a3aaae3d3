import type {Root} from 'mdast'
import type {Processor} from 'unified'
import {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {sha256} from '../core/hash.ts'
import {normalizeTaggedText} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {samePlace} from '../memory/pair-blocks.ts'
import {serializeWrittenState, type WrittenGlossary, type WrittenSegment, type WrittenState} from '../memory/written-state.ts'
import {blockSkeleton} from '../segment/block-skeleton.ts'
import {rm} from 'node:fs/promises'

export interface RecordOptions {
  /** `createEnglishSegmenter()`: the edition is read back exactly as the next build will read it. */
  segmenter: Processor<Root, Root, undefined>
  /** Where the state goes (absolute). */
  path: string
  /** The state as the build found it: when it already says this, nothing is parsed or written. */
  previous?: WrittenState
  /** `buildInputs()` of a file that built without a message; unset otherwise, so that it is rebuilt (and its messages shown) next time. */
  inputs?: string
  /** Set with `inputs`: the glossary it was built with. */
  glossary?: WrittenGlossary
}

/**
 * Record what tandem wrote to a German file's English edition (`english`), block by block: the German key each
 * block translates and a hash of its text as the English segmenter reads it back. The next build compares
 * the edition with this to find post-edits.
 */
export async function recordWritten(german: VFile, english: string, options: RecordOptions): Promise<void> {
  const data = tandemData(german, 'recordWritten')
  const digest = sha256(english)
  const {previous} = options
  if (previous && sameRecord(previous, digest, data.segments, options.inputs, options.glossary)) return
  // The same English for the same keys: the blocks as read back are the same too; only the marks and inputs change.
  if (previous && previous.english === digest && sameKeys(previous, data.segments)) {
    const {inputs: _old, glossary: _glossary, ...rest} = previous
    const state: WrittenState = {
      ...rest,
      segments: previous.segments.map(({stale: _stale, ...written}, index) => {
        const stale = data.segments[index]?.stale
        return stale ? {...written, stale: stale.key} : written
      }),
      ...(options.inputs ? {inputs: options.inputs} : {}),
      ...(options.inputs && options.glossary ? {glossary: options.glossary} : {})
    }
    await writeFileAtomic(options.path, serializeWrittenState(state))
    return
  }
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
  const state: WrittenState = {
    of: data.sourcePath,
    english: digest,
    skeleton: blockSkeleton(tree).map((block) => block.signature),
    segments,
    ...(options.inputs ? {inputs: options.inputs} : {}),
    ...(options.inputs && options.glossary ? {glossary: options.glossary} : {})
  }
  await writeFileAtomic(options.path, serializeWrittenState(state))
}

function writtenKey(segment: Segment): string {
  return segment.source === '' ? '' : segment.key
}

/** Whether `state` already records `english` written for these segments: then there is nothing to write or lock. */
export function isRecorded(state: WrittenState | undefined, english: string, german: VFile, inputs?: string, glossary?: WrittenGlossary): boolean {
  return state !== undefined && sameRecord(state, sha256(english), tandemData(german, 'isRecorded').segments, inputs, glossary)
}

function sameRecord(state: WrittenState, digest: string, segments: readonly Segment[], inputs: string | undefined, glossary: WrittenGlossary | undefined): boolean {
  const recorded = inputs ? glossary : undefined
  return (
    state.english === digest &&
    state.inputs === inputs &&
    state.glossary?.file === recorded?.file &&
    state.glossary?.matched === recorded?.matched &&
    sameKeys(state, segments) &&
    segments.every((segment, index) => (state.segments[index]?.stale ?? '') === (segment.stale?.key ?? ''))
  )
}

function sameKeys(state: WrittenState, segments: readonly Segment[]): boolean {
  return state.segments.length === segments.length && segments.every((segment, index) => state.segments[index]?.key === writtenKey(segment))
}
