import type {PhrasingContent} from 'mdast'
import type {VFile} from 'vfile'
import type {TFunction} from 'i18next'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'
import {TagError, fromDamagedText, fromTaggedText} from '../core/tagged-text.ts'
import type {Segment, SegmentAttribute} from '../core/types.ts'

export interface Options {
  /** i18next `t` of the target language, for the controlled vocabulary. */
  t: TFunction
}

/** English alt texts and titles by the German node they belong to. */
export type AttributeTargets = ReadonlyMap<SegmentAttribute['node'], {alt?: string; title?: string}>

/**
 * Tagged English text → `segment.targetNodes`, with links and placeholders restored by id, and the
 * translated alt texts and titles put on the copies of the images and links they belong to.
 */
export default function restoreTargets(options: Options) {
  const {t} = options
  return function (_tree: unknown, file: VFile): undefined {
    const segments = tandemData(file).segments
    // Alt texts and titles first: the blocks' copies of their images and links carry them.
    for (const segment of segments) {
      if (segment.attribute) segment.targetNodes = segment.target ? restore(segment, file) : []
    }
    const attributes = attributeTargets(segments)
    const clone = (node: PhrasingContent) => cloneWithAttributes(node, attributes)

    for (const segment of segments) {
      if (segment.attribute) continue
      const translated = segment.target ? restore(segment, file, clone) : []
      if (!segment.label) {
        segment.targetNodes = translated
      } else if (segment.kind === 'detail') {
        const label: PhrasingContent = {type: 'strong', children: [{type: 'text', value: `${t(segment.label)}:`}]}
        segment.targetNodes = translated.length > 0 ? [label, {type: 'text', value: ' '}, ...translated] : [label]
      } else {
        segment.targetNodes = [{type: 'text', value: t(segment.label)}]
      }
    }
  }
}

function restore(segment: Segment, file: VFile, clone?: (node: PhrasingContent) => PhrasingContent): PhrasingContent[] {
  const target = segment.target ?? ''
  const options = clone ? {clone} : {}
  const damaged = (damage: Phrase) => {
    fileMessage(file, 'warning', phrase('messages.tag-damage', "the translation's tags are damaged ({{damage}}); kept as plain text", {damage}), segment.position)
    return fromDamagedText(target, segment.placeholders, options)
  }
  let nodes: PhrasingContent[]
  try {
    nodes = fromTaggedText(target, segment.placeholders, options)
  } catch (error) {
    if (!(error instanceof TagError)) throw error
    return damaged(error.phrase)
  }
  // A mark lost or doubled parses fine; only a count against the German shows it.
  for (const tag of ['b', 'i', 's']) {
    const german = countTag(segment.source, tag)
    const english = countTag(target, tag)
    if (german !== english) return damaged(phrase('reasons.tags.count', '`<{{tag}}>` appears {{english}} times where the German has {{german}}', {tag, english, german}))
  }
  return nodes
}

function countTag(tagged: string, tag: string): number {
  return tagged.split(`<${tag}>`).length - 1
}

/** The translated alt texts and titles, from the `alt` and `title` segments. */
export function attributeTargets(segments: readonly Segment[]): AttributeTargets {
  const map = new Map<SegmentAttribute['node'], {alt?: string; title?: string}>()
  for (const segment of segments) {
    if (!segment.attribute || !segment.targetNodes) continue
    const value = segment.targetNodes.map(plainText).join('')
    const entry = map.get(segment.attribute.node) ?? {}
    entry[segment.attribute.name] = value
    map.set(segment.attribute.node, entry)
  }
  return map
}

/** A deep copy of `node` whose images and links carry their English alt texts and titles. */
export function cloneWithAttributes(node: PhrasingContent, attributes: AttributeTargets): PhrasingContent {
  const copy = structuredClone(node)
  const walk = (original: PhrasingContent, target: PhrasingContent) => {
    const english = attributes.get(original as SegmentAttribute['node'])
    if (english) Object.assign(target, english)
    if ('children' in original && 'children' in target) {
      original.children.forEach((child, index) => {
        const twin = target.children[index]
        if (twin) walk(child, twin)
      })
    }
  }
  walk(node, copy)
  return copy
}

/** The string an alt text, a title or a front-matter field is made of again: text, and its template tags. */
export function plainText(node: PhrasingContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'html' && node.data?.templateTag) return node.value
  return 'children' in node ? node.children.map(plainText).join('') : ''
}
