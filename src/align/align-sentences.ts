import {DEFAULTS} from '../core/defaults.ts'
/**
 * Length-based sentence alignment in the manner of Gale & Church (1993), "A Program for Aligning
 * Sentences in Bilingual Corpora": a translation's sentences are about as long as their source's,
 * so dynamic programming over character lengths finds the most probable sequence of beads.
 */

/** One bead: German sentence indices and the English sentence indices that translate them (either may be empty). */
export interface SentenceLink {
  de: number[]
  en: number[]
}

export interface AlignOptions {
  /**
   * English characters per German character (default: `0.9`; German runs about a tenth longer).
   * A fixed ratio, as Gale and Church used (they took 1): a paragraph's own ratio would be skewed
   * by the very omissions that 1-0 and 0-1 beads are there to find.
   */
  ratio?: number
}

/** The bead shapes and their prior probabilities (Gale and Church's, Table 5; 2-2 is not used). */
const beads: ReadonlyArray<{de: number; en: number; prior: number}> = [
  {de: 1, en: 1, prior: 0.89},
  {de: 2, en: 1, prior: 0.0445},
  {de: 1, en: 2, prior: 0.0445},
  {de: 1, en: 0, prior: 0.0099 / 2},
  {de: 0, en: 1, prior: 0.0099 / 2}
]

/** Variance of the English length per German character (Gale and Church's s², measured on their corpus). */
const varianceRate = 6.8

/** Above this many cells the table of the dynamic programme is not built whole: a paragraph is aligned in stretches. */
const maxCells = 1_000_000

/**
 * Align two paragraphs' sentences; every sentence is in exactly one bead, and beads are in order. A very long
 * paragraph (a pasted document: thousands of sentences on each side) is cut into stretches of proportional
 * length on both sides, each aligned on its own, so that time and memory stay linear in its length; a bead
 * across a cut is lost, which costs a highlight in the reader, never a sentence.
 */
export function alignSentences(de: readonly string[], en: readonly string[], options: AlignOptions = {}): SentenceLink[] {
  if ((de.length + 1) * (en.length + 1) <= maxCells) return alignWhole(de, en, options)
  const stretches = Math.ceil(Math.max(de.length, en.length) / Math.floor(Math.sqrt(maxCells) - 1))
  const links: SentenceLink[] = []
  for (let stretch = 0; stretch < stretches; stretch++) {
    const [deFrom, deTo] = [Math.round((stretch * de.length) / stretches), Math.round(((stretch + 1) * de.length) / stretches)]
    const [enFrom, enTo] = [Math.round((stretch * en.length) / stretches), Math.round(((stretch + 1) * en.length) / stretches)]
    for (const link of alignWhole(de.slice(deFrom, deTo), en.slice(enFrom, enTo), options)) {
      links.push({de: link.de.map((index) => index + deFrom), en: link.en.map((index) => index + enFrom)})
    }
  }
  return links
}

function alignWhole(de: readonly string[], en: readonly string[], options: AlignOptions): SentenceLink[] {
  const deLengths = de.map(characterCount)
  const enLengths = en.map(characterCount)
  const ratio = options.ratio ?? DEFAULTS.align.ratio
  const rows = de.length + 1
  const columns = en.length + 1
  // cost[i][j]: the cheapest alignment of the first i German and j English sentences; `via` its last bead.
  const cost: number[] = new Array(rows * columns).fill(Number.POSITIVE_INFINITY)
  const via: number[] = new Array(rows * columns).fill(-1)
  cost[0] = 0
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (i === 0 && j === 0) continue
      let best = Number.POSITIVE_INFINITY
      let bestBead = -1
      for (const [index, bead] of beads.entries()) {
        if (bead.de > i || bead.en > j) continue
        const before = cost[(i - bead.de) * columns + (j - bead.en)] ?? Number.POSITIVE_INFINITY
        if (before === Number.POSITIVE_INFINITY) continue
        const total = before + beadCost(sum(deLengths, i - bead.de, i), sum(enLengths, j - bead.en, j), bead.prior, ratio)
        // Strictly less: on a tie the earlier (more probable) shape wins, so the result is deterministic.
        if (total < best) {
          best = total
          bestBead = index
        }
      }
      cost[i * columns + j] = best
      via[i * columns + j] = bestBead
    }
  }

  const links: SentenceLink[] = []
  let i = de.length
  let j = en.length
  while (i > 0 || j > 0) {
    const bead = beads[via[i * columns + j] ?? -1]
    if (!bead) throw new Error(`no alignment reaches ${i}:${j}`)
    links.push({de: range(i - bead.de, i), en: range(j - bead.en, j)})
    i -= bead.de
    j -= bead.en
  }
  return links.reverse()
}

/**
 * −log P(bead) · P(δ | bead), where δ is how far the English length is from the expected one,
 * in standard deviations, and P(δ) the two-tailed probability of a normal deviate that large.
 */
function beadCost(deLength: number, enLength: number, prior: number, ratio: number): number {
  return -Math.log(prior) + lengthCost(deLength, enLength, ratio, varianceRate)
}

/**
 * −log P(δ): how unlikely it is that `enLength` English characters translate `deLength` German ones,
 * given the expected `ratio` and the variance per German character (`variance`).
 */
export function lengthCost(deLength: number, enLength: number, ratio: number, variance: number): number {
  // The mean of the two lengths in German characters, as in Gale and Church's program, so that 0-1 beads have a variance too.
  const mean = (deLength + enLength / ratio) / 2
  const delta = mean === 0 ? 0 : (enLength - deLength * ratio) / Math.sqrt(variance * mean)
  const tail = 2 * (1 - normalCdf(Math.abs(delta)))
  return -Math.log(Math.max(tail, 1e-300))
}

/** Φ(x), by Abramowitz and Stegun's 7.1.26 approximation of erf (error below 1.5·10⁻⁷). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Characters as a reader counts them: code points, white space runs as one. */
export function characterCount(sentence: string): number {
  return [...sentence.trim().replace(/\s+/g, ' ')].length
}

function sum(values: readonly number[], from: number, to: number): number {
  let total = 0
  for (let index = from; index < to; index++) total += values[index] ?? 0
  return total
}

function range(from: number, to: number): number[] {
  return Array.from({length: to - from}, (_, offset) => from + offset)
}
