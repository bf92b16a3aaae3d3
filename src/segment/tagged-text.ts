import type {Link, LinkReference, PhrasingContent, Text} from 'mdast'
import {decodeXML, escapeUTF8} from 'entities'

/**
 * Inline mdast ↔ tagged text (design.md "Segments"): marks become `<b>`, `<i>`, `<s>`,
 * links `<a id="n">`, and everything that must not be translated a `<x id="n"/>` placeholder.
 * URLs, code and HTML never enter the text; they stay in `placeholders` by id.
 */
export interface TaggedText {
  text: string
  placeholders: PhrasingContent[]
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
const markByTag = new Map<string, MarkType>(
  Object.entries(markTags).map(([type, tag]) => [tag, type as MarkType])
)

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
  const placeholders: PhrasingContent[] = []
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
    for (const node of list) {
      switch (node.type) {
        case 'text':
          out += text(node)
          break
        case 'emphasis':
        case 'strong':
        case 'delete': {
          const tag = markTags[node.type]
          out += `<${tag}>${encode(node.children)}</${tag}>`
          break
        }
        case 'link':
        case 'linkReference': {
          placeholders.push(node)
          // An autolink's text is its URL, and URLs are never sent.
          if (isAutolink(node)) {
            out += `<x id="${placeholders.length}"/>`
            break
          }
          out += `<a id="${placeholders.length}">${encode(node.children)}</a>`
          break
        }
        default:
          placeholders.push(node)
          out += `<x id="${placeholders.length}"/>`
      }
    }
    return out
  }

  return {text: encode(nodes), placeholders}
}

/** Escaped text; a soft line break reads as a space, since translation reflows the paragraph anyway. */
export function escapeText(value: string): string {
  return escapeUTF8(value.replace(/[ \t]*\r?\n[ \t]*/g, ' '))
}

/** Whitespace-folded, NFC form: what hashes and memory keys are computed over. */
export function normalizeTaggedText(text: string): string {
  // Only ordinary white space folds: a no-break space means something.
  return text.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '')
}

export class TagError extends Error {
  override readonly name = 'TagError'
}

const tagPattern = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"]*")*)\s*(\/?)>/g

/**
 * Parse tagged text back into inline mdast, restoring links and placeholders by id.
 * Throws `TagError` on anything that is not the tag vocabulary written by `toTaggedText`.
 */
export function fromTaggedText(text: string, placeholders: readonly PhrasingContent[]): PhrasingContent[] {
  type Frame = {tag: string; children: PhrasingContent[]; node?: PhrasingContent}
  const root: Frame = {tag: '', children: []}
  const stack: Frame[] = [root]
  const used = new Set<number>()
  let last = 0

  const top = (): Frame => stack[stack.length - 1] ?? root
  const pushText = (raw: string) => {
    if (raw.includes('<') || raw.includes('>')) throw new TagError(`unexpected \`<\` or \`>\` in \`${raw}\``)
    const value = decodeXML(raw)
    if (value === '') return
    const children = top().children
    const previous = children[children.length - 1]
    if (previous?.type === 'text') previous.value += value
    else children.push({type: 'text', value})
  }
  const placeholder = (attributes: string, tag: string): PhrasingContent => {
    const id = Number(/\bid="(\d+)"/.exec(attributes)?.[1])
    const node = placeholders[id - 1]
    if (!node) throw new TagError(`\`<${tag}>\` refers to unknown id \`${id}\``)
    const wanted = isLink(node) && !isAutolink(node) ? 'a' : 'x'
    if (tag !== wanted) throw new TagError(`\`<${tag} id="${id}">\` stands where \`<${wanted} id="${id}">\` was sent`)
    if (used.has(id)) throw new TagError(`\`<${tag} id="${id}">\` appears twice`)
    used.add(id)
    return structuredClone(node)
  }

  for (const match of text.matchAll(tagPattern)) {
    pushText(text.slice(last, match.index))
    last = match.index + match[0].length
    const [, closing, tag = '', attributes = '', selfClosing] = match

    if (closing) {
      const frame = top()
      if (frame.tag !== tag || stack.length === 1) throw new TagError(`\`</${tag}>\` closes \`<${frame.tag || 'nothing'}>\``)
      stack.pop()
      top().children.push(closeFrame(frame))
      continue
    }

    if (tag === 'x' && selfClosing) {
      top().children.push(placeholder(attributes, tag))
      continue
    }

    if (selfClosing) throw new TagError(`unexpected self-closing \`<${tag}/>\``)
    if (tag === 'a') {
      const node = placeholder(attributes, tag)
      stack.push({tag, children: [], node})
      continue
    }

    if (!markByTag.has(tag)) throw new TagError(`unknown tag \`<${tag}>\``)
    stack.push({tag, children: []})
  }

  pushText(text.slice(last))
  if (stack.length > 1) throw new TagError(`\`<${top().tag}>\` is never closed`)
  for (let id = 1; id <= placeholders.length; id++) {
    if (!used.has(id)) throw new TagError(`the tag with id \`${id}\` was lost`)
  }
  return root.children
}

function isLink(node: PhrasingContent): node is Link | LinkReference {
  return node.type === 'link' || node.type === 'linkReference'
}

/** `<https://…>`, or a bare URL that GFM linked: the link's only text is its own URL. */
function isAutolink(node: PhrasingContent): boolean {
  if (node.type !== 'link' || node.children.length !== 1) return false
  const [child] = node.children
  if (child?.type !== 'text') return false
  return node.url === child.value || node.url === `mailto:${child.value}` || node.url === `http://${child.value}`
}

function closeFrame(frame: {tag: string; children: PhrasingContent[]; node?: PhrasingContent}): PhrasingContent {
  if (frame.node?.type === 'link' || frame.node?.type === 'linkReference') {
    // Cast: the children of a restored link are phrasing content, as they were before translation.
    return {...frame.node, children: frame.children as typeof frame.node.children}
  }
  const type = markByTag.get(frame.tag)
  if (!type) throw new TagError(`unknown tag \`<${frame.tag}>\``)
  return {type, children: frame.children} as PhrasingContent
}
