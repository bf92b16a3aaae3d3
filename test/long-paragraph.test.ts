/**
 * A paragraph of megabytes (a pasted document with single line breaks) goes through segmenting,
 * name matching and request planning in one pass each. These tests check the results, never the
 * time: one large paragraph gives what its parts predict, and each rewritten step agrees with the
 * simple (quadratic) one it replaced, kept here as the oracle.
 */
import fc from 'fast-check'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {tandemData} from '../src/core/data.ts'
import {composed, sourceIndex, sourceIndexer} from '../src/core/source-offsets.ts'
import {taggedToPlain} from '../src/core/tagged-text.ts'
import type {GlossaryEntry, Segment} from '../src/core/types.ts'
import {NameMatcher} from '../src/glossary/matcher.ts'
import {createSegmenter} from '../src/pipeline/processor.ts'
import {deeplLimits, encodedSize} from '../src/providers/batch.ts'
import {billedCharacters} from '../src/providers/billing.ts'
import {splitTaggedText} from '../src/providers/plan.ts'
import {sentenceStarts} from '../src/segment/split-sentences.ts'

const entries: GlossaryEntry[] = [
  ['Wolodymyr Selenskyj', 'Volodymyr Zelensky', 'person'],
  ['Selenskyj', 'Zelensky', 'person'],
  ['Kursk', 'Kursk', 'place'],
  ['Charkiw', 'Kharkiv', 'place'],
  ['Huthis', 'Houthis', 'org'],
  ['Vereinte Nationen', 'United Nations', 'org'],
  ['Nordkorea', 'North Korea', 'place']
].map(([de, en, kind], index) => ({de: de as string, en: en as string, kind: kind as GlossaryEntry['kind'], note: '', line: index + 2}))

const segmenter = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title'], matcher: new NameMatcher(entries)})

async function segments(markdown: string): Promise<Segment[]> {
  const file = new VFile({value: markdown, path: '/project/content/de/lang.md', cwd: '/project'})
  await segmenter.run(segmenter.parse(file), file)
  return tandemData(file).segments
}

/**
 * Three lines of one paragraph, with names in several forms, inline code and a link; it ends a sentence.
 * (No emphasis: micromark pairs emphasis with a splice of the whole paragraph each, its own quadratic step.)
 */
const part = [
  'Wolodymyr Selenskyj traf in Charkiw ein. Die Huthis greifen an, sagte Selenskyjs `Sprecher` am 3. Mai.',
  'Der Bericht der Vereinten Nationen nennt Nordkoreas Soldaten in der Kursk-Offensive, vgl. [Quelle](https://example.org/q).',
  'Es gibt z. B. neue Angriffe &amp; Verluste.'
]

