import type {Link, LinkReference, PhrasingContent} from 'mdast'
import type {Element, ElementContent} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {unified} from 'unified'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkStringify from 'remark-stringify'
import {escapeText, fromTaggedText, keepTag, TagError} from '../core/tagged-text.ts'
import {markdownStyle} from '../core/markdown-options.ts'
import type {Placeholder, SourcePoint} from '../core/types.ts'
import {englishText, phrase, type Phrase} from '../core/phrase.ts'
import {attribute, localName, placeOf} from './xml.ts'

/**
 * Tagged text (design.md "Segments") ↔ the inline codes of CAT-tool files:
 * - TMX 1.4b: `<bpt>`/`<ept>` around marks and links, `<ph>` for what is copied as it is, each holding
 *   the original Markdown (`**`, `[`, `](https://…)`, `` `code` ``), so that a tool shows and keeps it;
 * - XLIFF 1.2: `<g ctype>` and `<x/>` (with the Markdown in `equiv-text`): paired elements that a CAT
 *   tool cannot misnest, which is what translate-toolkit and OmegaT handle best;
 * - XLIFF 2.0: `<pc>` and `<ph/>` (Markdown in `dispStart`/`dispEnd`/`disp`).
 * Links and placeholders keep their tagged-text id; the glossary's `<n>` protection is dropped.
 */
export type Dialect = 'tmx' | 'xliff1' | 'xliff2'

const markNames = {b: 'bold', i: 'italic', s: 'x-strike'} as const
type MarkTag = keyof typeof markNames
const markDelimiters: Record<MarkTag, string> = {
  b: markdownStyle.strong === '_' ? '__' : '**',
  i: markdownStyle.emphasis ?? '_',
  s: '~~'
}
const xliff2SubTypes: Record<MarkTag, string> = {b: 'xlf:b', i: 'xlf:i', s: 'tandem:s'}

const markdown = unified().use(remarkGfm).use(remarkMath, {singleDollarTextMath: false}).use(remarkStringify, markdownStyle)
const linkTextMarker = '\uE000'

/** The Markdown of inline nodes as written in a German file. */
function inlineMarkdown(nodes: readonly PhrasingContent[]): string {
  return markdown.stringify({type: 'root', children: [{type: 'paragraph', children: [...nodes]}]}).replace(/\n$/, '')
}

/** A link's Markdown before and after its text: `[` and `](https://…)`. */
function linkMarkdown(node: Link | LinkReference): [string, string] {
  const written = inlineMarkdown([{...node, children: [{type: 'text', value: linkTextMarker}]}])
  const [open = '', close = ''] = written.split(linkTextMarker)
  return [open, close]
}

/** Inline XML content for tagged text in `dialect`; `placeholders` (the German segment's) supply the Markdown. */
export function taggedToInline(tagged: string, dialect: Dialect, placeholders: readonly Placeholder[] = []): ElementContent[] {
  // Tagged text is well-formed XML by construction (the codec escapes its text), so it is parsed, not matched.
  const seg = fromXml(`<seg>${tagged}</seg>`).children[0] as Element
  let pair = 0
  const convert = (nodes: readonly ElementContent[]): ElementContent[] =>
    nodes.flatMap((node): ElementContent[] => {
      if (node.type === 'text') return [{type: 'text', value: node.value}]
      if (node.type !== 'element') return []
      if (node.name === keepTag) return convert(node.children)
      const id = node.attributes['id'] ?? ''
      const found = placeholders[Number(id) - 1]
      if (node.name === 'x') {
        const code = found?.tag === 'x' ? inlineMarkdown(found.nodes) : ''
        if (dialect === 'tmx') return [element('ph', {x: id, type: 'x-markdown'}, code === '' ? [] : [{type: 'text', value: code}])]
        if (dialect === 'xliff1') return [element('x', {id, ctype: 'x-markdown', ...(code ? {'equiv-text': code} : {})})]
        return [element('ph', {id, type: 'other', ...(code ? {disp: code} : {})})]
      }
      const inner = convert(node.children)
      const [open, close] =
        node.name === 'a' ? (found?.tag === 'a' ? linkMarkdown(found.node) : ['', '']) : [markDelimiters[node.name as MarkTag] ?? '', markDelimiters[node.name as MarkTag] ?? '']
      const type = node.name === 'a' ? 'link' : markNames[node.name as MarkTag]
      pair++
      if (dialect === 'tmx') {
        const i = String(pair)
        return [
          element('bpt', {i, ...(node.name === 'a' ? {x: id} : {}), type}, open ? [{type: 'text', value: open}] : []),
          ...inner,
          element('ept', {i}, close ? [{type: 'text', value: close}] : [])
        ]
      }
      if (dialect === 'xliff1') {
        return [element('g', {id: node.name === 'a' ? id : `m${pair}`, ctype: type}, inner)]
      }
      const attributes: Record<string, string> =
        node.name === 'a'
          ? {id, type: 'link', ...(open ? {dispStart: open} : {}), ...(close ? {dispEnd: close} : {})}
          : {id: `m${pair}`, type: 'fmt', subType: xliff2SubTypes[node.name as MarkTag]}
      return [element('pc', attributes, inner)]
    })
  return convert(seg.children)
}

