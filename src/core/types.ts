import type {Image, ImageReference, Link, LinkReference, PhrasingContent} from 'mdast'

export type SegmentKind =
  | 'heading'
  | 'paragraph'
  | 'listItem'
  | 'tableCell'
  | 'frontmatter'
  | 'detail'
  /** An image's alt text. */
  | 'alt'
  /** A link's or an image's title. */
  | 'title'

/**
 * What an id in tagged text stands for, kept out of the text sent (design.md "Segments"):
 * a link, whose text is translated between `<a id>` and `</a>`, or a run of nodes that is
 * copied as it is (code, HTML, template tags, math, images, footnote references, breaks,
 * links without words), written `<x id/>`.
 */
export type Placeholder = {tag: 'a'; node: Link | LinkReference} | {tag: 'x'; nodes: PhrasingContent[]}

/** The node and attribute an `alt` or `title` segment translates. */
export interface SegmentAttribute {
  node: Link | Image | ImageReference
  name: 'alt' | 'title'
}

export interface SourcePoint {
  line: number
  column: number
}

export interface SegmentNameMatch {
  /** The German text as written (`Selenskyjs`). */
  text: string
  de: string
  en: string
  /** The English form the translation must contain (`Zelensky’s` for a genitive). */
  english: string
  position: SourcePoint
}

/** The German a human translation was made from, and that translation, both tagged text. */
export interface Revision {
  source: string
  target: string
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
  /** For `alt` and `title` segments: the German node whose attribute this is. */
  attribute?: SegmentAttribute
  /** The German inline content of the whole block, label included. */
  nodes: PhrasingContent[]
  /** The part of `nodes` that is translated (a Details label is not). */
  sourceNodes: PhrasingContent[]
  /** Glossary names found in the source, with their place in the file. */
  matches: SegmentNameMatch[]
  /** What is sent to the provider when it differs from `source` (glossary names protected). */
  request?: string
  /** What tagged text refers to by id (`<a id>`, `<x id/>`), in id order from 1. */
  placeholders: Placeholder[]
  /** Translation memory key (source, matched glossary entries, languages). */
  key: string
  /** Tagged English text, once known. */
  target?: string
  origin?: 'memory' | 'provider' | 'vocabulary'
  /**
   * A human translation of this segment's earlier German (a stale post-edit): the provider is asked to revise
   * that English minimally for the new German rather than translate anew, so the editor's wording is kept.
   */
  revise?: Revision
  /** Set when the memory's English came from `tandem memory align`: the alignment's confidence, 0–1. */
  alignedConfidence?: number
  /** The English inline content, once built. */
  targetNodes?: PhrasingContent[]
  /**
   * Set when the German changed under a human translation that has no successor yet (a stale post-edit):
   * the old German's key and its human target. Shown in the views, sent as context, kept with `--keep-stale`.
   */
  stale?: {key: string; target: string}
}

export const glossaryKinds = ['person', 'place', 'org', 'term'] as const
export type GlossaryKind = (typeof glossaryKinds)[number]

/** One row of `glossary/names.tsv`. */
export interface GlossaryEntry {
  de: string
  en: string
  kind: GlossaryKind
  note: string
  /** 1-based line in the file. */
  line: number
}
