import {taggedToPlain} from '../../core/tagged-text.ts'
import type {BlockContent, Definition, DefinitionContent, ListItem, PhrasingContent, Root, RootContent, TableCell} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {parse} from 'yaml'
import {tandemData} from '../../core/data.ts'
import type {Segment, SourcePoint} from '../../core/types.ts'
import type {MemoryOrigin, MemoryRecord} from '../../memory/translation-memory.ts'
import {partitionPoint} from '../../core/partition-point.ts'

/** Where a unit's English came from: the memory record the build used. */
export type Provenance = Pick<MemoryRecord, 'origin' | 'provider' | 'model' | 'date'>

/** One translatable unit as the reader shows it: German inline content beside its English. */
export interface Unit {
  de: PhrasingContent[]
  en: PhrasingContent[]
  /** False when the memory has no translation yet: the English side is empty. */
  translated: boolean
  /** The English came from aligning an existing translation, with this confidence. */
  alignedConfidence?: number
  /** The memory record of the English, when it came from the memory (not vocabulary, not copied). */
  provenance?: Provenance
  /** A stale post-edit: the human translation of the German this block had before. */
  stale?: string
}

/** What the reader lays out, row by row; every row that holds text is a German | English pair. */
export type Block =
  | {type: 'heading'; level: number; unit: Unit}
  | {type: 'paragraph'; depth: number; unit: Unit}
  | {type: 'listItem'; depth: number; ordered: boolean; number: number; checked: boolean | null; unit: Unit}
  | {type: 'table'; depth: number; rows: Unit[][]}
  | {type: 'code'; depth: number; lang: string | undefined; value: string}
  | {type: 'quote'; depth: number; children: Block[]}
  | {type: 'footnote'; label: string; children: Block[]}
  | {type: 'rule'}

export interface ReaderArticle {
  /** Path below the source folder without `.md`, with `/`: `kursk`, `2025/kursk`. */
  slug: string
  /** The German source as written in outputs, `content/de/kursk.md`. */
  sourcePath: string
  title: Unit
  /** Front-matter fields after the title (`description`, `summary`), in the configured order. */
  lead: Unit[]
  blocks: Block[]
  /** Link and image reference definitions, by identifier. */
  definitions: ReadonlyMap<string, Definition>
  /** Footnote identifiers in order of definition: their numbers. */
  footnotes: readonly string[]
  /** The front matter's `date` (`YYYY-MM-DD`), when it has a valid one. */
  date?: string
  /** How many of the article's translatable segments have English of each origin, or none yet. */
  origins: Record<MemoryOrigin | 'missing', number>
  /** Glossary warnings on the German file (names the English lacks or leaves in German). */
  glossaryWarnings: number
  /** Segments whose human translation is of an older German (`segment.stale`): post-edits to review. */
  stalePostEdits: number
  /** The front matter's `author`, when it is a non-empty string. */
  author?: string
  /** The front matter's `sourceUrl`, when it is an http or https address. */
  sourceUrl?: string
}

export interface ReaderArticleOptions {
  slug: string
  frontmatterFields: readonly string[]
  /** The memory record for a segment's key (`memory.get`), for the provenance of each unit. */
  record?: (key: string) => Provenance | undefined
}

/** The rule ids of `checkNames`: what the index counts as glossary warnings. */
const glossaryRules = new Set(['glossary-missing-name', 'glossary-german-name'])

/** The kinds of segment that are a block's whole text (alt texts and titles belong to their image or link). */
const blockKinds = new Set<Segment['kind']>(['heading', 'paragraph', 'listItem', 'tableCell', 'detail'])

/**
 * The reader's view of one article: the block structure from `tree` (the German Markdown, parsed
 * as the pipeline parses it), the text of each block from the segments on `file` (memory lookup and
 * `restoreTargets` done). Blocks without a segment (no letters in them) are the same in both languages.
 */
