/**
 * Block alignment of a German article and an existing English version whose structures differ:
 * dynamic programming over the two block sequences, as Gale & Church (1993) align sentences, with
 * beads 1-1, 1-0, 0-1, 2-1 and 1-2. The cost of a bead is −log of its probability: its shape's prior,
 * a length model calibrated on the Open Source Guides (`DEFAULTS.align.blockRatio` and `blockVariance`), the anchors both
 * sides keep (headings and their levels, links, code, numbers, glossary names), cognates (see
 * `cognateSlope`), and a quote's original, which the German file gives after its translation.
 * Each bead's confidence is its posterior probability over all alignments (forward–backward).
 */
import type {Heading, Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {DEFAULTS} from '../core/defaults.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {Segment} from '../core/types.ts'
import {characterCount, lengthCost} from './align-sentences.ts'
import {cognateStems, compareAnchors, dice, englishAnchors, germanAnchors, unionAnchors, writtenInEnglish, type AnchorName, type BlockAnchors} from './block-anchors.ts'

/** One block to align: a segment, and for a heading its level. */
export interface AlignBlock {
  segment: Segment
  /** 1–6 for a heading. */
  depth?: number
}

export interface BlockAlignOptions {
  /**
   * English characters per German character (default: `DEFAULTS.align.blockRatio`, 0.86): the mean over
   * the 1-1 paragraph and list-item pairs found in the eight Open Source Guides pairs, aligned first with
   * Gale and Church's constants (test/align-blocks.test.ts recomputes it).
   */
  ratio?: number
  /** Variance of the English length per German character (default: 2.11), measured on the same pairs. */
  variance?: number
  /** The name glossary, so that an English block's names count as anchors (default: none). */
  names?: readonly AnchorName[]
}


/** One bead of the alignment: German and English block indices, either side possibly empty. */
export interface BlockLink {
  de: number[]
  en: number[]
  /** Posterior probability of this bead, 0–1; 0 for a bead with a side empty. */
  confidence: number
  /** Links, code or numbers that one side has and the other lacks: a pair with any is never stored. */
  conflicts: string[]
}

interface Bead {
  de: number
  en: number
  /** −log prior. */
  cost: number
}

/**
 * Shape priors. Blocks are far more often kept whole than sentences are, and an added or dropped
 * block (a quote kept in the original, a newer revision's paragraph) is about as common as a merge.
 */
const beads: readonly Bead[] = [
  {de: 1, en: 1, cost: -Math.log(0.86)},
  {de: 1, en: 0, cost: -Math.log(0.05)},
  {de: 0, en: 1, cost: -Math.log(0.05)},
  {de: 2, en: 1, cost: -Math.log(0.02)},
  {de: 1, en: 2, cost: -Math.log(0.02)}
]

/**
 * The most a pair's lengths can count against it (P ≈ 0.02, about 2.3 σ). Block translations are
 * looser than sentences: a Gaussian tail would make a freely translated paragraph costlier than
 * dropping it and adding its English, and shift every pair after it. Chosen on the gold (test/align-blocks.test.ts).
 */
const lengthCostCap = 4
/** Anchor weights, in nats: a shared link or number is strong evidence, a one-sided one strong counter-evidence. */
const sharedAnchor = 2
const oneSidedAnchor = 1.5
/** A heading paired with a heading of the same level; another level costs. */
const headingMatch = 2
const headingLevelMismatch = 3
/** A block of the German file that is English (a quote's original), or its translation before it, paired with an English block. */
const englishInGerman = 4
/**
 * Cognates: a log-likelihood ratio, linear in the Dice coefficient of the two sides' cognate stems and
 * clipped, fitted on the 1-1 prose pairs of the gold (median Dice 0.22 for a pair, 0.07 for a neighbour
 * it is not paired with). It says nothing at the Dice that one in ten of the pairings of the two files'
 * blocks reaches (0.08–0.17 on the corpus pairs; see `dicePercentile`): two files whose blocks all
 * share their words (a narrow vocabulary, a German file quoting much English) learn nothing from
 * cognates, as they should. Sides with fewer than `cognateMinimum` stems (headings, short items) say
 * too little to count.
 */
const cognateSlope = 15
const cognateQuantile = 0.9
const cognateRange = {against: 2, for: 3} as const
const cognateMinimum = 3
/** A German block just before a block whose text is the English block's, character for character. */
const quotedOriginal = 4
/** A list item paired with a paragraph: a list turned prose, allowed at a small cost. */
const kindChange = 1

/** Heading levels by the place a heading starts (`line:column`), for `AlignBlock.depth`. */
export function headingDepths(tree: Root): Map<string, number> {
  const depths = new Map<string, number>()
  visit(tree, 'heading', (node: Heading) => {
    const start = node.position?.start
    if (start) depths.set(`${start.line}:${start.column}`, node.depth)
  })
  return depths
}

/** `segments` as blocks, headings with their levels from `depths` (see `headingDepths`). */
export function toAlignBlocks(segments: readonly Segment[], depths: ReadonlyMap<string, number>): AlignBlock[] {
  return segments.map((segment) => {
    const depth = segment.kind === 'heading' ? depths.get(`${segment.position.line}:${segment.position.column}`) : undefined
    return depth === undefined ? {segment} : {segment, depth}
  })
}

/** Align German and English blocks; every block is in exactly one link, and links are in order. */
export function alignBlocks(de: readonly AlignBlock[], en: readonly AlignBlock[], options: BlockAlignOptions = {}): BlockLink[] {
  const ratio = options.ratio ?? DEFAULTS.align.blockRatio
  const variance = options.variance ?? DEFAULTS.align.blockVariance
  const names = options.names ?? []
  const deInfo = de.map((block) => describe(block, germanAnchors(block.segment)))
  const enInfo = en.map((block) => describe(block, englishAnchors(block.segment, names)))
  // A German block right before its English original (a quote given in both languages) is the
  // translation of a text the English edition has once, as the original: neither pairs with it.
  // (Their lengths must agree within a factor of two; translations of quotes are free.)
  deInfo.forEach((block, index) => {
    const next = deInfo[index + 1]
    if (next?.english && !block.english && Math.abs(Math.log(next.length / (block.length * ratio))) < Math.log(2)) block.english = true
  })
  const cognateNeutral = dicePercentile(deInfo, enInfo, cognateQuantile)
  const rows = de.length + 1
  const columns = en.length + 1

  /** Cost of the bead ending at German i and English j, or infinity where its shape is not allowed there. */
  const beadCost = (bead: Bead, i: number, j: number): number => {
    const germans = deInfo.slice(i - bead.de, i)
    const englishes = enInfo.slice(j - bead.en, j)
    let cost = bead.cost + kindCost(germans, englishes)
    // A German block followed by the English block's very words is that quote's translation: the surest pair
    // of all (the original, which the English edition has once, then pairs with nothing, as in the gold).
    const quoted = germans.length === 1 && englishes.length === 1 && deInfo[i]?.original === true && deInfo[i]?.text === englishes[0]?.text
    if (quoted) cost -= quotedOriginal
    else if (englishes.length > 0) cost += englishInGerman * germans.filter((block) => block.english).length
    if (cost === Number.POSITIVE_INFINITY) return cost
    const deLength = germans.reduce((total, block) => total + block.length, 0)
    const enLength = englishes.reduce((total, block) => total + block.length, 0)
    // An added or dropped block is as likely long as short: only paired lengths tell anything.
    if (germans.length > 0 && englishes.length > 0) {
      cost += Math.min(lengthCost(deLength, enLength, ratio, variance), lengthCostCap)
      const comparison = compareAnchors(unionAnchors(germans.map((block) => block.anchors)), unionAnchors(englishes.map((block) => block.anchors)))
      cost += oneSidedAnchor * comparison.oneSided - sharedAnchor * comparison.shared
      cost += cognateCost(germans, englishes, cognateNeutral)
    }
    return cost
  }

  // Each cell's bead costs, computed once: the Viterbi pass and forward–backward both use them.
  const costs: number[][] = beads.map(() => new Array<number>(rows * columns).fill(Number.POSITIVE_INFINITY))
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      beads.forEach((bead, index) => {
        if (bead.de <= i && bead.en <= j && (i > 0 || j > 0)) (costs[index] as number[])[i * columns + j] = beadCost(bead, i, j)
      })
    }
  }
  const cost = (index: number, i: number, j: number) => costs[index]?.[i * columns + j] ?? Number.POSITIVE_INFINITY

  // Viterbi: the cheapest alignment; forward: −log of the summed probability of all alignments to (i, j).
  const best = new Array<number>(rows * columns).fill(Number.POSITIVE_INFINITY)
  const via = new Array<number>(rows * columns).fill(-1)
  const forward = new Array<number>(rows * columns).fill(Number.POSITIVE_INFINITY)
  best[0] = 0
  forward[0] = 0
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (i === 0 && j === 0) continue
      const terms: number[] = []
      beads.forEach((bead, index) => {
        const c = cost(index, i, j)
        if (c === Number.POSITIVE_INFINITY) return
        const from = (i - bead.de) * columns + (j - bead.en)
        const total = (best[from] ?? Number.POSITIVE_INFINITY) + c
        // Strictly less: on a tie the earlier (more probable) shape wins, so the result is deterministic.
        if (total < (best[i * columns + j] ?? Number.POSITIVE_INFINITY)) {
          best[i * columns + j] = total
          via[i * columns + j] = index
        }
        terms.push((forward[from] ?? Number.POSITIVE_INFINITY) + c)
      })
      forward[i * columns + j] = negLogSumExp(terms)
    }
  }
  // Backward: −log of the summed probability of all ways from (i, j) to the end.
  const backward = new Array<number>(rows * columns).fill(Number.POSITIVE_INFINITY)
  backward[rows * columns - 1] = 0
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      if (i === rows - 1 && j === columns - 1) continue
      const terms: number[] = []
      beads.forEach((bead, index) => {
        if (i + bead.de >= rows || j + bead.en >= columns) return
        const c = cost(index, i + bead.de, j + bead.en)
        if (c !== Number.POSITIVE_INFINITY) terms.push(c + (backward[(i + bead.de) * columns + j + bead.en] ?? Number.POSITIVE_INFINITY))
      })
      backward[i * columns + j] = negLogSumExp(terms)
    }
  }
  const total = forward[rows * columns - 1] ?? Number.POSITIVE_INFINITY

  const links: BlockLink[] = []
  let i = de.length
  let j = en.length
  while (i > 0 || j > 0) {
    const index = via[i * columns + j] ?? -1
    const bead = beads[index]
    if (!bead) throw new Error(`no block alignment reaches ${i}:${j}`)
    const fromI = i - bead.de
    const fromJ = j - bead.en
    const paired = bead.de > 0 && bead.en > 0
    const posterior = Math.exp(
      total - (forward[fromI * columns + fromJ] ?? 0) - cost(index, i, j) - (backward[i * columns + j] ?? 0)
    )
    const conflicts = paired
      ? compareAnchors(
          unionAnchors(deInfo.slice(fromI, i).map((block) => block.anchors)),
          unionAnchors(enInfo.slice(fromJ, j).map((block) => block.anchors))
        ).conflicts
      : []
    links.push({de: range(fromI, i), en: range(fromJ, j), confidence: paired ? Math.min(1, posterior) : 0, conflicts})
    i = fromI
    j = fromJ
  }
  return links.reverse()
}

