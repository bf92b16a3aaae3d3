/**
 * From a block alignment to the English text of each German block: a 1-1 pair's English as it is,
 * a 1-2 pair's two English blocks joined, and a 2-1 pair's English cut between its sentences where the
 * sentence aligner puts the German blocks' boundary, so that a merge becomes two right translations,
 * never one block paired with a text that also translates its neighbour.
 */
import type {PhrasingContent} from 'mdast'
import {normalizeTaggedText, taggedToPlain} from '../core/tagged-text.ts'
import type {Placeholder, Segment} from '../core/types.ts'
import {sentenceStarts, splitSentences} from '../segment/split-sentences.ts'
import {alignSentences} from './align-sentences.ts'
import type {BlockLink} from './align-blocks.ts'
import {normalizeUrl} from './block-anchors.ts'

/** The English of one German block, as the alignment found it. */
export interface AlignedTarget {
  /** German block index. */
  de: number
  /** English blocks it comes from. */
  en: number[]
  /** Tagged English text whose ids are those of the German block's placeholders; empty when there is a problem. */
  target: string
  /** The confidence of the bead it comes from. */
  confidence: number
  /** Why it must not be stored: contradicting anchors, links or code that do not map, no sentence boundary. */
  problems: string[]
}

/** The English for every German block in a paired bead (blocks without English get none). */
export function alignedTargets(de: readonly Segment[], en: readonly Segment[], links: readonly BlockLink[]): AlignedTarget[] {
  const targets: AlignedTarget[] = []
  for (const link of links) {
    if (link.de.length === 0 || link.en.length === 0) continue
    const germans = link.de.map((index) => de[index] as Segment)
    const englishes = link.en.map((index) => en[index] as Segment)
    const base = {en: link.en, confidence: link.confidence}
    if (germans.length === 1) {
      const [german] = germans as [Segment]
      const pieces = englishes.map((segment) => ({text: segment.source, placeholders: segment.placeholders}))
      targets.push(finish({...base, de: link.de[0] as number}, german, pieces, link.conflicts))
      continue
    }
    // 2-1: the English block's sentences, shared between the German blocks at their boundary.
    const [english] = englishes as [Segment]
    const split = splitAtGermanBoundary(germans, english)
    link.de.forEach((index, position) => {
      const german = germans[position] as Segment
      const sentences = split?.[position]
      const problems = [...link.conflicts]
      if (!split) problems.push('the English does not divide between the German blocks at a sentence boundary')
      else if (sentences?.length === 0) problems.push('no English sentence translates this block')
      targets.push(finish({...base, de: index}, german, sentences && sentences.length > 0 ? [{text: sentences.join(' '), placeholders: english.placeholders}] : [], problems))
    })
  }
  return targets
}

interface Piece {
  text: string
  placeholders: readonly Placeholder[]
}

function finish(base: Omit<AlignedTarget, 'target' | 'problems'>, german: Segment, pieces: readonly Piece[], known: readonly string[]): AlignedTarget {
  const problems = [...known]
  if (german.source === '') problems.push('the German block is controlled vocabulary, not translated text')
  if (problems.length > 0 || pieces.length === 0) return {...base, target: '', problems}
  let retagged = retag(pieces, german.placeholders)
  if (typeof retagged !== 'string') return {...base, target: '', problems: [retagged.problem]}
  for (const tag of ['b', 'i', 's']) {
    const germanCount = countTag(german.source, tag)
    // Emphasis the translator added: the words are kept, the mark goes (the build restores marks by the German's count).
    if (germanCount === 0) retagged = normalizeTaggedText(retagged.replace(new RegExp(`</?${tag}>`, 'g'), ''))
    const englishCount = countTag(retagged, tag)
    if (germanCount !== englishCount) {
      return {...base, target: '', problems: [`\`<${tag}>\` appears ${englishCount} times in the English and ${germanCount} in the German`]}
    }
  }
  return {...base, target: retagged, problems}
}

/**
 * English pieces' tagged text with each `<a id>` and `<x id/>` renumbered to the German placeholder
 * it stands for: the same link target or code first, else the next unused one of its kind.
 * Every German placeholder must be used exactly once, as the build restores them.
 */
export function retag(pieces: readonly Piece[], german: readonly Placeholder[]): string | {problem: string} {
  const germanPrints = german.map(fingerprint)
  const used = new Set<number>()
  const uses = pieces.map((piece) => [...piece.text.matchAll(/<(a|x) id="(\d+)"/g)].map((match) => ({tag: match[1] as string, id: Number(match[2])})))
  const mapping = pieces.map(() => new Map<number, number>())
  const pick = (find: (index: number) => boolean) => {
    const index = german.findIndex((_, candidate) => !used.has(candidate) && find(candidate))
    if (index !== -1) used.add(index)
    return index
  }
  for (const exact of [true, false]) {
    pieces.forEach((piece, pieceIndex) => {
      for (const {tag, id} of uses[pieceIndex] ?? []) {
        const map = mapping[pieceIndex] as Map<number, number>
        if (map.has(id)) continue
        const placeholder = piece.placeholders[id - 1]
        if (!placeholder) continue
        const print = fingerprint(placeholder)
        const index = pick((candidate) => german[candidate]?.tag === tag && (!exact || germanPrints[candidate] === print))
        if (index !== -1) map.set(id, index + 1)
      }
    })
  }
  // A link within the page that the German lacks ("see below"): its words stay, the link goes, as the build
  // restores only the German's links. Any other English link or code without a German counterpart is a problem.
  const dropped = pieces.map(() => new Set<number>())
  for (const [pieceIndex, list] of uses.entries()) {
    for (const {tag, id} of list) {
      if (mapping[pieceIndex]?.has(id)) continue
      if (tag === 'a' && withinPage(pieces[pieceIndex]?.placeholders[id - 1])) dropped[pieceIndex]?.add(id)
      else return {problem: `the English \`<${tag} id="${id}">\` has no German counterpart`}
    }
  }
  if (used.size !== german.length) return {problem: `the German has ${german.length} links or placeholders, the English ${used.size} of them`}
  const text = pieces
    .map((piece, pieceIndex) =>
      unlink(piece.text, dropped[pieceIndex] ?? new Set()).replace(/<(a|x) id="(\d+)"/g, (_, tag: string, id: string) => `<${tag} id="${mapping[pieceIndex]?.get(Number(id))}"`)
    )
    .join(' ')
  return normalizeTaggedText(text)
}