export function readerArticle(file: VFile, tree: Root, options: ReaderArticleOptions): ReaderArticle {
  const segments = tandemData(file).segments
  const provenance = (segment: Segment): Provenance | undefined => {
    // Fresh answers are in the memory too: the page must not depend on whether this run or an earlier one translated it.
    if ((segment.origin !== 'memory' && segment.origin !== 'provider') || !options.record) return undefined
    const record = options.record(segment.key)
    return record && {origin: record.origin, provider: record.provider, model: record.model, date: record.date}
  }
  const segmentUnit = (segment: Segment): Unit => {
    const found = provenance(segment)
    return {
      de: segment.nodes,
      en: segment.targetNodes ?? [],
      translated: segment.target !== undefined,
      ...(found ? {provenance: found} : {}),
      ...(segment.alignedConfidence === undefined ? {} : {alignedConfidence: segment.alignedConfidence}),
      ...(segment.stale ? {stale: taggedToPlain(segment.stale.target)} : {})
    }
  }
  const blockSegments = segments.filter((segment) => blockKinds.has(segment.kind))
  const definitions = new Map<string, Definition>()
  const footnotes: string[] = []
  collectDefinitions(tree.children, definitions, footnotes)

  const unitOf = (node: {position?: {start: SourcePoint; end: SourcePoint} | undefined; children: PhrasingContent[]}): Unit => {
    const segment = node.position ? segmentWithin(blockSegments, node.position.start, node.position.end) : undefined
    return segment ? segmentUnit(segment) : {de: node.children, en: node.children, translated: true}
  }

  const blocks = (nodes: readonly RootContent[], depth: number): Block[] =>
    nodes.flatMap((node): Block[] => {
      switch (node.type) {
        case 'heading':
          return [{type: 'heading', level: Math.min(6, Math.max(2, node.depth)), unit: unitOf(node)}]
        case 'paragraph':
          return [{type: 'paragraph', depth, unit: unitOf(node)}]
        case 'list':
          return node.children.flatMap((item, index) => listItem(item, depth, node.ordered ?? false, (node.start ?? 1) + index))
        case 'table':
          return [{type: 'table', depth, rows: node.children.map((row) => row.children.map((cell: TableCell) => unitOf(cell)))}]
        case 'code':
          return [{type: 'code', depth, lang: node.lang ?? undefined, value: node.value}]
        case 'math':
          return [{type: 'code', depth, lang: 'math', value: node.value}]
        case 'blockquote':
          return [{type: 'quote', depth, children: blocks(node.children, 0)}]
        case 'footnoteDefinition':
          return [{type: 'footnote', label: node.identifier, children: blocks(node.children, 0)}]
        case 'thematicBreak':
          return [{type: 'rule'}]
        // Front matter is the title and lead; definitions are looked up; HTML from articles is never shown.
        default:
          return []
      }
    })

  const listItem = (item: ListItem, depth: number, ordered: boolean, number: number): Block[] => {
    const [first, ...rest] = item.children as Array<BlockContent | DefinitionContent>
    // An empty item, or a Details label with no value (`- **Quellen:**`), says nothing in either language.
    if (rest.length === 0 && (!first || (first.type === 'paragraph' && isEmptyDetail(first)))) return []
    const head: Block[] =
      first?.type === 'paragraph'
        ? [{type: 'listItem', depth, ordered, number, checked: item.checked ?? null, unit: unitOf(first)}]
        : [{type: 'listItem', depth, ordered, number, checked: item.checked ?? null, unit: {de: [], en: [], translated: true}}, ...blocks(first ? [first] : [], depth + 1)]
    return [...head, ...blocks(rest, depth + 1)]
  }

  const frontmatter = (field: string) => segments.find((segment) => segment.kind === 'frontmatter' && segment.field === field)
  const titleSegment = frontmatter('title')
  const slugTitle: PhrasingContent[] = [{type: 'text', value: options.slug}]
  return {
    slug: options.slug,
    sourcePath: tandemData(file).sourcePath,
    title: titleSegment ? segmentUnit(titleSegment) : {de: slugTitle, en: slugTitle, translated: true},
    lead: options.frontmatterFields
      .filter((field) => field !== 'title')
      .map(frontmatter)
      .filter((segment) => segment !== undefined)
      .map(segmentUnit),
    blocks: blocks(tree.children, 0),
    definitions,
    footnotes,
    ...frontmatterFacts(tree),
    origins: originCounts(segments, provenance),
    glossaryWarnings: file.messages.filter((message) => !message.fatal && glossaryRules.has(message.ruleId ?? '')).length,
    stalePostEdits: segments.filter((segment) => segment.stale !== undefined).length
  }

  function isEmptyDetail(paragraph: BlockContent & {type: 'paragraph'}): boolean {
    if (toString(paragraph).trim() === '') return true
    const segment = paragraph.position ? segmentWithin(blockSegments, paragraph.position.start, paragraph.position.end) : undefined
    return segment?.kind === 'detail' && segment.sourceNodes.every((node) => toString(node).trim() === '')
  }
}

