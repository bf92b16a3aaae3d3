import {diffArrays} from 'diff'
import type {Segment} from '../core/types.ts'

/** Where a block sits, as both sides of a pairing must agree: its kind, and a front-matter field's or a label's name. */
export type BlockPlace = Pick<Segment, 'kind' | 'field' | 'label'>

/** One side's block for `pairBlocks`: its place, and the texts it may equal (a hash, a key, the memory's targets). */
export interface PairToken {
  place: BlockPlace
  texts: readonly string[]
}

export interface BlockPairs {
  /** `[left index, right index]`, in order: blocks that are the same, and blocks changed in place. */
  pairs: Array<[number, number]>
  /** The right index of the first block in a stretch that does not pair (added, removed or merged blocks); unset when all pair. */
  unpaired?: number
}

export function samePlace(a: BlockPlace, b: BlockPlace): boolean {
  return a.kind === b.kind && (a.field ?? '') === (b.field ?? '') && (a.label ?? '') === (b.label ?? '')
}

/**
 * Pair two lists of blocks: the blocks that are equal (same place, a text in common) anchor the pairing, as
 * in a diff, and between two anchors the changed blocks pair one to one if both sides have as many, in the
 * same places. A stretch where they do not (a paragraph deleted, added or merged) pairs nothing, so that no
 * text is ever attributed to the wrong block; with `loose`, it pairs what it can in order (for warnings only).
 */
export function pairBlocks(left: readonly PairToken[], right: readonly PairToken[], options: {loose?: boolean} = {}): BlockPairs {
  const tagged = [...left.map((token, index) => ({token, index})), ...right.map((token, index) => ({token, index}))]
  const changes = diffArrays(tagged.slice(0, left.length), tagged.slice(left.length), {
    comparator: (a, b) => samePlace(a.token.place, b.token.place) && a.token.texts.some((text) => b.token.texts.includes(text))
  })
  const result: BlockPairs = {pairs: []}
  let removed: number[] = []
  let added: number[] = []
  let nextRight = 0
  const pairable = (l: number, r: number | undefined) => {
    const a = left[l]
    const b = r === undefined ? undefined : right[r]
    return a !== undefined && b !== undefined && samePlace(a.place, b.place)
  }
  const flush = () => {
    if (removed.length === 0 && added.length === 0) return
    const fits = removed.length === added.length && removed.every((l, at) => pairable(l, added[at]))
    if (fits || options.loose) {
      let at = 0
      for (const l of removed) {
        const r = added[at]
        if (r === undefined) break
        if (!pairable(l, r)) continue
        result.pairs.push([l, r])
        at++
      }
    }
    if (!fits) result.unpaired ??= added[0] ?? nextRight
    removed = []
    added = []
  }
  let leftAt = 0
  for (const change of changes) {
    const count = change.value.length
    if (change.removed) {
      for (let i = 0; i < count; i++) removed.push(leftAt + i)
      leftAt += count
    } else if (change.added) {
      for (let i = 0; i < count; i++) added.push(nextRight + i)
      nextRight += count
    } else {
      flush()
      for (let i = 0; i < count; i++) result.pairs.push([leftAt + i, nextRight + i])
      leftAt += count
      nextRight += count
    }
  }
  flush()
  result.pairs.sort((a, b) => a[1] - b[1])
  return result
}
