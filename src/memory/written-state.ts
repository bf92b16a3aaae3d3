import {readSmallFile} from '../core/read-small-file.ts'
import type {SegmentKind} from '../core/types.ts'

/**
 * What tandem last wrote to one English edition, kept beside the memory in `memory/written/<slug>.json`
 * (committed, one small file per article so that shards and branches never conflict on it). It is how a
 * build tells an editor's post-edit from a change of the German: a block of content/en that differs from
 * what tandem wrote there is human work, and the key says which German it translates.
 */
export interface WrittenState {
  /** The German file, relative to the project root. */
  of: string
  /** sha256 of the English edition's bytes as written: equal bytes mean nothing was edited, and nothing is parsed. */
  english: string
  /** The English edition's block skeleton (`blockSkeleton`), signatures in order. */
  skeleton: string[]
  /** Its segments as the English segmenter reads them back, in order. */
  segments: WrittenSegment[]
  /**
   * A hash of everything the article's outputs were made from (the German, the glossary, the settings, the memory
   * records used, the side-by-side view, the reader's language), set only when it built without a message: a
   * rebuild that finds the same inputs skips the file without parsing it.
   */
  inputs?: string
  /** Set with `inputs`: the glossary the article was built with, so that a glossary change can skip the articles it does not touch. */
  glossary?: WrittenGlossary
}

export interface WrittenGlossary {
  /** sha256 of the names file: while it is the same, `matched` still holds. */
  file: string
  /** `glossaryFingerprint()` of the entries matched in the article. */
  matched: string
}

export interface WrittenSegment {
  kind: SegmentKind
  field?: string
  label?: string
  /** Memory key of the German this block translates; empty for controlled vocabulary (a Details label). */
  key: string
  /** sha256 of the block's normalized tagged text as written. */
  text: string
  /**
   * Set while the German under a human translation has changed and no human translation of the new German
   * exists yet: the key of the old German, whose human record is the stale post-edit.
   */
  stale?: string
}

/** The state at `path`, or undefined when there is none or it is not one tandem could have written (it is then rebuilt). */
export async function readWrittenState(path: string): Promise<WrittenState | undefined> {
  const bytes = readSmallFile(path)
  if (bytes === undefined) return undefined
  const text = bytes.toString('utf8')
  try {
    const value: unknown = JSON.parse(text)
    return isWrittenState(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** One line per segment, so that a git diff of it shows which blocks changed. */
export function serializeWrittenState(state: WrittenState): string {
  const segments = state.segments.map((segment) => `    ${JSON.stringify(segment)}`).join(',\n')
  return [
    '{',
    `  "of": ${JSON.stringify(state.of)},`,
    `  "english": ${JSON.stringify(state.english)},`,
    `  "skeleton": ${JSON.stringify(state.skeleton)},`,
    ...(state.inputs ? [`  "inputs": ${JSON.stringify(state.inputs)},`] : []),
    ...(state.glossary ? [`  "glossary": ${JSON.stringify({file: state.glossary.file, matched: state.glossary.matched})},`] : []),
    `  "segments": [${segments === '' ? ']' : `\n${segments}\n  ]`}`,
    '}',
    ''
  ].join('\n')
}

function isWrittenState(value: unknown): value is WrittenState {
  if (typeof value !== 'object' || value === null) return false
  const state = value as Partial<WrittenState>
  return (
    typeof state.of === 'string' &&
    typeof state.english === 'string' &&
    Array.isArray(state.skeleton) &&
    state.skeleton.every((signature) => typeof signature === 'string') &&
    (state.glossary === undefined || (typeof state.glossary?.file === 'string' && typeof state.glossary.matched === 'string')) &&
    Array.isArray(state.segments) &&
    state.segments.every(
      (segment: Partial<WrittenSegment>) =>
        typeof segment === 'object' && segment !== null && typeof segment.kind === 'string' && typeof segment.key === 'string' && typeof segment.text === 'string'
    )
  )
}
