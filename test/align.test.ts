/**
 * The sentence aligner against hand-written gold links (test/fixtures/align): the seed article and
 * its human English, and paragraph pairs of the Open Source Guides (CC BY 4.0, © GitHub, Inc. and contributors).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {alignSentences, normalCdf, type SentenceLink} from '../src/align/align-sentences.ts'
import * as align from '../src/align/index.ts'
import {splitSentences} from '../src/segment/split-sentences.ts'

interface GoldLink {
  de: string[]
  en: string[]
}

interface GoldFile {
  about: string
  attribution?: string
  paragraphs: Array<{where: string; links: GoldLink[]}>
}

const fixtures = path.join(import.meta.dirname, 'fixtures', 'align')
const gold: Array<{file: string} & GoldFile> = ['seed.json', 'opensource-guide.json'].map((file) => ({
  file,
  ...(JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as GoldFile)
}))

/** A link as the sentences it joins, so that gold and output compare whatever the indices. */
function linkKey(de: readonly string[], en: readonly string[]): string {
  return JSON.stringify([de, en])
}

function keysOf(links: readonly SentenceLink[], de: readonly string[], en: readonly string[]): Set<string> {
  return new Set(links.map((link) => linkKey(link.de.map((index) => de[index] ?? ''), link.en.map((index) => en[index] ?? ''))))
}

/** How many gold links the aligner reproduces exactly; `split` decides how paragraphs become sentences. */
function score(split: (sentences: string[]) => string[]): {right: number; total: number; missed: string[]} {
  let right = 0
  let total = 0
  const missed: string[] = []
  for (const {paragraphs} of gold) {
    for (const paragraph of paragraphs) {
      const de = split(paragraph.links.flatMap((link) => link.de))
      const en = split(paragraph.links.flatMap((link) => link.en))
      const found = keysOf(alignSentences(de, en), de, en)
      for (const link of paragraph.links) {
        total++
        if (found.has(linkKey(link.de, link.en))) right++
        else missed.push(`${paragraph.where}: ${link.de.length}-${link.en.length}`)
      }
    }
  }
  return {right, total, missed}
}

const percent = (right: number, total: number) => ((100 * right) / total).toFixed(1)

describe('gold links', () => {
  it('are at least 30, by hand, with the corpus attribution kept', () => {
    const links = gold.flatMap((file) => file.paragraphs.flatMap((paragraph) => paragraph.links))
    expect(links.length).toBeGreaterThanOrEqual(30)
    expect(links.every((link) => link.de.length + link.en.length > 0)).toBe(true)
    const guide = gold.find((file) => file.file === 'opensource-guide.json')
    expect(guide?.attribution).toContain('© GitHub, Inc. and contributors')
    expect(guide?.attribution).toContain('CC BY 4.0')
    // Not only 1-1: the aligner must be tried on merges and splits too.
    const shapes = new Set(links.map((link) => `${link.de.length}-${link.en.length}`))
    expect([...shapes].sort()).toEqual(['1-1', '1-2', '2-1', '3-1'])
  })

  it('are matched at 90 % or better by the aligner', () => {
    const {right, total, missed} = score((sentences) => sentences)
    console.log(`aligner: ${right} of ${total} gold links right (${percent(right, total)} %); missed: ${missed.join('; ') || 'none'}`)
    expect(right / total).toBeGreaterThanOrEqual(0.9)
  })

  it('are matched at 90 % or better when the paragraphs are split by splitSentences first', () => {
    const {right, total} = score((sentences) => splitSentences(sentences.join(' ')))
    console.log(`splitSentences + aligner: ${right} of ${total} gold links right (${percent(right, total)} %)`)
    expect(right / total).toBeGreaterThanOrEqual(0.9)
  })
})