interface BlockInfo {
  kind: Segment['kind']
  field: string | undefined
  label: string | undefined
  depth: number | undefined
  length: number
  /** Plain text, white space runs as one space. */
  text: string
  anchors: BlockAnchors
  /** Cognate stems (`cognateStems`). */
  stems: ReadonlySet<string>
  /** A German block written in English, or the translation of the English one after it. */
  english: boolean
  /** A German block written in English (`writtenInEnglish`). */
  original: boolean
}

function describe(block: AlignBlock, anchors: BlockAnchors): BlockInfo {
  const {segment} = block
  const text = taggedToPlain(segment.source).trim().replace(/\s+/g, ' ')
  const original = writtenInEnglish(text)
  return {
    kind: segment.kind,
    field: segment.field,
    label: segment.label,
    depth: block.depth,
    length: characterCount(text),
    text,
    anchors,
    stems: cognateStems(text),
    english: original,
    original
  }
}

/** −log of the cognate evidence for pairing `germans` with `englishes` (see `cognateSlope`). */
function cognateCost(germans: readonly BlockInfo[], englishes: readonly BlockInfo[], neutral: number): number {
  const union = (blocks: readonly BlockInfo[]) => new Set(blocks.flatMap((block) => [...block.stems]))
  const de = union(germans)
  const en = union(englishes)
  if (de.size < cognateMinimum || en.size < cognateMinimum) return 0
  const evidence = cognateSlope * (dice(de, en) - neutral)
  return -Math.max(-cognateRange.against, Math.min(cognateRange.for, evidence))
}

