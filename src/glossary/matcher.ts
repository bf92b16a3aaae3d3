import type {GlossaryEntry} from '../core/types.ts'

/** A glossary name found in German text. Offsets are UTF-16 indices into the searched string. */
export interface NameMatch {
  entry: GlossaryEntry
  start: number
  end: number
  /** The text as written, inflection included (`Selenskyjs`). */
  text: string
  /** German genitive: `-s` (`Selenskyjs`) or an apostrophe after s/ß/x/z (`Boris'`). */
  genitive: boolean
}

interface TrieNode {
  /** Keyed by the separator before the token (`''` at the root, `' '` or `'-'` after) plus the token. */
  children: Map<string, TrieNode>
  entry?: GlossaryEntry
}

// Words are runs of letters, marks and digits; everything else, hyphen and apostrophe included, separates them.
const wordPattern = /[\p{L}\p{M}\p{N}]+/gu
const apostrophes = new Set(["'", '’'])
const apostropheGenitiveEnding = /[sßxzSXZ]$/

/**
 * German-aware name matching over a token trie (design.md "Name glossary"):
 * leftmost-longest, whole words only, with the genitive `-s`, the apostrophe genitive,
 * and names inside hyphen compounds (`Selenskyj-Regierung`). Linear in the text for any glossary size.
 */
export class NameMatcher {
  private readonly root: TrieNode = {children: new Map()}
  /** First code units of the names' first words: most words of a text start with none of them. */
  private readonly firstCodes = new Set<number>()

  constructor(entries: Iterable<GlossaryEntry>) {
    for (const entry of entries) this.add(entry)
  }

  private add(entry: GlossaryEntry) {
    let node = this.root
    let last = 0
    for (const word of entry.de.matchAll(wordPattern)) {
      const separator = last === 0 ? '' : normalizeSeparator(entry.de.slice(last, word.index))
      if (separator === undefined) return
      const key = separator + word[0]
      if (node === this.root) this.firstCodes.add(key.charCodeAt(0))
      let child = node.children.get(key)
      if (!child) {
        child = {children: new Map()}
        node.children.set(key, child)
      }
      node = child
      last = word.index + word[0].length
    }
    // The first entry for a German form wins; lint reports the rest.
    if (node !== this.root && !node.entry) node.entry = entry
  }

  /** Every name in `text`, left to right, without overlaps. */
  match(text: string): NameMatch[] {
    // Offsets only: keeping an object per word alive would dominate the time on long texts.
    const starts: number[] = []
    const ends: number[] = []
    const pattern = new RegExp(wordPattern.source, wordPattern.flags)
    for (let word = pattern.exec(text); word; word = pattern.exec(text)) {
      starts.push(word.index)
      ends.push(word.index + word[0].length)
    }
    const matches: NameMatch[] = []
    let index = 0
    while (index < starts.length) {
      if (!this.firstCodes.has(text.charCodeAt(starts[index] ?? 0))) {
        index++
        continue
      }
      const found = this.longestAt(text, starts, ends, index)
      if (found) {
        matches.push(found.match)
        index = found.next
      } else {
        index++
      }
    }
    return matches
  }

  private longestAt(text: string, starts: number[], ends: number[], first: number): {match: NameMatch; next: number} | undefined {
    const start = starts[first] ?? 0
    let node: TrieNode | undefined = this.root
    let best: {match: NameMatch; next: number} | undefined
    for (let index = first; node && index < starts.length; index++) {
      const end = ends[index] ?? 0
      const word = text.slice(starts[index], end)
      let separator = ''
      if (index > first) {
        const gap = normalizeSeparator(text.slice(ends[index - 1], starts[index]))
        if (gap === undefined) break
        separator = gap
      }
      const exact: TrieNode | undefined = node.children.get(separator + word)
      const genitive = word.length > 1 && word.endsWith('s') ? node.children.get(separator + word.slice(0, -1)) : undefined

      if (genitive?.entry) {
        best = {match: this.found(text, genitive.entry, start, end, true), next: index + 1}
      }
      if (exact?.entry) {
        const after = text[end]
        // `'Damaskus'` is quoted: the mark that closes it also opens it.
        const opening = text[start - 1]
        const quoted = after !== undefined && opening !== undefined && openingQuote(after).includes(opening)
        const apostrophe =
          after !== undefined && apostrophes.has(after) && apostropheGenitiveEnding.test(word) && !isWordCharacter(text[end + 1]) && !quoted
        best = {match: this.found(text, exact.entry, start, apostrophe ? end + 1 : end, apostrophe), next: index + 1}
      }
      node = exact
    }
    return best
  }

  private found(text: string, entry: GlossaryEntry, start: number, end: number, genitive: boolean): NameMatch {
    return {entry, start, end, text: text.slice(start, end), genitive}
  }
}

/**
 * What joins two words of a name: spaces (any run is one), a hyphen, or a full stop or apostrophe
 * with or without a space (`St. Petersburg`, `O'Brien`). Anything else ends a multi-word name.
 */
export function normalizeSeparator(gap: string): string | undefined {
  const normal = gap.replace(/[ \t\n\u00a0]+/g, ' ').replace(/‑/g, '-').replace(/’/g, "'")
  return /^(?: |-|\. ?|' ?)$/.test(normal) ? normal : undefined
}

/** Why the matcher could never find `german` in a text, or undefined when it can. */
export function unmatchable(german: string): string | undefined {
  const words = [...german.matchAll(wordPattern)]
  const first = words[0]
  const last = words[words.length - 1]
  if (!first || !last) return 'has no letters or digits'
  if (first.index > 0 || last.index + last[0].length < german.length) return 'starts or ends with punctuation'
  for (let index = 1; index < words.length; index++) {
    const previous = words[index - 1] as RegExpExecArray
    const word = words[index] as RegExpExecArray
    const gap = german.slice(previous.index + previous[0].length, word.index)
    if (normalizeSeparator(gap) === undefined) return `joins words with \`${gap}\`; only spaces, hyphens, full stops and apostrophes can`
  }
  return undefined
}

function openingQuote(closing: string): string {
  return closing === '’' ? '‘’' : closing
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{M}\p{N}]/u.test(character)
}

/** The English form that stands in for a match: a German genitive becomes an English possessive. */
export function englishForm(match: NameMatch): string {
  if (!match.genitive) return match.entry.en
  return /s$/i.test(match.entry.en) ? `${match.entry.en}’` : `${match.entry.en}’s`
}
