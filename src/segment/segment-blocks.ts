import path from 'node:path'
import type {List, Paragraph, PhrasingContent, Root, TableCell, Yaml} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {visit, SKIP} from 'unist-util-visit'
import {toString} from 'mdast-util-to-string'
import {LineCounter, isMap, isScalar, parseDocument} from 'yaml'
import {de, en} from '../i18n/resources.ts'
import {detailsLabels} from '../i18n/index.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {sha256} from '../core/hash.ts'
import {normalizeTaggedText, taggedToPlain, toTaggedText} from '../core/tagged-text.ts'
import {splitTemplateTags} from './template-tags.ts'
import type {Segment, SegmentAttribute, SegmentKind, SourcePoint} from '../core/types.ts'
import '../core/data.ts'

export interface Options {
  /** Front-matter fields that are translated (default: `title`, `description`, `summary`). */
  frontmatterFields?: readonly string[]
  /** Language of the Details labels to recognise (default: `de`; `en` to segment an English edition). */
  labelLanguage?: 'de' | 'en'
}


const hasLetter = /\p{L}/u

/** mdast → `file.data.tandem.segments`, one per translatable block, in source order. */
export default function segmentBlocks(options: Options = {}) {
  const settings = {frontmatterFields: DEFAULTS.frontmatterFields, labelLanguage: 'de' as const, ...options}
  const fields = new Set(settings.frontmatterFields)
  const vocabulary = settings.labelLanguage === 'en' ? en : de
  const labels = detailsLabels(settings.labelLanguage)

  return function (tree: Root, file: VFile): undefined {
    const segments: Segment[] = []
    const seen = new Map<string, number>()
    const detailsItems = new Set<Paragraph>()

    const add = (
      kind: SegmentKind,
      position: SourcePoint,
      nodes: PhrasingContent[],
      translatable: PhrasingContent[],
      extra: Pick<Segment, 'label' | 'field' | 'attribute'> = {}
    ) => {
      const sourceNodes = trimStart(translatable)
      const tagged = toTaggedText(sourceNodes)
      const source = normalizeTaggedText(tagged.text)
      if (!extra.label && !hasLetter.test(taggedToPlain(source))) return
      const hash = sha256(source)
      const base = `${kind}-${hash.slice(0, 10)}`
      const count = (seen.get(base) ?? 0) + 1
      seen.set(base, count)
      segments.push({
        id: count === 1 ? base : `${base}-${count}`,
        kind,
        position,
        source,
        hash,
        nodes,
        sourceNodes,
        matches: [],
        placeholders: tagged.placeholders,
        // Set by `keySegments`, once the glossary has recorded its matches.
        key: '',
        ...extra
      })
    }

    /** Alt texts and titles of the images and links in a block, each its own segment, after the block's. */
    const addAttributes = (nodes: readonly PhrasingContent[]) => {
      for (const node of nodes) {
        if (node.type === 'image' || node.type === 'imageReference') attribute(node, 'alt', node.alt)
        if (node.type === 'image' || node.type === 'link') attribute(node, 'title', node.title)
        if ('children' in node) addAttributes(node.children)
      }
    }
    const attribute = (node: SegmentAttribute['node'], name: SegmentAttribute['name'], value: string | null | undefined) => {
      if (!value) return
      const text = splitTemplateTags(value)
      add(name, start(node), text, text, {attribute: {node, name}})
    }

    visit(tree, (node, index, parent) => {
      switch (node.type) {
        case 'yaml':
          for (const field of frontmatterSegments(node, fields)) {
            // Names in the text are placed by its position; split by template tags, the pieces have none.
            const pieces = splitTemplateTags(field.value)
            const text: PhrasingContent[] =
              pieces.length === 1 && pieces[0]?.type === 'text' ? [{...pieces[0], position: field.content}] : pieces
            add('frontmatter', field.position, text, text, {field: field.name})
          }
          return SKIP
        case 'heading': {
          const next = parent && index !== undefined ? parent.children[index + 1] : undefined
          if (toString(node).trim() === vocabulary.details.heading && next?.type === 'list') {
            markDetailsItems(next, labels, detailsItems)
            add('heading', start(node), node.children, [], {label: 'details.heading'})
          } else {
            add('heading', start(node), node.children, node.children)
          }
          addAttributes(node.children)
          return SKIP
        }
        case 'paragraph': {
          if (detailsItems.has(node)) {
            const [label, ...rest] = node.children
            const key = label ? labels.get(labelText(label)) : undefined
            add('detail', valueStart(rest, node), node.children, rest, {label: `details.labels.${key}`})
          } else {
            add(parent?.type === 'listItem' ? 'listItem' : 'paragraph', start(node), node.children, node.children)
          }
          addAttributes(node.children)
          return SKIP
        }
        case 'tableCell':
          add('tableCell', start(node as TableCell), node.children, node.children)
          addAttributes(node.children)
          return SKIP
        case 'code':
        case 'math':
        case 'html':
        // Never translated (design.md "Segments"), title included.
        case 'definition':
          return SKIP
        default:
          return undefined
      }
    })

    file.data.tandem = {
      segments,
      sourceHash: sha256(String(file.value)),
      sourcePath: file.path ? path.relative(file.cwd, file.path).split(path.sep).join('/') : '',
      stats: {memoryHits: 0, translated: 0, billedCharacters: 0}
    }
  }
}