/**
 * The Dice coefficient that a `quantile` of the pairings of a German and an English block stays below,
 * leaving out the highest, as many as there can be pairs: those are the pairs themselves, if cognates
 * tell anything, and in a short article they would be most of the pairings.
 */
function dicePercentile(de: readonly BlockInfo[], en: readonly BlockInfo[], quantile: number): number {
  const counted = (blocks: readonly BlockInfo[]) => blocks.filter((block) => block.stems.size >= cognateMinimum)
  const germans = counted(de)
  const englishes = counted(en)
  const values: number[] = []
  for (const german of germans) for (const english of englishes) values.push(dice(german.stems, english.stems))
  values.sort((a, b) => a - b)
  const chance = values.slice(0, values.length - Math.min(germans.length, englishes.length))
  if (chance.length === 0) return 1
  return chance[Math.min(chance.length - 1, Math.floor(quantile * chance.length))] as number
}

/** Prose kinds, which may merge, split and turn into one another; the others pair only 1-1 with their own kind. */
const prose = new Set<Segment['kind']>(['paragraph', 'listItem', 'tableCell', 'detail'])

function kindCost(germans: readonly BlockInfo[], englishes: readonly BlockInfo[]): number {
  if (germans.length === 0 || englishes.length === 0) return 0
  const all = [...germans, ...englishes]
  if (all.every((block) => prose.has(block.kind))) {
    return germans.length === 1 && englishes.length === 1 && germans[0]?.kind !== englishes[0]?.kind ? kindChange : 0
  }
  const [german] = germans
  const [english] = englishes
  if (germans.length !== 1 || englishes.length !== 1 || !german || !english || german.kind !== english.kind) return Number.POSITIVE_INFINITY
  if (german.kind === 'frontmatter') return german.field === english.field ? 0 : Number.POSITIVE_INFINITY
  if (german.label !== english.label) return Number.POSITIVE_INFINITY
  if (german.kind === 'heading') return german.depth === english.depth ? -headingMatch : headingLevelMismatch - headingMatch
  return 0
}

/** −log Σ exp(−term), stably. */
function negLogSumExp(terms: readonly number[]): number {
  const least = Math.min(...terms)
  if (least === Number.POSITIVE_INFINITY) return least
  let sum = 0
  for (const term of terms) sum += Math.exp(least - term)
  return least - Math.log(sum)
}

function range(from: number, to: number): number[] {
  return Array.from({length: to - from}, (_, offset) => from + offset)
}
