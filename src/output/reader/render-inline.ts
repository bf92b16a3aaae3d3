import type {Definition, PhrasingContent, Text} from 'mdast'
import type {NameMatcher} from '../../glossary/matcher.ts'
import type {GlossaryEntry} from '../../core/types.ts'
import {composed} from '../../core/source-offsets.ts'
import {splitSentences} from '../../segment/split-sentences.ts'
import {attribute, escapeHtml} from './escape.ts'
import {imageSource, safeLinkUrl} from './sanitize-url.ts'

/** What inline rendering needs besides the nodes; one per page, so that ids stay unique on it. */
export interface InlineContext {
  definitions: ReadonlyMap<string, Definition>
  footnotes: readonly string[]
  /** Finds glossary names in German text; undefined for English. */
  matcher?: NameMatcher
  /** The tooltip of a glossary name, as HTML with its text already escaped. */
  nameTooltip: (entry: GlossaryEntry) => string
  /** Interface strings the inline content needs. */
  strings: {unsafeLink: string; image: string}
  /** A fresh id for a tooltip. */
  nextId: () => string
}

/** Stands for an atomic node (code, image, HTML…) in the plain text that sentences are split in. */
const objectReplacement = '\uFFFC'

/** Length of `node` in the plain text: text as written, an atomic node one character. */
function plainLength(node: PhrasingContent): number {
  if (node.type === 'text') return node.value.length
  if ('children' in node) return node.children.reduce((total: number, child: PhrasingContent) => total + plainLength(child), 0)
  return 1
}

/**
 * The text that sentences are found in. Line breaks inside a paragraph are spaces (ICU breaks at
 * every line feed), a hard break a space too, every other atomic node one object replacement character.
 */
export function plainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'text') return node.value.replace(/[\n\r]/g, ' ')
      if (node.type === 'break') return ' '
      if ('children' in node) return plainText(node.children)
      return objectReplacement
    })
    .join('')
}

export interface SentenceRange {
  start: number
  end: number
  /** Trimmed, as the aligner measures it. */
  text: string
}

/** The sentences of `nodes` with their place in `plainText(nodes)`. */
export function sentenceRanges(nodes: readonly PhrasingContent[]): SentenceRange[] {
  const text = plainText(nodes)
  const ranges: SentenceRange[] = []
  let cursor = 0
  for (const sentence of splitSentences(text)) {
    const start = text.indexOf(sentence, cursor)
    // The splitter returns trimmed slices of the text, in order; anything else is a bug there, and the rest stays one piece.
    if (start === -1) break
    ranges.push({start, end: start + sentence.length, text: sentence})
    cursor = start + sentence.length
  }
  // Whatever the splitter left out (never expected) is one more piece, so that no text goes unaligned.
  const rest = text.slice(cursor)
  const restText = rest.trim()
  if (restText) {
    const start = cursor + rest.length - rest.trimStart().length
    ranges.push({start, end: start + restText.length, text: restText})
  }
  return ranges
}

/**
 * HTML of `nodes` with each sentence in a focusable `<span class="s" data-b>`: `beads[k]` is the
 * number of sentence k's alignment bead within its pair. Markup that crosses a sentence end
 * (a link over two sentences) is closed and opened again, so the HTML stays well nested.
 */
export function renderSentences(nodes: readonly PhrasingContent[], ranges: readonly SentenceRange[], beads: readonly number[], context: InlineContext): string {
  let html = ''
  let at = 0
  for (const [index, range] of ranges.entries()) {
    html += renderRange(nodes, at, range.start, context)
    html += `<span class="s" data-b="${beads[index] ?? 0}" tabindex="0">${renderRange(nodes, range.start, range.end, context)}</span>`
    at = range.end
  }
  return html + renderRange(nodes, at, Number.POSITIVE_INFINITY, context)
}

/** HTML of the part of `nodes` between plain-text offsets `from` and `to`. */
export function renderRange(nodes: readonly PhrasingContent[], from: number, to: number, context: InlineContext): string {
  let html = ''
  let offset = 0
  for (const node of nodes) {
    const start = offset
    const end = start + plainLength(node)
    offset = end
    if (end <= from || start >= to) continue
    html += renderNode(node, Math.max(from, start) - start, Math.min(to, end) - start, context)
  }
  return html
}

