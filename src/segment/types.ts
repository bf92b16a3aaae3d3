import type {PhrasingContent} from 'mdast'

export type SegmentKind = 'heading' | 'paragraph' | 'listItem' | 'tableCell' | 'frontmatter' | 'detail'

export interface SourcePoint {
  line: number
  column: number
}

/** One translatable block, see design.md "Segments". */
export interface Segment {
  /** Stable across edits of other blocks: derived from the content, numbered only for repeats. */
  id: string
  kind: SegmentKind
  position: SourcePoint
  /** Tagged text sent for translation; empty when the block is vocabulary only. */
  source: string
  /** sha256 of the normalized tagged source. */
  hash: string
  /** An i18next key when the block (or its label) is controlled vocabulary, not provider text. */
  label?: string
  /** Front-matter field name, for `kind: 'frontmatter'`. */
  field?: string
  /** The German inline content of the whole block, label included. */
  nodes: PhrasingContent[]
  /** Nodes that tagged text refers to by id (`<a id>`, `<x id/>`), in id order from 1. */
  placeholders: PhrasingContent[]
  /** Translation memory key (source, matched glossary entries, languages). */
  key: string
  /** Tagged English text, once known. */
  target?: string
  origin?: 'memory' | 'provider' | 'vocabulary'
  /** The English inline content, once built. */
  targetNodes?: PhrasingContent[]
}
