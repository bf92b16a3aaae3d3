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
  const offsets: number[] = []
  let composedText = ''
  // A starter and the combining marks after it compose together, never across starters.
  for (const cluster of value.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const normal = cluster[0].normalize('NFC')
    for (let k = 0; k < normal.length; k++) offsets.push(cluster.index + (k === 0 ? 0 : cluster[0].length))
    composedText += normal
  }
  offsets.push(value.length)
  return {text: composedText, original: (index) => offsets[index] ?? value.length}
}
