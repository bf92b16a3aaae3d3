import {taggedToPlain} from '../core/tagged-text.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import {sha256} from '../core/hash.ts'
import {sentenceStarts} from '../segment/split-sentences.ts'
import type {Revision, Segment} from '../core/types.ts'
import {charactersPerToken, encodedSize, estimatedTokens, fitsAlone, glossaryTokens, pieceBytes, splitIntoBatches} from './batch.ts'
import {billedCharacters} from './billing.ts'
import type {BatchLimits, NamePair, TranslationRequest} from './provider.ts'
import {lastAtOrBefore} from '../core/partition-point.ts'

/**
 * What one file sends: its memory misses, batched within the provider's limits. The build sends
 * exactly this plan and `tandem build --dry-run` counts it, so the two always agree.
 */

/** A segment the memory lacks. */
export interface Miss {
  /** Memory key. */
  key: string
  /** German tagged text, as the memory records it. */
  source: string
  /** What is sent: the source with glossary names protected. */
  text: string
  /** Plain German text of the segments before and after, for DeepL's unbilled `context`. */
  before: string
  after: string
  /** Glossary entries matched in it, each once: an LLM's prompt lists them. */
  glossary?: NamePair[]
  /** A human translation of its earlier German, to be revised rather than replaced (`Segment.revise`). */
  revise?: Revision
  /**
   * The only miss of a file whose other segments are translated (an edited paragraph): sent in a request of its
   * own, with its neighbours as DeepL's `context`, which only a single-text request can carry. Other misses are
   * packed across files.
   */
  alone?: boolean
}

/** One piece of a segment too large for one request; its answer is kept in the memory until the segment is whole. */
export interface Part {
  key: string
  /** The segment's memory key. */
  of: string
  index: number
  count: number
  text: string
}

export interface Plan {
  /** One request each, in order. Request ids are segment keys, or part keys for a segment sent in parts. */
  batches: TranslationRequest[][]
  /** Segments sent in parts: segment key → every part, in order (those already in the memory included). */
  parts: Map<string, Part[]>
  /** What the provider will bill for `batches`. */
  billedCharacters: number
  /** Estimated LLM tokens for `batches` (`estimatedTokens`, plus `limits.promptTokens` per request): what a dry run prices. */
  tokens: {input: number; output: number}
}

/** Context sent with a request: a little of what comes before and after, within DeepL's request size. */
const contextCharacters = 1000
const contextMaxBytes = 4 * 1024

/** The segments of a file the memory lacks, each key once, in source order, with their neighbours. */
export function collectMisses(segments: readonly Segment[], memory: TranslationMemory): Miss[] {
  const text = segments.filter((segment) => segment.source !== '')
  const misses = new Map<string, Miss>()
  for (const [index, segment] of text.entries()) {
    if (segment.target !== undefined || misses.has(segment.key) || memory.get(segment.key)) continue
    const glossary = new Map(segment.matches.map((match) => [match.de, {de: match.de, en: match.en}]))
    misses.set(segment.key, {
      key: segment.key,
      source: segment.source,
      text: segment.request ?? segment.source,
      before: taggedToPlain(text[index - 1]?.source ?? ''),
      after: taggedToPlain(text[index + 1]?.source ?? ''),
      ...(glossary.size > 0 ? {glossary: [...glossary.values()]} : {}),
      ...(segment.revise ? {revise: segment.revise} : {})
    })
  }
  return [...misses.values()]
}

/**
 * Batches for `misses`: whole segments packed greedily (50 texts, 128 KiB), and a segment over the size limit
 * split at sentence boundaries into parts that go one per request. Parts `stored` already are not sent again.
 * A request that carries a single text carries its neighbours as context, which costs nothing and adds no request.
 */
