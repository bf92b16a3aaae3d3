import {taggedToPlain} from '../core/tagged-text.ts'
import type {PostEdit} from './translation-memory.ts'

/**
 * How much an editor changed a machine translation (Phrase's and memoQ's "post-editing analysis"),
 * over the plain words, tags left out:
 * - `characters`: Levenshtein distance in code points (insertions, deletions, substitutions);
 * - `ter`: translation edit rate (Snover et al. 2006): word insertions, deletions, substitutions and
 *   shifts of a phrase, divided by the number of words of the human text, the reference.
 */
export function postEditDistance(machine: string, human: string): PostEdit {
  const before = taggedToPlain(machine)
  const after = taggedToPlain(human)
  return {characters: characterDistance(before, after), ter: round(translationEditRate(words(before), words(after)))}
}

/** Above this many cells a dynamic-programming table is not worth it: the distance is bounded instead. */
const maxCells = 25_000_000

export function characterDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let start = 0
  while (start < x.length && start < y.length && x[start] === y[start]) start++
  let endX = x.length
  let endY = y.length
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--
    endY--
  }
  const left = x.slice(start, endX)
  const right = y.slice(start, endY)
  // A rewrite of a whole long paragraph: the larger side is an upper bound of the distance, and near it.
  if (left.length * right.length > maxCells) return Math.max(left.length, right.length)
  return levenshtein(left, right)
}

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '')
}

/** Word shifts are only searched for up to this many words (as tercom, a phrase of at most 10 words). */
const maxShiftWords = 10
const maxShiftSearch = 400

/**
 * TER with greedy shifts, as tercom does it: while moving some phrase of the hypothesis to where the
 * reference has it lowers the edit distance, make the best such move (one edit each); then add the
 * remaining word edit distance. Very long texts (over 400 words) are scored without shifts.
 */
export function translationEditRate(hypothesis: readonly string[], reference: readonly string[]): number {
  if (reference.length === 0) return hypothesis.length === 0 ? 0 : 1
  let current = [...hypothesis]
  let shifts = 0
  let distance = levenshtein(current, reference)
  if (current.length <= maxShiftSearch && reference.length <= maxShiftSearch) {
    for (;;) {
      let best: {words: string[]; distance: number} | undefined
      for (const candidate of shiftCandidates(current, reference)) {
        const after = levenshtein(candidate, reference)
        if (after < (best?.distance ?? distance - 1)) best = {words: candidate, distance: after}
      }
      // A shift costs one edit, so it must save more than one.
      if (!best || best.distance >= distance - 1) break
      current = best.words
      distance = best.distance
      shifts++
    }
  }
  return (shifts + distance) / reference.length
}

/** Every hypothesis with one phrase (that the reference also has, elsewhere) moved to the reference's place for it. */
function* shiftCandidates(hypothesis: readonly string[], reference: readonly string[]): Generator<string[]> {
  const where = new Map<string, number[]>()
  for (const [index, word] of reference.entries()) where.set(word, [...(where.get(word) ?? []), index])
  for (let start = 0; start < hypothesis.length; start++) {
    for (const target of where.get(hypothesis[start] ?? '') ?? []) {
      for (let length = 1; length <= maxShiftWords && start + length <= hypothesis.length; length++) {
        if (hypothesis[start + length - 1] !== reference[target + length - 1]) break
        // Already where the reference has it.
        if (target === start) continue
        const phrase = hypothesis.slice(start, start + length)
        const rest = [...hypothesis.slice(0, start), ...hypothesis.slice(start + length)]
        const at = Math.min(target, rest.length)
        yield [...rest.slice(0, at), ...phrase, ...rest.slice(at)]
      }
    }
  }
}

function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  let row = new Array<number>(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution)
    }
    ;[previous, row] = [row, previous]
  }
  return previous[b.length] ?? 0
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