/** Segments with words to translate, by the origin of their English. */
function originCounts(segments: readonly Segment[], provenance: (segment: Segment) => Provenance | undefined): ReaderArticle['origins'] {
  const counts: ReaderArticle['origins'] = {human: 0, import: 0, mt: 0, missing: 0}
  for (const segment of segments) {
    if (segment.source === '' || segment.origin === 'vocabulary') continue
    if (segment.target === undefined) counts.missing++
    else counts[provenance(segment)?.origin ?? 'mt']++
  }
  return counts
}

/**
 * The front matter's `date`, when it is a calendar date (`2025-01-31`, or a timestamp starting with one),
 * its `author` and its `sourceUrl` (only an http or https address: the feed links it).
 */
function frontmatterFacts(tree: Root): {date?: string; author?: string; sourceUrl?: string} {
  const yaml = tree.children.find((node) => node.type === 'yaml')
  if (!yaml) return {}
  let data: unknown
  try {
    data = parse(yaml.value)
  } catch {
    // A broken front matter is the segmenter's message to give; the reader just has no date.
    return {}
  }
  if (!data || typeof data !== 'object') return {}
  const fields = data as Record<string, unknown>
  const value = fields.date
  const date = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value)?.[1] : undefined
  const author = typeof fields.author === 'string' ? fields.author.trim() : ''
  const sourceUrl = typeof fields.sourceUrl === 'string' && /^https?:\/\/[^/?#\s]/i.test(fields.sourceUrl) && URL.canParse(fields.sourceUrl) ? fields.sourceUrl : undefined
  return {
    ...(date && !Number.isNaN(Date.parse(date)) ? {date} : {}),
    ...(author ? {author} : {}),
    ...(sourceUrl ? {sourceUrl} : {})
  }
}

/**
 * The block segment that starts inside [start, end]: a Details value starts after its label, not at its paragraph.
 * Segments are in source order, so a binary search finds it: a scan per block made a table of 10,000 rows quadratic.
 */
function segmentWithin(segments: readonly Segment[], start: SourcePoint, end: SourcePoint): Segment | undefined {
  const found = segments[partitionPoint(segments.length, (index) => before((segments[index] as Segment).position, start))]
  return found && before(found.position, end) ? found : undefined
}

function before(a: SourcePoint, b: SourcePoint): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column)
}

function collectDefinitions(nodes: readonly RootContent[], definitions: Map<string, Definition>, footnotes: string[]) {
  for (const node of nodes) {
    // The first definition of an identifier wins, as in CommonMark.
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
    if (node.type === 'footnoteDefinition' && !footnotes.includes(node.identifier)) footnotes.push(node.identifier)
    if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') {
      collectDefinitions(node.children as RootContent[], definitions, footnotes)
    }
  }
}
