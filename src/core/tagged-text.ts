import type {Link, LinkReference, PhrasingContent, Text} from 'mdast'
import {decodeXML} from 'entities'
import type {Placeholder} from './types.ts'
import {englishText, phrase, type Phrase} from './phrase.ts'

/**
 * Inline mdast ↔ tagged text (design.md "Segments"): marks become `<b>`, `<i>`, `<s>`,
 * links `<a id="n">`, and everything that must not be translated a `<x id="n"/>` placeholder.
 * URLs, titles, code, HTML, math and template tags never enter the text; they stay in
 * `placeholders` by id. Tags are kept few, since each one is a chance for the provider to damage
 * the text: adjacent marks of one kind merge, and neighbouring placeholders share one id.
 */
export interface TaggedText {
  text: string
  placeholders: Placeholder[]
}

/**
 * `<n>…</n>` wraps text the provider must keep as it is (the English form of a glossary name).
 * It is passed to DeepL in `ignore_tags` and unwrapped from what comes back.
 */
export const keepTag = 'n'

export function keepText(english: string): string {
  return `<${keepTag}>${escapeText(english)}</${keepTag}>`
}

export function unwrapKeptText(tagged: string): string {
  return tagged.replace(new RegExp(`</?${keepTag}>`, 'g'), '')
}

const markTags = {emphasis: 'i', strong: 'b', delete: 's'} as const
type MarkType = keyof typeof markTags
type Mark = Extract<PhrasingContent, {type: MarkType}>
const markByTag = new Map<string, MarkType>(Object.entries(markTags).map(([type, tag]) => [tag, type as MarkType]))

/** Letters or digits: content worth a tag of its own. A mark or link without any is kept whole. */
const hasWord = /[\p{L}\p{N}]/u

/** Markup that replaces a range of a text node's value (the name glossary's protected names). */
export interface TextReplacement {
  start: number
  end: number
  /** Tagged text, already escaped. */
  markup: string
}

export interface TaggedTextOptions {
  replace?: (node: Text) => readonly TextReplacement[]
}

export function toTaggedText(nodes: readonly PhrasingContent[], options: TaggedTextOptions = {}): TaggedText {
  const placeholders: Placeholder[] = []
  const text = (node: Text): string => {
    let out = ''
    let last = 0
    for (const replacement of options.replace?.(node) ?? []) {
      out += escapeText(node.value.slice(last, replacement.start)) + replacement.markup
      last = replacement.end
    }
    return out + escapeText(node.value.slice(last))
  }

  function encode(list: readonly PhrasingContent[]): string {
    let out = ''
    // A run of nodes kept as they are, and the white space seen after it, which joins the run
    // only if another kept node follows.
    let run: PhrasingContent[] = []
    let space: Text[] = []
    const flush = () => {
      if (run.length > 0) {
        placeholders.push({tag: 'x', nodes: run})
        out += `<x id="${placeholders.length}"/>`
        run = []
      }
      for (const node of space) out += text(node)
      space = []
    }

    for (const node of mergeMarks(list)) {
      if (node.type === 'text') {
        if (run.length > 0 && node.value.trim() === '') space.push(node)
        else {
          flush()
          out += text(node)
        }
        continue
      }
      if (isKept(node)) {
        run.push(...space, node)
        space = []
        continue
      }
      flush()
      if (node.type === 'link' || node.type === 'linkReference') {
        placeholders.push({tag: 'a', node})
        out += `<a id="${placeholders.length}">${encode(node.children)}</a>`
      } else if (isMark(node)) {
        const tag = markTags[node.type]
        out += `<${tag}>${encode(node.children)}</${tag}>`
      }
    }
    flush()
    return out
  }

  return {text: encode(nodes), placeholders}
}

function isMark(node: PhrasingContent): node is Mark {
  return node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete'
}

/** Copied as it is rather than translated: anything but text, and marks and links without words. */
function isKept(node: PhrasingContent): boolean {
  if (node.type === 'text') return false
  if (isMark(node)) return !hasWord.test(plainValue(node))
  if (node.type === 'link' || node.type === 'linkReference') return isAutolink(node) || !hasWord.test(plainValue(node))
  return true
}

/** The translatable text inside a node: text only, not code or alt text. */
function plainValue(node: PhrasingContent): string {
  if (node.type === 'text') return node.value
  if (isMark(node) || node.type === 'link' || node.type === 'linkReference') return node.children.map(plainValue).join('')
  return ''
}

/**
 * `**a** **b**` and `**a****b**` as one `<b>`: the same rendering with one tag pair fewer.
 * Returns new mark nodes; their children, text nodes included, are the originals.
 */