function renderNode(node: PhrasingContent, from: number, to: number, context: InlineContext): string {
  const inner = () => ('children' in node ? renderRange(node.children, from, to, context) : '')
  switch (node.type) {
    case 'text':
      return renderText(node, from, to, context)
    case 'emphasis':
      return wrap('em', inner())
    case 'strong':
      return wrap('strong', inner())
    case 'delete':
      return wrap('del', inner())
    case 'inlineCode':
      return `<code>${escapeHtml(node.value)}</code>`
    case 'break':
      return '<br>'
    case 'link':
      return renderLink(node.url, node.title ?? undefined, inner(), context)
    case 'linkReference': {
      const definition = context.definitions.get(node.identifier)
      return definition ? renderLink(definition.url, definition.title ?? undefined, inner(), context) : inner()
    }
    case 'image':
      return renderImage(node.url, node.alt ?? '', node.title ?? undefined, context)
    case 'imageReference': {
      const definition = context.definitions.get(node.identifier)
      return definition ? renderImage(definition.url, node.alt ?? '', definition.title ?? undefined, context) : escapeHtml(node.alt ?? '')
    }
    case 'footnoteReference': {
      const number = context.footnotes.indexOf(node.identifier) + 1
      const label = escapeHtml(number > 0 ? String(number) : node.identifier)
      return number > 0 ? `<sup><a href="#fn-${number}" class="fnref">${label}</a></sup>` : `<sup>${label}</sup>`
    }
    case 'html':
      // HTML from an article is never rendered; a line break is the one tag worth keeping.
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? '<br>' : ''
    default:
      if ('children' in node) return inner()
      // Math and whatever later extensions add: shown as written.
      return 'value' in node && typeof node.value === 'string' ? `<code>${escapeHtml(node.value)}</code>` : ''
  }
}

function wrap(tag: string, html: string): string {
  return html === '' ? '' : `<${tag}>${html}</${tag}>`
}

function renderLink(url: string, title: string | undefined, html: string, context: InlineContext): string {
  if (html === '') return ''
  const href = safeLinkUrl(url)
  if (href === undefined) return `<span class="unsafe-link"${attribute('title', context.strings.unsafeLink)}>${html}</span>`
  const external = /^(?:https?:)?\/\//i.test(href) ? ' rel="noopener noreferrer"' : ''
  return `<a${attribute('href', href)}${attribute('title', title)}${external}>${html}</a>`
}

function renderImage(url: string, alt: string, title: string | undefined, context: InlineContext): string {
  const source = imageSource(url)
  const label = escapeHtml(alt || context.strings.image)
  switch (source.kind) {
    case 'inline':
      return `<img${attribute('src', source.src)}${attribute('alt', alt)}${attribute('title', title)} loading="lazy">`
    case 'remote':
      // Loading it would be a request to another host; a link lets the reader choose.
      return `<a class="image-link"${attribute('href', source.href)}${attribute('title', title)} rel="noopener noreferrer">[${label}]</a>`
    case 'refused':
      return `<span class="unsafe-link"${attribute('title', context.strings.unsafeLink)}>[${label}]</span>`
  }
}

/** Glossary names found in each German text node, with offsets into its own value. */
const namesCache = new WeakMap<Text, Array<{start: number; end: number; entry: GlossaryEntry}>>()

function namesIn(node: Text, matcher: NameMatcher): Array<{start: number; end: number; entry: GlossaryEntry}> {
  let found = namesCache.get(node)
  if (!found) {
    // As applyNameGlossary matches: on the composed text, mapped back to the node's value.
    const text = composed(node.value)
    found = matcher.match(text.text).map((match) => ({start: text.original(match.start), end: text.original(match.end), entry: match.entry}))
    namesCache.set(node, found)
  }
  return found
}

function renderText(node: Text, from: number, to: number, context: InlineContext): string {
  if (!context.matcher) return escapeHtml(node.value.slice(from, to))
  let html = ''
  let at = from
  for (const name of namesIn(node, context.matcher)) {
    const start = Math.max(name.start, from)
    const end = Math.min(name.end, to)
    if (start >= end) continue
    html += escapeHtml(node.value.slice(at, start))
    const id = context.nextId()
    html +=
      `<span class="name" tabindex="0" aria-describedby="${id}">${escapeHtml(node.value.slice(start, end))}` +
      `<span class="tip" role="tooltip" id="${id}">${context.nameTooltip(name.entry)}</span></span>`
    at = end
  }
  return html + escapeHtml(node.value.slice(at, to))
}