describe('alignSentences', () => {
  it('aligns a paragraph of thousands of sentences in stretches: every sentence once, in order, without a table of millions', () => {
    const de = Array.from({length: 3000}, (_, index) => `Satz ${index} ${'x'.repeat(10 + (index % 37))}.`)
    const en = de.map((sentence) => sentence.replace('Satz', 'Sentence'))
    const links = alignSentences(de, en)
    expect(links.flatMap((link) => link.de)).toEqual(de.map((_, index) => index))
    expect(links.flatMap((link) => link.en)).toEqual(en.map((_, index) => index))
    // Same lengths, same order: nearly all beads are 1–1, whatever the cuts between stretches.
    expect(links.filter((link) => link.de.length === 1 && link.en.length === 1 && link.de[0] === link.en[0]).length).toBeGreaterThan(2990)
  })

  it('is exported from src/align with the splitter', () => {
    expect(Object.keys(align).sort()).toEqual(['alignSentences', 'splitSentences'])
  })

  it('pairs equal-length sentences one to one', () => {
    expect(alignSentences(['Eins zwei drei.', 'Vier fünf sechs sieben.'], ['One two three.', 'Four five six seven.'])).toEqual([
      {de: [0], en: [0]},
      {de: [1], en: [1]}
    ])
  })

  it('joins two short German sentences to one English sentence (2-1) and the reverse (1-2)', () => {
    const de = ['Keine Sorge!', 'Es gibt viele Möglichkeiten, beizutragen.', 'Die folgenden Tipps helfen Ihnen dabei sehr.']
    const en = ['Not to worry!', 'There are all sorts of ways to get involved, and a few tips will help you a lot.']
    expect(alignSentences(de, en)).toEqual([
      {de: [0], en: [0]},
      {de: [1, 2], en: [1]}
    ])
    expect(alignSentences(en, de)).toEqual([
      {de: [0], en: [0]},
      {de: [1], en: [1, 2]}
    ])
  })

  it('gives a sentence that no bead can take along a bead of its own (1-0, 0-1)', () => {
    // Three sentences against one: a 2-1 bead takes two, the third is left over. (Gale–Church
    // prefers merging a left-over sentence into a neighbour's 2-1 bead whenever one is free.)
    const de = ['Kurz.', 'Dieser zweite Satz ist deutlich länger als der erste und der dritte.', 'Auch kurz.']
    const en = ['This second sentence is clearly longer than the first and the third.']
    expect(alignSentences(de, en)).toEqual([
      {de: [0], en: []},
      {de: [1, 2], en: [0]}
    ])
    expect(alignSentences(en, de)).toEqual([
      {de: [], en: [0]},
      {de: [0], en: [1, 2]}
    ])
  })

  it('handles empty sides', () => {
    expect(alignSentences([], [])).toEqual([])
    expect(alignSentences(['Nur Deutsch.'], [])).toEqual([{de: [0], en: []}])
    expect(alignSentences([], ['Only English.', 'Twice.'])).toEqual([
      {de: [], en: [0]},
      {de: [], en: [1]}
    ])
  })

  it('covers every sentence exactly once, in order, for any lengths', () => {
    const lengths = [3, 40, 120, 7, 66, 15, 250, 1]
    for (let deCount = 0; deCount < 7; deCount++) {
      for (let enCount = 0; enCount < 7; enCount++) {
        const de = Array.from({length: deCount}, (_, index) => 'x'.repeat(lengths[index % lengths.length] ?? 1))
        const en = Array.from({length: enCount}, (_, index) => 'y'.repeat(lengths[(index + 3) % lengths.length] ?? 1))
        const links = alignSentences(de, en)
        expect(links.flatMap((link) => link.de)).toEqual(de.map((_, index) => index))
        expect(links.flatMap((link) => link.en)).toEqual(en.map((_, index) => index))
        expect(links.every((link) => link.de.length <= 2 && link.en.length <= 2 && link.de.length + link.en.length > 0)).toBe(true)
      }
    }
  })

  it('uses a normal distribution close to the tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6)
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 3)
    expect(normalCdf(-1)).toBeCloseTo(0.1587, 3)
  })
})
