import type {PhrasingContent} from 'mdast'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {Placeholder, Segment} from '../core/types.ts'

/**
 * What a block says that a translation keeps as it is: link targets, inline code, numbers and the
 * glossary's names. Two blocks that share them are likely a pair; two whose anchors differ never are.
 */
export interface BlockAnchors {
  urls: ReadonlySet<string>
  code: ReadonlySet<string>
  numbers: ReadonlySet<string>
  /** English forms of glossary names (the German side's matches; found in the English side's text). */
  names: ReadonlySet<string>
}

export interface AnchorKinds {
  urls: string
  code: string
  numbers: string
  names: string
}

const anchorKinds = ['urls', 'code', 'numbers', 'names'] as const satisfies ReadonlyArray<keyof BlockAnchors>

/** A glossary entry as the aligner needs it: its English form is looked for in English blocks. */
export interface AnchorName {
  de: string
  en: string
}

/** Anchors of a German block: its glossary matches name the English forms to expect. */
export function germanAnchors(segment: Segment): BlockAnchors {
  return {...commonAnchors(segment), names: new Set(segment.matches.map((match) => match.en))}
}

/** Anchors of an English block: which of the glossary's English forms its text contains. */
export function englishAnchors(segment: Segment, names: readonly AnchorName[]): BlockAnchors {
  const text = taggedToPlain(segment.source)
  const found = new Set<string>()
  for (const name of names) if (containsWord(text, name.en)) found.add(name.en)
  return {...commonAnchors(segment), names: found}
}

function commonAnchors(segment: Segment): Omit<BlockAnchors, 'names'> {
  const urls = new Set<string>()
  const code = new Set<string>()
  for (const placeholder of segment.placeholders) collect(placeholder, urls, code)
  return {urls, code, numbers: numbersIn(taggedToPlain(segment.source))}
}

/**
 * A link target as both editions write it: lower-case host, no fragment (headings' ids are
 * translated), no trailing slash, and a language folder (`/de/`) removed.
 */
export function normalizeUrl(url: string): string {
  let value = url.trim().replace(/#.*$/, '')
  value = value.replace(/^(https?:\/\/[^/]+)/i, (host) => host.toLowerCase()).replace(/^https?:\/\/(www\.)?/i, '//')
  value = value.replace(/(^|\/)de(\/|$)/, '$1').replace(/\/+$/, '')
  return value
}

/**
 * Numbers written with digits, their group and decimal marks removed, so that German `1.000` and
 * English `1,000` agree. A lone digit is left out: German and English both often write it as a word.
 */
export function numbersIn(text: string): Set<string> {
  const found = new Set<string>()
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const digits = match[0].replace(/[.,]/g, '')
    if (digits.length > 1) found.add(digits)
  }
  return found
}

function collect(placeholder: Placeholder, urls: Set<string>, code: Set<string>): void {
  if (placeholder.tag === 'a') {
    if (placeholder.node.type === 'link') addUrl(urls, placeholder.node.url)
    return
  }
  const walk = (node: PhrasingContent) => {
    if (node.type === 'inlineCode') code.add(node.value)
    if (node.type === 'link' || node.type === 'image') addUrl(urls, node.url)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  for (const node of placeholder.nodes) walk(node)
}

/** A link target as an anchor; an empty one (`[x]()`, `#`) says nothing. */
function addUrl(urls: Set<string>, url: string): void {
  const normalized = normalizeUrl(url)
  if (normalized !== '') urls.add(normalized)
}

/** Whether `word` occurs in `text` between non-letters (an English possessive counts). */
function containsWord(text: string, word: string): boolean {
  let from = text.indexOf(word)
  while (from !== -1) {
    const before = text[from - 1] ?? ''
    const after = text[from + word.length] ?? ''
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true
    from = text.indexOf(word, from + 1)
  }
  return false
}

/** The union of several blocks' anchors (the German or English side of a 2-1 or 1-2 bead). */
export function unionAnchors(list: readonly BlockAnchors[]): BlockAnchors {
  const union = (kind: keyof BlockAnchors) => new Set(list.flatMap((anchors) => [...anchors[kind]]))
  return {urls: union('urls'), code: union('code'), numbers: union('numbers'), names: union('names')}
}

export interface AnchorComparison {
  /** Anchors on both sides. */
  shared: number
  /** Anchors on one side only. */
  oneSided: number
  /** What one side has and the other lacks, for the user: "URL `…` only in English". */
  conflicts: string[]
}

const labels: AnchorKinds = {urls: 'link', code: 'code', numbers: 'number', names: 'name'}

/**
 * Shared and one-sided anchors of a German and an English side. URLs, code and numbers that only one
 * side has are conflicts: such a pair is never stored. A name only one side has is not, since a
 * translation may say "he" where the original names him.
 */
export function compareAnchors(de: BlockAnchors, en: BlockAnchors): AnchorComparison {
  let shared = 0
  let oneSided = 0
  const conflicts: string[] = []
  for (const kind of anchorKinds) {
    for (const value of de[kind]) {
      if (en[kind].has(value)) shared++
      else {
        oneSided++
        if (kind !== 'names') conflicts.push(`${labels[kind]} \`${value}\` only in German`)
      }
    }
    for (const value of en[kind]) {
      if (de[kind].has(value)) continue
      oneSided++
      if (kind !== 'names') conflicts.push(`${labels[kind]} \`${value}\` only in English`)
    }
  }
  return {shared, oneSided, conflicts}
}

const englishWords = new Set(['the', 'and', 'of', 'to', 'is', 'that', 'you', 'your', 'it', 'for', 'with', 'was', 'are', 'this', 'be', 'on', 'not', 'we', 'they', 'have', 'what', 'when'])
const germanWords = new Set(['der', 'die', 'das', 'und', 'ist', 'nicht', 'sie', 'ich', 'wir', 'mit', 'für', 'auf', 'ein', 'eine', 'zu', 'den', 'dem', 'es', 'von', 'sich', 'dass', 'wenn', 'auch', 'oder'])

/**
 * Whether a block of the German file is English: a quote kept in its original language next to its
 * translation. Its function words tell (at least three English ones, over twice the German ones).
 */
export function writtenInEnglish(text: string): boolean {
  let english = 0
  let german = 0
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (englishWords.has(word)) english++
    else if (germanWords.has(word)) german++
  }
  return english >= 3 && english > 2 * german
}

/**
 * A block's cognate stems, after Simard, Foster and Isabelle (1992), "Using cognates to align sentences":
 * words of four letters or more cut to their first four, so that German "Dokumentation" and English
 * "documentation" meet. Accents go, ß is ss, and k and z are c, as German spells the Latin words English keeps.
 */
export function cognateStems(text: string): Set<string> {
  const stems = new Set<string>()
  for (const word of text.match(/\p{L}[\p{L}\p{N}]*/gu) ?? []) {
    if (word.length < 4) continue
    const folded = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/[kz]/g, 'c')
    stems.add(folded.slice(0, 4))
  }
  return stems
}

/** Dice's coefficient of two sets: 2 |A ∩ B| / (|A| + |B|), 0 when either is empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const value of a) if (b.has(value)) shared++
  return (2 * shared) / (a.size + b.size)
}
