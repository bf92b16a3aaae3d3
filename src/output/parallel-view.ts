import type {Definition, Link, PhrasingContent, Root, Table, TableRow} from 'mdast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import type {TFunction} from 'i18next'
import {unified} from 'unified'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkStringify from 'remark-stringify'
import {tandemData} from '../core/data.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import {markdownStyle} from '../core/markdown-options.ts'
import remarkKeepUrls from './keep-urls.ts'
import type {Segment} from '../core/types.ts'

export interface Options {
  /** i18next `t` for the column labels and the header note. */
  t: TFunction
}

// Unpadded cells: a padded table of long paragraphs is mostly spaces and diffs badly.
const serializer = unified()
  .use(remarkGfm, {tablePipeAlign: false})
  .use(remarkMath, {singleDollarTextMath: false})
  .use(remarkKeepUrls)
  .use(remarkStringify, markdownStyle)

/** The side-by-side view on `file.data.tandem.parallel`: one GFM table row per segment, in source order. */
export default function parallelView(options: Options) {
  const {t} = options
  return function (tree: Root, file: VFile): undefined {
    const data = tandemData(file)
    const definitions = collectDefinitions(tree)
    const cell = (segment: Segment, nodes: PhrasingContent[]) => cellContent(segment, nodes.map((node) => resolve(node, definitions)))
    const table: Table = {
      type: 'table',
      align: [null, null],
      children: [
        row([{type: 'text', value: t('parallel.source')}], [{type: 'text', value: t('parallel.target')}]),
        ...data.segments.map((segment) => row(cell(segment, segment.nodes), [...cell(segment, segment.targetNodes ?? []), ...staleNote(segment, t)]))
      ]
    }
    const root: Root = {
      type: 'root',
      children: [{type: 'html', value: `<!-- ${t('parallel.generated', {file: data.sourcePath})} -->`}, table]
    }
    data.parallel = serializer.stringify(root)
  }
}

/** After the English of a stale post-edit: that it is stale, and the human text it had unless that is what is shown. */
function staleNote(segment: Segment, t: TFunction): PhrasingContent[] {
  if (!segment.stale) return []
  const kept = segment.target === segment.stale.target
  const text = kept ? t('parallel.staleKept') : t('parallel.stale', {text: taggedToPlain(segment.stale.target).replace(/\s+/g, ' ')})
  return [{type: 'text', value: ' '}, {type: 'emphasis', children: [{type: 'text', value: `⚠ ${text}`}]}]
}

function row(left: PhrasingContent[], right: PhrasingContent[]): TableRow {
  return {type: 'tableRow', children: [{type: 'tableCell', children: left}, {type: 'tableCell', children: right}]}
}

/** A cell's content: headings and the title bold, and nothing that could break the row. */
function cellContent(segment: Segment, nodes: PhrasingContent[]): PhrasingContent[] {
  const flat = nodes.map(oneLine)
  const emphasise = segment.kind === 'heading' || (segment.kind === 'frontmatter' && segment.field === 'title')
  return emphasise && flat.length > 0 ? [{type: 'strong', children: flat}] : flat
}

function collectDefinitions(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  visit(tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  return definitions
}

/** The table has no definitions of its own: reference links and images become resource ones. */
function resolve(node: PhrasingContent, definitions: ReadonlyMap<string, Definition>): PhrasingContent {
  if (node.type === 'linkReference' || node.type === 'imageReference') {
    const definition = definitions.get(node.identifier)
    if (definition) {
      const target = {url: definition.url, title: definition.title ?? null}
      return node.type === 'imageReference'
        ? {type: 'image', ...target, alt: node.alt ?? null}
        : {type: 'link', ...target, children: node.children.map((child) => resolve(child, definitions)) as Link['children']}
    }
  }
  // Cast: the same node with its children resolved, which are of the kind it already held.
  if ('children' in node) return {...node, children: node.children.map((child) => resolve(child, definitions))} as PhrasingContent
  return node
}

/** Line endings would end the table row: soft breaks become spaces, hard breaks `<br>`. */
function oneLine(node: PhrasingContent): PhrasingContent {
  if (node.type === 'text') return {...node, value: node.value.replace(/\s*\r?\n\s*/g, ' ')}
  if (node.type === 'break') return {type: 'html', value: '<br>'}
  if (node.type === 'inlineCode' || node.type === 'html' || node.type === 'inlineMath') return {...node, value: node.value.replace(/\r?\n/g, ' ')}
  // Cast: the same node with its children flattened, which are of the kind it already held.
  if ('children' in node) return {...node, children: node.children.map(oneLine)} as PhrasingContent
  return node
}