function start(node: {position?: {start: {line: number; column: number}}}): SourcePoint {
  return {line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1}
}

/** Where a Details value starts: after the space that follows its label. */
function valueStart(rest: PhrasingContent[], paragraph: Paragraph): SourcePoint {
  const first = rest[0]
  if (!first) return start(paragraph)
  const point = start(first)
  const skipped = first.type === 'text' ? first.value.length - first.value.trimStart().length : 0
  return {line: point.line, column: point.column + skipped}
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
  const [first, ...rest] = nodes
  if (first?.type !== 'text') return nodes
  // Ordinary white space only: a leading no-break space (`&nbsp;`) is content.
  const value = first.value.replace(/^[ \t\r\n]+/, '')
  return value ? [{...first, value}, ...rest] : rest
}

/** `**Label:** value` items of the Details list whose label is in the controlled vocabulary. */
function markDetailsItems(list: List, labels: ReadonlyMap<string, string>, items: Set<Paragraph>) {
  for (const item of list.children) {
    const paragraph = item.children[0]
    const label = paragraph?.type === 'paragraph' ? paragraph.children[0] : undefined
    if (paragraph?.type === 'paragraph' && label && labels.has(labelText(label))) items.add(paragraph)
  }
}

function labelText(node: PhrasingContent): string {
  return node.type === 'strong' ? toString(node).replace(/:\s*$/, '').trim() : ''
}

interface FrontmatterField {
  name: string
  value: string
  position: SourcePoint
  /** Where the value's text stands in the file, inside any quotes: names in it are placed by this. */
  content: Position
}

/** The translatable string fields of the YAML front matter, with their place in the file. */
function frontmatterSegments(node: Yaml, fields: ReadonlySet<string>): FrontmatterField[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(node.value, {lineCounter})
  const result: FrontmatterField[] = []
  const contents = document.contents
  if (!isMap(contents)) return result
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    const value = pair.value
    if (!key || !fields.has(key) || !isScalar(value) || typeof value.value !== 'string') continue
    const [from = 0, to = from] = value.range ?? []
    const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE' ? 1 : 0
    // The YAML starts on the line after the opening `---`.
    const line = start(node).line
    const base = (node.position?.start.offset ?? 0) + '---\n'.length
    const point = (offset: number) => {
      const place = lineCounter.linePos(offset)
      return {line: line + place.line, column: place.col, offset: base + offset}
    }
    const {offset: _offset, ...position} = point(from)
    result.push({name: key, value: value.value, position, content: {start: point(from + quoted), end: point(to - quoted)}})
  }
  return result
}