function element(name: string, attributes: Record<string, string>, children: ElementContent[] = []): Element {
  return {type: 'element', name, attributes, children}
}

/** Inline codes that tandem cannot map to tagged text, or that do not pair. */
export class InlineCodeError extends Error {
  override readonly name = 'InlineCodeError'
  readonly place: SourcePoint | undefined
  /** What is wrong, as a phrase (`message` is its English). */
  readonly phrase: Phrase

  constructor(said: Phrase, place: SourcePoint | undefined) {
    super(englishText(said))
    this.place = place
    this.phrase = said
  }
}

/**
 * Numbers the links and placeholders of one unit: tandem's own files carry the tagged-text id, other
 * tools' their own (OmegaT counts from 0), so ids are given in the order the source first shows them,
 * and the target refers to them by the same attribute.
 */
export class InlineIds {
  private readonly ids = new Map<string, number>()
  private readonly kinds: ('a' | 'x')[] = []
  private counter = 0

  /** The id for a code; a target may only use ids the source has. */
  id(kind: 'a' | 'x', reference: string | undefined, side: 'source' | 'target', place: SourcePoint | undefined): number {
    const key = reference ?? `#${++this.counter}`
    const known = this.ids.get(key)
    if (known !== undefined) {
      if (this.kinds[known - 1] !== kind) {
        const reason = phrase('reasons.inlineCodes.otherKind', 'inline code `{{code}}` is a {{here}} here and a {{source}} in the source', {
          code: reference ?? key,
          here: describe(kind),
          source: describe(this.kinds[known - 1] ?? kind)
        })
        throw new InlineCodeError(reason, place)
      }
      return known
    }
    if (side === 'target') throw new InlineCodeError(phrase('reasons.inlineCodes.notInSource', 'inline code `{{code}}` is not in the source', {code: reference ?? key}), place)
    this.kinds.push(kind)
    this.ids.set(key, this.kinds.length)
    return this.kinds.length
  }

  /** Stand-ins for the placeholders, so that the codec can check a unit's tags when its segment is unknown. */
  placeholders(): Placeholder[] {
    return this.kinds.map((kind) => (kind === 'a' ? {tag: 'a', node: {type: 'link', url: '', children: []}} : {tag: 'x', nodes: []}))
  }

  /** Restart the counter of codes without a reference, for the target. */
  startTarget(): void {
    this.counter = 0
  }
}

function describe(kind: 'a' | 'x'): Phrase {
  return kind === 'a' ? phrase('reasons.inlineCodes.link', 'link') : phrase('reasons.inlineCodes.placeholder', 'placeholder')
}

/**
 * Tagged text from the inline content of a TMX `<seg>`, an XLIFF `<source>`/`<target>`; throws
 * `InlineCodeError` at the code's place for what tandem cannot map.
 */