/** Whether a placeholder is a link to a place on the same page (`#section`). */
function withinPage(placeholder: Placeholder | undefined): boolean {
  return placeholder?.tag === 'a' && placeholder.node.type === 'link' && placeholder.node.url.startsWith('#')
}

/** Tagged text without the `<a>` elements whose ids are in `ids`, their content kept (links do not nest). */
function unlink(tagged: string, ids: ReadonlySet<number>): string {
  if (ids.size === 0) return tagged
  let open = false
  return tagged.replace(/<a id="(\d+)">|<\/a>/g, (tag, id: string | undefined) => {
    if (id !== undefined) {
      open = ids.has(Number(id))
      return open ? '' : tag
    }
    if (!open) return tag
    open = false
    return ''
  })
}

/** What a placeholder stands for, so that the same link or code is found on both sides. */
function fingerprint(placeholder: Placeholder): string {
  if (placeholder.tag === 'a') {
    const node = placeholder.node
    return node.type === 'link' ? `a ${normalizeUrl(node.url)}` : `ref ${node.identifier}`
  }
  const print = (node: PhrasingContent): string => {
    if (node.type === 'text') return node.value.trim() === '' ? '' : `t ${node.value}`
    if (node.type === 'link' || node.type === 'image') return `${node.type} ${normalizeUrl(node.url)}`
    if ('value' in node) return `${node.type} ${node.value}`
    return 'children' in node ? node.children.map(print).join('') : node.type
  }
  return placeholder.nodes.map(print).join('|')
}

/**
 * A 2-1 bead's English sentences for each German block: the sentence aligner over both blocks'
 * sentences, cut where its beads pass the German boundary. Undefined when a bead straddles it.
 */
function splitAtGermanBoundary(germans: readonly Segment[], english: Segment): string[][] | undefined {
  const germanSentences = germans.map((segment) => splitSentences(taggedToPlain(segment.source)))
  const boundary = germanSentences[0]?.length ?? 0
  const englishSentences = taggedSentences(english.source)
  const links = alignSentences(
    germanSentences.flat(),
    englishSentences.map((sentence) => taggedToPlain(sentence))
  )
  const first: string[] = []
  const second: string[] = []
  for (const link of links) {
    const before = link.de.every((index) => index < boundary)
    const after = link.de.every((index) => index >= boundary)
    if (!before && !after) return undefined
    // A bead without German goes with the block before it, unless no German sentence came yet.
    const side = link.de.length === 0 ? (second.length > 0 || first.length === 0 && boundary === 0 ? second : first) : before ? first : second
    side.push(...link.en.map((index) => englishSentences[index] ?? ''))
  }
  return [first, second]
}

/**
 * Tagged text cut into sentences without cutting a tag pair: the breaks of the plain text, moved
 * back to the tagged text, and kept only where no `<a>`, `<b>`, `<i>` or `<s>` is open.
 */
export function taggedSentences(tagged: string): string[] {
  // Plain text with each of its characters' offsets in the tagged text.
  let plain = ''
  const offsets: number[] = []
  const depthAt: number[] = []
  let depth = 0
  for (let index = 0; index < tagged.length; ) {
    const character = tagged[index] as string
    if (character === '<') {
      const end = tagged.indexOf('>', index)
      const tag = tagged.slice(index, end + 1)
      if (!tag.endsWith('/>')) depth += tag.startsWith('</') ? -1 : 1
      index = end + 1
      continue
    }
    const entity = character === '&' ? /^&(?:#\d+|#x[\da-f]+|\w+);/i.exec(tagged.slice(index)) : null
    const text = entity ? taggedToPlain(entity[0]) : character
    for (const piece of text) {
      plain += piece
      offsets.push(index)
      depthAt.push(depth)
    }
    index += entity ? entity[0].length : 1
  }
  const cuts = sentenceStarts(plain)
    .filter((start) => (depthAt[start - 1] ?? 0) === 0)
    // After the space that ends the sentence before: tags opening the next sentence go with it.
    .map((start) => (offsets[start - 1] ?? 0) + 1)
  const sentences: string[] = []
  let last = 0
  for (const cut of [...cuts, tagged.length]) {
    const sentence = tagged.slice(last, cut).trim()
    if (sentence !== '') sentences.push(sentence)
    last = cut
  }
  return sentences
}

function countTag(tagged: string, tag: string): number {
  return tagged.split(`<${tag}>`).length - 1
}
