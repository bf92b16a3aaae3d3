import {lastAtOrBefore} from './partition-point.ts'

/**
 * A text node's `value` is not its source: Markdown drops escapes, decodes character references
 * and strips indentation and `>` markers from continuation lines. This finds where the character
 * at `index` of `value` stands in `raw` (the node's source slice), by walking both in step.
 */
export function sourceIndex(value: string, raw: string, index: number): number {
  return sourceIndexer(value, raw)(index)
}

/**
 * `sourceIndex` for many indices of one node: the walk goes on from the last index asked, so that
 * indices in ascending order (a node's glossary matches) cost one pass over the node, not one each.
 */
export function sourceIndexer(value: string, raw: string): (index: number) => number {
  let at = 0
  let position = 0
  return (index) => {
    // Asked for an earlier index: walk again from the start.
    if (index < at) {
      at = 0
      position = 0
    }
    for (; at < index && at < value.length; at++) position = findFrom(raw, value.charCodeAt(at), position) + 1
    return at < value.length ? findFrom(raw, value.charCodeAt(at), position) : position
  }
}

/** Where the code unit `code` next stands in `raw` from `from`; a character the source spells otherwise stays put. */
function findFrom(raw: string, code: number, from: number): number {
  // Look only a little ahead: skipped markup is short, and a far match would be a different character.
  const end = Math.min(raw.length, from + 12)
  for (let at = from; at < end; at++) if (raw.charCodeAt(at) === code) return at
  return from
}

/**
 * NFC text with a map back to the original's UTF-16 offsets, so that names in decomposed
 * text (`Tu\u0308rkei`) match, and their places are still found in the source.
 */
export function composed(value: string): {text: string; original: (index: number) => number} {
  const text = value.normalize('NFC')
  if (text === value) return {text, original: (index) => index}
  // A starter and the combining marks after it compose together, never across starters. The text is
  // kept as slices, and the map has an entry only per cluster of more than one code unit, or that
  // changed: a paragraph of megabytes gets no array entry per character.
  const parts: string[] = []
  /** Per such cluster, in order: where its composed form starts and how long it is, and where the cluster starts and ends. */
  const composedAt: number[] = []
  const composedLength: number[] = []
  const clusterStart: number[] = []
  const clusterEnd: number[] = []
  let length = 0
  let kept = 0
  for (let at = 0; at < value.length; ) {
    const end = clusterEndAt(value, at)
    const cluster = value.slice(at, end)
    const normal = end - at === 1 && value.charCodeAt(at) < 0x80 ? cluster : cluster.normalize('NFC')
    if (normal !== cluster) {
      if (at > kept) parts.push(value.slice(kept, at))
      parts.push(normal)
      kept = end
    }
    if (normal !== cluster || end - at > 1) {
      composedAt.push(length)
      composedLength.push(normal.length)
      clusterStart.push(at)
      clusterEnd.push(end)
    }
    length += normal.length
    at = end
  }
  if (kept < value.length) parts.push(value.slice(kept))
  const composedText = parts.join('')
  return {
    text: composedText,
    original(index) {
      if (index < 0 || index >= composedText.length) return value.length
      // The last listed cluster whose composed form starts at or before `index`.
      const last = lastAtOrBefore(composedAt, index)
      if (last === -1) return index
      const start = composedAt[last] ?? 0
      const size = composedLength[last] ?? 0
      // In the cluster's composed form, its first character stands for the cluster's start, the others for its end.
      if (index < start + size) return index === start ? (clusterStart[last] ?? 0) : (clusterEnd[last] ?? 0)
      // After it, in text of one code unit per character: the same distance from the cluster's end.
      return (clusterEnd[last] ?? 0) + index - start - size
    }
  }
}

/** Per UTF-16 code unit outside the surrogates: 1 for a combining mark (`\p{M}`). */
const markUnits = (() => {
  const table = new Uint8Array(0x10000)
  const mark = /^\p{M}$/u
  for (let code = 0; code < 0x10000; code++) if ((code < 0xd800 || code > 0xdfff) && mark.test(String.fromCharCode(code))) table[code] = 1
  return table
})()
const astralMark = /^\p{M}$/u

/** The code point at `index`: its length in code units, and whether it is a mark. */
function codePointAt(value: string, index: number): {size: number; mark: boolean} {
  const code = value.charCodeAt(index)
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = value.charCodeAt(index + 1)
    if (low >= 0xdc00 && low <= 0xdfff) return {size: 2, mark: astralMark.test(value.slice(index, index + 2))}
  }
  return {size: 1, mark: markUnits[code] === 1}
}

/** Where the cluster at `at` ends: a code point that is no mark and the marks after it, or a run of marks. */
function clusterEndAt(value: string, at: number): number {
  let end = at + codePointAt(value, at).size
  while (end < value.length) {
    const next = codePointAt(value, end)
    if (!next.mark) break
    end += next.size
  }
  return end
}