describe('a paragraph of megabytes', () => {
  it('gives the segment, matches and places its parts predict', async () => {
    const [heading, one] = await segments(`# Titel\n\n${part.join('\n')}\n`)
    // About 2 MB: the parts one after the other, in one paragraph.
    const copies = Math.ceil(2_000_000 / part.join('\n').length)
    const all = await segments(`# Titel\n\n${Array.from({length: copies}, () => part.join('\n')).join('\n')}\n`)
    expect(all).toHaveLength(2)
    const [allHeading, long] = all as [Segment, Segment]
    if (!one || !heading) throw new Error('no segments')
    expect(allHeading.source).toBe(heading.source)
    expect(one.matches.map((match) => match.text)).toEqual(["Wolodymyr Selenskyj", "Charkiw", "Huthis", "Selenskyjs", "Vereinten Nationen", "Nordkoreas", "Kursk"])

    // Placeholder and link ids count on through the paragraph: the code is 1 and the link 2 in a copy alone.
    const copy = (text: string | undefined, index: number) =>
      (text ?? '').replaceAll('<x id="1"/>', `<x id="${2 * index + 1}"/>`).replaceAll('<a id="2">', `<a id="${2 * index + 2}">`)
    expect(firstDifference(long.source, Array.from({length: copies}, (_, index) => copy(one.source, index)).join(' '))).toBe(-1)
    expect(firstDifference(long.request ?? '', Array.from({length: copies}, (_, index) => copy(one.request, index)).join(' '))).toBe(-1)
    // The same names, each copy `part.length` lines further down.
    const shifted = Array.from({length: copies}, (_, copy) =>
      one.matches.map((match) => ({...match, position: {line: match.position.line + copy * part.length, column: match.position.column}}))
    ).flat()
    expect(long.matches.length).toBe(shifted.length)
    expect(long.matches.findIndex((match, index) => JSON.stringify(match) !== JSON.stringify(shifted[index]))).toBe(-1)

    // Sentences: each copy's, and one more where a copy follows the one before.
    const plainOne = taggedToPlain(one.source)
    const startsOne = sentenceStarts(plainOne)
    const expectedStarts = Array.from({length: copies}, (_, copy) => [
      ...(copy > 0 ? [copy * (plainOne.length + 1)] : []),
      ...startsOne.map((start) => start + copy * (plainOne.length + 1))
    ]).flat()
    const starts = sentenceStarts(taggedToPlain(long.source))
    expect(starts.length).toBe(expectedStarts.length)
    expect(starts.findIndex((start, index) => start !== expectedStarts[index])).toBe(-1)

    // Requests: within DeepL's size, cut between copies or sentences, together the whole text.
    const pieces = splitTaggedText(long.request ?? '', deeplLimits.maxBytes)
    expect(pieces.length).toBeGreaterThan(10)
    expect(pieces.every((piece) => encodedSize(piece) <= deeplLimits.maxBytes)).toBe(true)
    expect(firstDifference(pieces.join(' '), long.request ?? '')).toBe(-1)
    expect(pieces.reduce((sum, piece) => sum + billedCharacters(piece), 0)).toBe(billedCharacters(long.request ?? '') - (pieces.length - 1))
  }, 60_000)
})

describe('splitTaggedText', () => {
  it('cuts where the per-character version did', () => {
    const pieces = ['Satz', ' eins', '. ', 'Zwei', '! ', '<b>', '</b>', '<i>', '</i>', '<x id="1"/>', '<a id="2">', '</a>', ' ', '\n', 'z. B. ', '3. Mai', 'Ende.', '&amp;']
    const tagged = fc.array(fc.constantFrom(...pieces), {maxLength: 120}).map(balanced)
    fc.assert(
      fc.property(tagged, fc.integer({min: 30, max: 200}), (text, maxBytes) => {
        expect(splitTaggedText(text, maxBytes)).toEqual(oracleSplitTaggedText(text, maxBytes))
      }),
      {numRuns: 500}
    )
  })
})

describe('billedCharacters', () => {
  it('counts code points as spreading the string does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('\ud83c', '\udf89', '🎉', '<b>', '</b>', '&amp;')), {maxLength: 30}), (parts) => {
        const text = parts.join('')
        expect(billedCharacters(text)).toBe([...taggedToPlain(text)].length)
      })
    )
  })
})

describe('sourceIndexer', () => {
  it('finds for ascending indices what sourceIndex finds for each', () => {
    const raw = fc.array(fc.constantFrom('a', 'ä', 'b', '\\*', '&amp;', '\n> ', '\n   ', ' ', '*', '_', '🎉'), {maxLength: 60}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(raw, fc.array(fc.nat(70), {maxLength: 12}), (source, indices) => {
        // A value that skips some of the source's characters, as Markdown's escapes and markers do.
        const value = source.replace(/\\|&amp;|\n> |\n {3}|[*_]/g, (found) => (found === '&amp;' ? '&' : found.startsWith('\n') ? '\n' : ''))
        const sorted = [...indices].sort((a, b) => a - b)
        const indexer = sourceIndexer(value, source)
        expect(sorted.map((index) => indexer(index))).toEqual(sorted.map((index) => sourceIndex(value, source, index)))
        expect(sorted.map((index) => oracleSourceIndex(value, source, index))).toEqual(sorted.map((index) => sourceIndex(value, source, index)))
      })
    )
  })
})

describe('composed', () => {
  it('gives the text and the offsets the per-character version gave', () => {
    const pieces = ['a', 'ä', 'a\u0308', 'U\u0308', 'x\u0308', '\u0308', '\u0301\u0308', 'e\u0301', '🎉', '𝔄\u0308', '\u212b', 'ᄀ', 'ᅡ', '\ud800', ' ', 'Tu\u0308rkei']
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 2, unit: 'binary'})), {maxLength: 30}), (parts) => {
        const value = parts.join('')
        const fast = composed(value)
        const oracle = oracleComposed(value)
        expect(fast.text).toBe(oracle.text)
        for (let index = -1; index <= fast.text.length + 1; index++) expect(fast.original(index)).toBe(oracle.original(index))
      }),
      {numRuns: 1000}
    )
  })
})