export function planRequests(misses: readonly Miss[], limits: BatchLimits, stored: (key: string) => boolean = () => false): Plan {
  const whole: TranslationRequest[] = []
  const neighbours = new Map<string, Miss>()
  const parts = new Map<string, Part[]>()
  const partBatches: TranslationRequest[][] = []
  const solo: TranslationRequest[][] = []
  for (const miss of misses) {
    const glossary = miss.glossary ? {glossary: miss.glossary} : {}
    if (fitsAlone(miss.text, limits)) {
      if (miss.revise) {
        // Alone, with the editor's English as DeepL's `context`: it belongs to the whole request.
        const context = taggedToPlain(miss.revise.target)
        const fits = encodedSize(context) <= contextMaxBytes
        solo.push([{id: miss.key, text: miss.text, ...glossary, revise: miss.revise, ...(fits ? {context} : {})}])
      } else if (miss.alone) {
        solo.push([{id: miss.key, text: miss.text, ...glossary, ...contextOf(miss.before, miss.after)}])
      } else {
        whole.push({id: miss.key, text: miss.text, ...glossary})
      }
      neighbours.set(miss.key, miss)
      continue
    }
    const texts = splitTaggedText(miss.text, pieceBytes(limits))
    const count = texts.length
    const list = texts.map((text, index) => ({key: partKey(miss.key, index, count, text), of: miss.key, index, count, text}))
    parts.set(miss.key, list)
    for (const part of list) {
      if (stored(part.key)) continue
      const before = part.index === 0 ? miss.before : taggedToPlain(texts[part.index - 1] ?? '')
      const after = part.index === list.length - 1 ? miss.after : taggedToPlain(texts[part.index + 1] ?? '')
      // A piece carries the entries whose protected English it holds.
      const names = (miss.glossary ?? []).filter((entry) => part.text.includes(entry.en))
      partBatches.push([{id: part.key, text: part.text, ...(names.length > 0 ? {glossary: names} : {}), ...contextOf(before, after)}])
    }
  }
  const batches = splitIntoBatches(whole, limits).map((batch): TranslationRequest[] => {
    const [only] = batch
    const miss = only && batch.length === 1 ? neighbours.get(only.id) : undefined
    return only && miss ? [{...only, ...contextOf(miss.before, miss.after)}] : batch
  })
  const all = [...solo, ...batches, ...partBatches]
  const billed = all.flat().reduce((sum, request) => sum + billedCharacters(request.text), 0)
  return {batches: all, parts, billedCharacters: billed, tokens: batchTokens(all, limits)}
}

/** Estimated tokens of each request: the fixed prompt, every item, the glossary once and the context; the answer's items. */
export function requestTokens(batch: readonly TranslationRequest[], limits: Pick<BatchLimits, 'promptTokens'>): {input: number; output: number} {
  const entries = new Map(batch.flatMap((request) => request.glossary ?? []).map((entry) => [entry.de, entry]))
  const context = batch[0]?.context
  const shared = context !== undefined && batch.every((request) => request.context === context)
  let input = (limits.promptTokens ?? 0) + [...entries.values()].reduce((sum, entry) => sum + glossaryTokens(entry), 0)
  if (shared) input += Math.ceil(context.length / charactersPerToken)
  let output = 0
  for (const request of batch) {
    const tokens = estimatedTokens(request.text)
    if (request.revise) input += Math.ceil((request.revise.source.length + request.revise.target.length) / charactersPerToken)
    input += tokens.input
    output += tokens.output
  }
  return {input, output}
}

function batchTokens(batches: readonly TranslationRequest[][], limits: BatchLimits): {input: number; output: number} {
  const total = {input: 0, output: 0}
  for (const batch of batches) {
    const tokens = requestTokens(batch, limits)
    total.input += tokens.input
    total.output += tokens.output
  }
  return total
}

/** Memory key of a part: the segment's key, its place, and its text. */
export function partKey(of: string, index: number, count: number, text: string): string {
  return sha256(['tandem-part-1', of, `${index + 1}/${count}`, text].join('\n'))
}

/**
 * Split tagged text into pieces of at most `maxBytes` (form-encoded), at German sentence boundaries that lie
 * outside every element, so each piece is well-formed and the translations joined with a space are the whole.
 * A sentence longer than the limit is split between words; a single word longer than it goes alone.
 */
export function splitTaggedText(text: string, maxBytes: number): string[] {
  const {plain, offset, depth} = stripTags(text)
  const cuts: number[] = []
  for (const start of sentenceStarts(plain)) {
    const cut = cutsBefore(plain, offset, start).find((at) => depth(at) === 0)
    if (cut !== undefined) cuts.push(cut)
  }
  const pieces: string[] = []
  for (const [start, end] of ranges(cuts, text.length)) {
    const piece = text.slice(start, end)
    if (encodedSize(piece.trim()) <= maxBytes) {
      pieces.push(piece)
      continue
    }
    // No sentence boundary helps: fall back to the spaces between words, outside elements.
    const words: number[] = []
    for (let index = start + 1; index < end; index++) {
      if (/\s/.test(text.charAt(index - 1)) && !/\s/.test(text.charAt(index)) && depth(index) === 0) words.push(index)
    }
    for (const [from, to] of ranges(words, end, start)) pieces.push(text.slice(from, to))
  }
  const chunks: string[] = []
  let chunk = ''
  let size = 0
  for (const piece of pieces) {
    const pieceSize = encodedSize(piece) - encodedSize('')
    if (chunk !== '' && size + pieceSize + encodedSize('') > maxBytes) {
      chunks.push(chunk.trim())
      chunk = ''
      size = 0
    }
    chunk += piece
    size += pieceSize
  }
  if (chunk.trim() !== '') chunks.push(chunk.trim())
  return chunks
}