function mergeMarks(list: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (let index = 0; index < list.length; index++) {
    const node = list[index] as PhrasingContent
    const previous = out[out.length - 1]
    const continues = (candidate: PhrasingContent | undefined): candidate is Mark =>
      candidate !== undefined && isMark(candidate) && previous !== undefined && previous.type === candidate.type
    if (previous && isMark(previous) && continues(node)) {
      previous.children.push(...(node.children as typeof previous.children))
      continue
    }
    const next = list[index + 1]
    if (previous && isMark(previous) && node.type === 'text' && node.value.trim() === '' && continues(next)) {
      previous.children.push(node, ...(next.children as typeof previous.children))
      index++
      continue
    }
    // A copy of a mark with a copy of its children list, so that merging never edits the source tree.
    out.push(isMark(node) ? ({...node, children: [...node.children]} as Mark) : node)
  }
  return out
}

/** Escaped text; a soft line break reads as a space, since translation reflows the paragraph anyway. */
export function escapeText(value: string): string {
  // Only what XML text needs: quotes stay quotes, so nothing is billed as `&quot;`.
  // (entities' escapers also encode quotes or no-break spaces, which DeepL would bill as written.)
  return value.replace(/[ \t]*\r?\n[ \t]*/g, ' ').replace(/[&<>]/g, (character) => xmlEscapes[character] ?? character)
}

const xmlEscapes: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;'}

/** The words of tagged text without its tags, entities decoded: what is billed, checked and shown in messages. */
export function taggedToPlain(tagged: string): string {
  return decodeXML(tagged.replace(/<[^>]*>/g, ''))
}

/** Whitespace-folded, NFC form: what hashes and memory keys are computed over. */
export function normalizeTaggedText(text: string): string {
  // Only ordinary white space folds: a no-break space means something.
  return text.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '')
}

/** What went wrong with the tags of a translation (design.md "Segments"). */
export type TagDamage = 'lost' | 'duplicated' | 'invented' | 'reordered' | 'misnested' | 'malformed'

export class TagError extends Error {
  override readonly name = 'TagError'
  readonly damage: TagDamage
  /** What is wrong, as a phrase (`message` is its English). */
  readonly phrase: Phrase

  constructor(damage: TagDamage, said: Phrase) {
    super(englishText(said))
    this.damage = damage
    this.phrase = said
  }
}

const tagPattern = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"]*")*)\s*(\/?)>/g

export interface RestoreOptions {
  /** Copies a node of a placeholder into the translation (default: a deep copy). */
  clone?: (node: PhrasingContent) => PhrasingContent
}

/**
 * Parse tagged text back into inline mdast, restoring links and placeholders by id, in whatever
 * order the translation put them. Throws `TagError` on anything that is not the tag vocabulary
 * written by `toTaggedText` with each id exactly once.
 */
