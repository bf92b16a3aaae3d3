import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {splitSentences} from '../../segment/split-sentences.ts'

/** Stands for an atomic element (code, image, footnote call) in the plain text that sentences are found in. */
const objectReplacement = '\uFFFC'

/** Elements that are one character of the plain text: a sentence never ends inside them. */
const atomicTags = new Set(['br', 'code', 'img', 'input', 'sup'])

function plainLength(node: ElementContent): number {
  if (node.type === 'text') return node.value.length
  if (node.type !== 'element') return 0
  if (atomicTags.has(node.tagName)) return 1
  return node.children.reduce((total, child) => total + plainLength(child), 0)
}

/**
 * The text that sentences are found in: line feeds inside a paragraph are spaces (ICU breaks at
 * every one), a line break a space too, every other atomic element one object replacement character.
 */
export function plainText(nodes: readonly ElementContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'text') return node.value.replace(/[\n\r]/g, ' ')
      if (node.type !== 'element') return ''
      if (node.tagName === 'br') return ' '
      return atomicTags.has(node.tagName) ? objectReplacement : plainText(node.children)
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
export function sentenceRanges(nodes: readonly ElementContent[]): SentenceRange[] {
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
 * `nodes` with each sentence in a `<span class="s" data-b>`: `beads[k]` is the number of sentence k's
 * alignment bead within its pair. An element that crosses a sentence end (a link over two sentences)
 * is cut in two, one copy in each sentence, so the tree stays well nested.
 */
export function wrapSentences(nodes: readonly ElementContent[], ranges: readonly SentenceRange[], beads: readonly number[]): ElementContent[] {
  const wrapped: ElementContent[] = []
  let at = 0
  for (const [index, range] of ranges.entries()) {
    wrapped.push(...gap(nodes, at, range.start))
    // Not a tab stop of its own: the article is one, and the arrow keys move inside it (the page script).
    wrapped.push(h('span.s', {dataB: beads[index] ?? 0, tabIndex: -1}, slice(nodes, range.start, range.end)))
    at = range.end
  }
  wrapped.push(...slice(nodes, at, Number.POSITIVE_INFINITY))
  return wrapped
}

/** What lies between two sentences: only the space when it is only space (not `<a> </a>` for a link over both). */
function gap(nodes: readonly ElementContent[], from: number, to: number): ElementContent[] {
  const between = slice(nodes, from, to)
  const space = plainText(between)
  return space.trim() === '' && !between.some(holdsAtomic) ? (space === '' ? [] : [{type: 'text', value: textOf(between)}]) : between
}

function holdsAtomic(node: ElementContent): boolean {
  return node.type === 'element' && (atomicTags.has(node.tagName) || node.children.some(holdsAtomic))
}

function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : '')).join('')
}

/** The part of `nodes` between plain-text offsets `from` and `to`, as new nodes. */
function slice(nodes: readonly ElementContent[], from: number, to: number): ElementContent[] {
  const result: ElementContent[] = []
  let offset = 0
  for (const node of nodes) {
    const start = offset
    const length = plainLength(node)
    offset += length
    const end = offset
    if (end <= from || start >= to || length === 0) continue
    if (node.type === 'text') {
      result.push({type: 'text', value: node.value.slice(Math.max(from, start) - start, Math.min(to, end) - start)})
    } else if (node.type === 'element' && !atomicTags.has(node.tagName)) {
      const children = slice(node.children, Math.max(from, start) - start, Math.min(to, end) - start)
      if (children.length > 0) result.push({...node, properties: {...node.properties}, children})
    } else {
      result.push(node)
    }
  }
  return result
}