export function inlineToTagged(nodes: readonly ElementContent[], dialect: Dialect, ids: InlineIds, side: 'source' | 'target'): string {
  const open = new Map<string, MarkTag | 'a'>()
  const convert = (list: readonly ElementContent[]): string =>
    list
      .map((node): string => {
        if (node.type === 'text' || node.type === 'cdata') return escapeText(node.value)
        if (node.type !== 'element') return ''
        const name = localName(node)
        const place = placeOf(node)
        if (dialect === 'tmx') {
          if (name === 'hi') return convert(node.children)
          if (name === 'ph') return `<x id="${ids.id('x', attribute(node, 'x'), side, place)}"/>`
          if (name === 'bpt') {
            const tag = tmxTag(node)
            if (!tag) throw new InlineCodeError(phrase('reasons.inlineCodes.bpt', '`<bpt>` with `{{code}}` is not a mark or link that tandem knows', {code: textOf(node)}), place)
            open.set(attribute(node, 'i') ?? '', tag)
            return tag === 'a' ? `<a id="${ids.id('a', attribute(node, 'x'), side, place)}">` : `<${tag}>`
          }
          if (name === 'ept') {
            const i = attribute(node, 'i') ?? ''
            const tag = open.get(i)
            if (!tag) throw new InlineCodeError(phrase('reasons.inlineCodes.ept', '`<ept i="{{i}}">` has no `<bpt i="{{i}}">` before it', {i}), place)
            open.delete(i)
            return `</${tag}>`
          }
        } else if (dialect === 'xliff1') {
          if (name === 'mrk') return convert(node.children)
          if (name === 'x') return `<x id="${ids.id('x', attribute(node, 'id'), side, place)}"/>`
          if (name === 'g') {
            const ctype = attribute(node, 'ctype') ?? ''
            const tag = ctype === 'link' ? 'a' : markByName(ctype)
            if (!tag) throw new InlineCodeError(phrase('reasons.inlineCodes.g', '`<g ctype="{{ctype}}">` is not a mark or link that tandem knows', {ctype}), place)
            const start = tag === 'a' ? `<a id="${ids.id('a', attribute(node, 'id'), side, place)}">` : `<${tag}>`
            return `${start}${convert(node.children)}</${tag}>`
          }
        } else {
          if (name === 'mrk') return convert(node.children)
          if (name === 'ph') return `<x id="${ids.id('x', attribute(node, 'id'), side, place)}"/>`
          if (name === 'pc') {
            const type = attribute(node, 'type')
            const subType = attribute(node, 'subType') ?? ''
            const tag = type === 'link' ? 'a' : (Object.keys(xliff2SubTypes) as MarkTag[]).find((key) => xliff2SubTypes[key] === subType)
            if (!tag) throw new InlineCodeError(phrase('reasons.inlineCodes.pc', '`<pc type="{{type}}" subType="{{subType}}">` is not a mark or link that tandem knows', {type: type ?? '', subType}), place)
            const start = tag === 'a' ? `<a id="${ids.id('a', attribute(node, 'id'), side, place)}">` : `<${tag}>`
            return `${start}${convert(node.children)}</${tag}>`
          }
        }
        throw new InlineCodeError(phrase('reasons.inlineCodes.element', '`<{{name}}>` is not an inline code that tandem reads here', {name: node.name}), place)
      })
      .join('')
  const text = convert(nodes)
  const unclosed = [...open.keys()][0]
  if (unclosed !== undefined) throw new InlineCodeError(phrase('reasons.inlineCodes.unclosed', '`<bpt i="{{i}}">` is never closed by an `<ept>`', {i: unclosed}), undefined)
  return text
}

function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
}

function markByName(name: string): MarkTag | undefined {
  return (Object.keys(markNames) as MarkTag[]).find((tag) => markNames[tag] === name || (tag === 's' && name === 'strike'))
}

/** A TMX `<bpt>`: tandem's own `type`, else what its Markdown says (`**`, `_`, `~~`, `[`). */
function tmxTag(node: Element): MarkTag | 'a' | undefined {
  const type = attribute(node, 'type') ?? ''
  if (type === 'link') return 'a'
  const byType = markByName(type)
  if (byType) return byType
  const code = textOf(node)
  if (code === '**' || code === '__') return 'b'
  if (code === '*' || code === '_') return 'i'
  if (code === '~~') return 's'
  if (code.startsWith('[')) return 'a'
  return undefined
}

/**
 * Check tagged text against the placeholders of its segment (or the stand-ins of its source): every
 * id once, nothing invented, properly nested. Returns the codec's reason, or undefined when it is sound.
 */
export function tagProblem(tagged: string, placeholders: readonly Placeholder[]): Phrase | undefined {
  try {
    fromTaggedText(tagged, placeholders)
    return undefined
  } catch (error) {
    if (error instanceof TagError) return error.phrase
    throw error
  }
}