export function fromTaggedText(
  text: string,
  placeholders: readonly Placeholder[],
  options: RestoreOptions = {}
): PhrasingContent[] {
  type Frame = {tag: string; children: PhrasingContent[]; node?: Link | LinkReference}
  const clone = options.clone ?? copyNode
  const root: Frame = {tag: '', children: []}
  const stack: Frame[] = [root]
  const used = new Set<number>()
  let last = 0

  const top = (): Frame => stack[stack.length - 1] ?? root
  const pushText = (raw: string) => {
    if (raw.includes('<') || raw.includes('>')) throw new TagError('malformed', phrase('reasons.tags.malformed', 'unexpected `<` or `>` in `{{text}}`', {text: raw}))
    const value = decodeXML(raw)
    if (value === '') return
    const children = top().children
    const previous = children[children.length - 1]
    if (previous?.type === 'text') previous.value += value
    else children.push({type: 'text', value})
  }
  const placeholder = (attributes: string, tag: string): Placeholder => {
    const id = Number(/\bid="(\d+)"/.exec(attributes)?.[1])
    const found = placeholders[id - 1]
    if (!found) throw new TagError('invented', phrase('reasons.tags.unknownId', '`<{{tag}}>` refers to unknown id `{{id}}`', {tag, id}))
    if (tag !== found.tag) throw new TagError('invented', phrase('reasons.tags.wrongTag', '`<{{tag}} id="{{id}}">` stands where `<{{sent}} id="{{id}}">` was sent', {tag, id, sent: found.tag}))
    if (used.has(id)) throw new TagError('duplicated', phrase('reasons.tags.twice', '`<{{tag}} id="{{id}}">` appears twice', {tag, id}))
    used.add(id)
    return found
  }

  for (const match of text.matchAll(tagPattern)) {
    pushText(text.slice(last, match.index))
    last = match.index + match[0].length
    const [, closing, tag = '', attributes = '', selfClosing] = match

    if (closing) {
      const frame = top()
      if (frame.tag !== tag || stack.length === 1) {
        const opensLater = text.slice(last).includes(`<${tag}`)
        if (!stack.some((open) => open.tag === tag) && opensLater) {
          throw new TagError('reordered', phrase('reasons.tags.reordered', '`</{{tag}}>` comes before its `<{{tag}}>`', {tag}))
        }
        throw new TagError('misnested', phrase('reasons.tags.misnested', '`</{{tag}}>` closes `<{{open}}>`', {tag, open: frame.tag || 'nothing'}))
      }
      stack.pop()
      top().children.push(closeFrame(frame))
      continue
    }

    if (tag === 'x' && selfClosing) {
      const found = placeholder(attributes, tag)
      if (found.tag === 'x') top().children.push(...found.nodes.map((node) => clone(node)))
      continue
    }

    if (selfClosing) throw new TagError('invented', phrase('reasons.tags.selfClosing', 'unexpected self-closing `<{{tag}}/>`', {tag}))
    if (tag === 'a') {
      const found = placeholder(attributes, tag)
      if (found.tag === 'a') stack.push({tag, children: [], node: found.node})
      continue
    }

    if (!markByTag.has(tag)) throw new TagError('invented', phrase('reasons.tags.unknown', 'unknown tag `<{{tag}}>`', {tag}))
    stack.push({tag, children: []})
  }

  pushText(text.slice(last))
  if (stack.length > 1) throw new TagError('misnested', phrase('reasons.tags.unclosed', '`<{{tag}}>` is never closed', {tag: top().tag}))
  for (let id = 1; id <= placeholders.length; id++) {
    if (!used.has(id)) throw new TagError('lost', phrase('reasons.tags.lost', 'the tag with id `{{id}}` was lost', {id}))
  }
  return root.children

  function closeFrame(frame: Frame): PhrasingContent {
    if (frame.node) {
      // The link's own attributes (URL, title, reference) around the translated text.
      const link = clone(frame.node) as Link | LinkReference
      // Cast: the children of a restored link are phrasing content, as they were before translation.
      return {...link, children: frame.children} as Link | LinkReference
    }
    const type = markByTag.get(frame.tag)
    if (!type) throw new TagError('invented', phrase('reasons.tags.unknown', 'unknown tag `<{{tag}}>`', {tag: frame.tag}))
    return {type, children: frame.children} as PhrasingContent
  }
}

/** Any tag-like piece of a damaged translation, complete or cut off before its `>`. */
const anyTag = /<\/?[A-Za-z][\w-]*(?:\s+[\w-]+="[^"<>]*"?)*\s*\/?>?/g

/**
 * The fallback for a translation whose tags are damaged (design.md "Segments"): its text without
 * marks, every intact placeholder where the translation put it, and every link, and every placeholder
 * the translation lost, at the end. Never broken Markdown, never a lost link target.
 */
export function fromDamagedText(
  text: string,
  placeholders: readonly Placeholder[],
  options: RestoreOptions = {}
): PhrasingContent[] {
  const clone = options.clone ?? copyNode
  const kept = new Set<number>()
  // Each placeholder kept in place becomes a private-use character, so that the clean-up of the
  // white space around removed tags can see it.
  const marker = (id: number) => String.fromCodePoint(0xf0000 + id)
  const flat = text.replace(anyTag, (tag) => {
    const id = Number(/^<x\s+id="(\d+)"\s*\/>$/.exec(tag)?.[1])
    if (placeholders[id - 1]?.tag !== 'x' || kept.has(id)) return ' '
    kept.add(id)
    return marker(id)
  })
  const cleaned = decodeXML(flat)
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim()

  const out: PhrasingContent[] = []
  for (const piece of cleaned.split(/([\u{f0000}-\u{fffff}])/u)) {
    const code = piece.codePointAt(0) ?? 0
    const found = piece.length === 2 && code >= 0xf0000 ? placeholders[code - 0xf0000 - 1] : undefined
    if (found?.tag === 'x') out.push(...found.nodes.map((node) => clone(node)))
    else if (piece !== '') out.push({type: 'text', value: piece})
  }
  placeholders.forEach((placeholder, index) => {
    if (kept.has(index + 1)) return
    const nodes = placeholder.tag === 'a' ? [placeholder.node] : placeholder.nodes
    out.push({type: 'text', value: ' '}, ...nodes.map((node) => clone(node)))
  })
  return out
}

function copyNode(node: PhrasingContent): PhrasingContent {
  return structuredClone(node)
}

function isAutolink(node: PhrasingContent): boolean {
  if (node.type !== 'link' || node.children.length !== 1) return false
  const [child] = node.children
  if (child?.type !== 'text') return false
  return node.url === child.value || node.url === `mailto:${child.value}` || node.url === `http://${child.value}`
}