interface Stripped {
  /** The text without its tags. */
  plain: string
  /** Where plain character `index` stands in the text. */
  offset: (index: number) => number | undefined
  /** How many elements are open at `text[index]`: a tag's `<` counts as before it, the rest of the tag as after. */
  depth: (index: number) => number
}

/**
 * Tags removed. The places are kept per tag, not per character, and found by binary search:
 * a segment of megabytes has few tags, and an array per character would cost its size many times over.
 */
function stripTags(text: string): Stripped {
  // The runs of text between tags: where each starts in `plain` and in `text`.
  const runPlain: number[] = []
  const runText: number[] = []
  // The tags: where each starts and ends in `text`, and the elements open before and after it.
  const tagStart: number[] = []
  const tagEnd: number[] = []
  const tagBefore: number[] = []
  const tagAfter: number[] = []
  let plain = ''
  let depth = 0
  let run = 0
  for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', run)) {
    const end = text.indexOf('>', index)
    // A `<` that opens no tag is text (tagged text escapes its own, so this is only ever bad input).
    if (end === -1) break
    if (index > run) {
      runPlain.push(plain.length)
      runText.push(run)
      plain += text.slice(run, index)
    }
    const tag = text.slice(index, end + 1)
    tagStart.push(index)
    tagEnd.push(end + 1)
    tagBefore.push(depth)
    if (tag.startsWith('</')) depth--
    else if (!tag.endsWith('/>')) depth++
    tagAfter.push(depth)
    run = end + 1
  }
  if (run < text.length) {
    runPlain.push(plain.length)
    runText.push(run)
    plain += text.slice(run)
  }
  return {
    plain,
    offset(index) {
      if (index < 0 || index >= plain.length) return undefined
      const at = lastAtOrBefore(runPlain, index)
      return (runText[at] ?? 0) + index - (runPlain[at] ?? 0)
    },
    depth(index) {
      const at = lastAtOrBefore(tagStart, index)
      if (at === -1) return 0
      return index === tagStart[at] ? (tagBefore[at] ?? 0) : (tagAfter[at] ?? 0)
    }
  }
}


/**
 * Where in the tagged text a sentence starting at plain offset `start` may begin: just after the space before it
 * (so that an element opening the sentence goes with it), else at its first character (after a closing tag).
 */
function cutsBefore(plain: string, offset: Stripped['offset'], start: number): number[] {
  const space = offset(start - 1)
  const first = offset(start)
  const cuts = space !== undefined && /\s/.test(plain.charAt(start - 1)) ? [space + 1] : []
  return first === undefined ? cuts : [...cuts, first]
}

/** `[from, to)` pairs between `start`, each cut, and `end`. */
function ranges(cuts: readonly number[], end: number, start = 0): Array<[number, number]> {
  const bounds = [start, ...cuts, end]
  const result: Array<[number, number]> = []
  for (let index = 1; index < bounds.length; index++) {
    const from = bounds[index - 1] ?? start
    const to = bounds[index] ?? end
    if (to > from) result.push([from, to])
  }
  return result
}

/** Tagged text as a reader sees it: no tags, entities decoded. */

/** DeepL's `context` for a text between `before` and `after`, cut at word boundaries to stay small. */
function contextOf(before: string, after: string): {context?: string} {
  for (let budget = contextCharacters; budget >= 50; budget = Math.floor(budget / 2)) {
    const context = [tail(before, budget), head(after, budget)].filter(Boolean).join('\n\n')
    if (context === '') return {}
    if (encodedSize(context) <= contextMaxBytes) return {context}
  }
  return {}
}

function tail(text: string, characters: number): string {
  if (text.length <= characters) return text
  const cut = text.slice(-characters)
  return cut.slice(cut.search(/\s/) + 1)
}

function head(text: string, characters: number): string {
  if (text.length <= characters) return text
  const cut = text.slice(0, characters)
  const space = cut.lastIndexOf(' ')
  return space > 0 ? cut.slice(0, space) : cut
}
