/**
 * A text node's `value` is not its source: Markdown drops escapes, decodes character references
 * and strips indentation and `>` markers from continuation lines. This finds where the character
 * at `index` of `value` stands in `raw` (the node's source slice), by walking both in step.
 */
export function sourceIndex(value: string, raw: string, index: number): number {
  let position = 0
  for (let at = 0; at < index && at < value.length; at++) {
    position = findFrom(raw, value[at] ?? '', position) + 1
  }
  return findFrom(raw, value[index] ?? '', position)
}

/** Where `character` next stands in `raw` from `from`; a character the source spells otherwise stays put. */
function findFrom(raw: string, character: string, from: number): number {
  // Look only a little ahead: skipped markup is short, and a far match would be a different character.
  const found = raw.slice(from, from + 12).indexOf(character)
  return found === -1 ? from : from + found
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