/** `composed` as it was: an offset per character of the composed text. */
function oracleComposed(value: string): {text: string; original: (index: number) => number} {
  const text = value.normalize('NFC')
  if (text === value) return {text, original: (index) => index}
  const offsets: number[] = []
  let composedText = ''
  for (const cluster of value.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const normal = cluster[0].normalize('NFC')
    for (let k = 0; k < normal.length; k++) offsets.push(cluster.index + (k === 0 ? 0 : cluster[0].length))
    composedText += normal
  }
  offsets.push(value.length)
  return {text: composedText, original: (index) => offsets[index] ?? value.length}
}

/** Where two long strings first differ (-1 when they are the same), so that a failure prints a number, not megabytes. */
function firstDifference(a: string, b: string): number {
  if (a === b) return -1
  let index = 0
  while (index < a.length && a[index] === b[index]) index++
  return index
}

/** Close the elements left open, and drop closing tags that close nothing, as tagged text always is. */
function balanced(parts: string[]): string {
  const open: string[] = []
  let text = ''
  for (const part of parts) {
    const closing = /^<\/(\w+)>$/.exec(part)
    if (closing) {
      if (open.at(-1) !== closing[1]) continue
      open.pop()
    } else {
      const opening = /^<(\w+)[^>]*(?<!\/)>$/.exec(part)
      if (opening?.[1]) open.push(opening[1])
    }
    text += part
  }
  return text + open.reverse().map((name) => `</${name}>`).join('')
}

/** `sourceIndex` as it was: a walk from the start for every index. */
function oracleSourceIndex(value: string, raw: string, index: number): number {
  const findFrom = (character: string, from: number) => {
    const found = raw.slice(from, from + 12).indexOf(character)
    return found === -1 ? from : from + found
  }
  let position = 0
  for (let at = 0; at < index && at < value.length; at++) position = findFrom(value[at] ?? '', position) + 1
  return findFrom(value[index] ?? '', position)
}

/** `splitTaggedText` as it was, with an array entry per character. */
function oracleSplitTaggedText(text: string, maxBytes: number): string[] {
  const offsets: number[] = []
  const depths = new Uint16Array(text.length + 1)
  let plain = ''
  let depth = 0
  let index = 0
  while (index < text.length) {
    depths[index] = depth
    if (text.charAt(index) === '<') {
      const end = text.indexOf('>', index)
      const tag = text.slice(index, end + 1)
      const next = end + 1
      if (tag.startsWith('</')) depth--
      else if (!tag.endsWith('/>')) depth++
      for (let inside = index + 1; inside < next; inside++) depths[inside] = depth
      index = next
      continue
    }
    offsets.push(index)
    plain += text.charAt(index)
    index++
  }
  depths[text.length] = depth
  const cuts: number[] = []
  for (const start of sentenceStarts(plain)) {
    const space = offsets[start - 1]
    const first = offsets[start]
    const before = space !== undefined && /\s/.test(plain.charAt(start - 1)) ? [space + 1] : []
    const cut = (first === undefined ? before : [...before, first]).find((at) => depths[at] === 0)
    if (cut !== undefined) cuts.push(cut)
  }
  const ranges = (list: readonly number[], end: number, start = 0): Array<[number, number]> => {
    const bounds = [start, ...list, end]
    const result: Array<[number, number]> = []
    for (let at = 1; at < bounds.length; at++) if ((bounds[at] ?? end) > (bounds[at - 1] ?? start)) result.push([bounds[at - 1] ?? start, bounds[at] ?? end])
    return result
  }
  const pieces: string[] = []
  for (const [start, end] of ranges(cuts, text.length)) {
    const piece = text.slice(start, end)
    if (encodedSize(piece.trim()) <= maxBytes) {
      pieces.push(piece)
      continue
    }
    const words: number[] = []
    for (let at = start + 1; at < end; at++) {
      if (/\s/.test(text.charAt(at - 1)) && !/\s/.test(text.charAt(at)) && depths[at] === 0) words.push(at)
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
