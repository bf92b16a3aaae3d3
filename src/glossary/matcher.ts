import type {GlossaryEntry} from '../core/types.ts'
import {phrase, type Phrase} from '../core/phrase.ts'

/** A glossary name found in German text. Offsets are UTF-16 indices into the searched string. */
export interface NameMatch {
  entry: GlossaryEntry
  start: number
  end: number
  /** The text as written, inflection included (`Selenskyjs`). */
  text: string
  /** German genitive: `-s` (`Selenskyjs`) or an apostrophe after s/ß/x/z (`Boris'`). */
  genitive: boolean
  /** A plural `-s` (`die Huthis`, `Huthis greifen an`): the English form takes `-s` too. */
  plural: boolean
  /** A German article stands before the name (`der Vereinten Nationen`): it gives the English its article. */
  afterArticle: boolean
}

interface TrieNode {
  /** Keyed by the separator before the token (`''` at the root, `' '` or `'-'` after) plus the token. */
  children: Map<string, TrieNode>
  entry?: GlossaryEntry
  /** Whether a child is an adjective stem: only then is a word tried as an adjective. */
  stems?: boolean
}

// Words are runs of letters, marks and digits; everything else, hyphen and apostrophe included, separates them.
const wordPattern = /[\p{L}\p{M}\p{N}]+/gu
const apostrophes = new Set(["'", '’'])
const apostropheGenitiveEnding = /[sßxzSXZ]$/

/** Marks a trie key as an adjective stem, which matches the stem with any German adjective ending. */
const adjectiveMark = '\u0000'
/** A capitalised adjective inside a name (Vereinte, Weißes, Islamischer): the stem and its ending. */
const adjectiveForm = /^(\p{Lu}[\p{L}\p{M}]*?)(e|en|er|es|em)$/u
/** Endings an inflected name's last noun may take: genitive `-s`/`-es`, dative plural `-n` (Weißen Hauses, Emiraten). */
const nounEndings = ['es', 's', 'n']

/**
 * A trie over UTF-16 code units whose edges live in one open-addressing hash table of typed arrays:
 * a look-up allocates nothing, and 100k names cost a few megabytes, not a Map per node.
 */
class CharacterTrie {
  private parents = new Int32Array(1 << 12).fill(-1)
  private codes = new Uint16Array(1 << 12)
  private children = new Int32Array(1 << 12)
  private edges = 0
  private readonly nodeFlags: number[] = [0]

  /** The root's children by code unit, directly: every word's first letter is looked up here. */
  private readonly rootChildren = new Int32Array(0x10000).fill(-1)

  /** The child of `node` by `code`, or -1. */
  child(node: number, code: number): number {
    if (node === 0) return this.rootChildren[code] ?? -1
    const mask = this.parents.length - 1
    for (let slot = slotOf(node, code, mask); ; slot = (slot + 1) & mask) {
      const parent = this.parents[slot] ?? -1
      if (parent === -1) return -1
      if (parent === node && this.codes[slot] === code) return this.children[slot] ?? -1
    }
  }

  /** The child of `node` by `code`, made when missing. */
  add(node: number, code: number): number {
    const found = this.child(node, code)
    if (found !== -1) return found
    if ((this.edges + 1) * 2 > this.parents.length) this.grow()
    const child = this.nodeFlags.length
    this.nodeFlags.push(0)
    this.put(node, code, child)
    this.edges++
    return child
  }

  flags(node: number): number {
    return this.nodeFlags[node] ?? 0
  }

  mark(node: number, flag: number): void {
    this.nodeFlags[node] = this.flags(node) | flag
  }

  private put(node: number, code: number, child: number): void {
    if (node === 0) {
      this.rootChildren[code] = child
      return
    }
    const mask = this.parents.length - 1
    let slot = slotOf(node, code, mask)
    while ((this.parents[slot] ?? -1) !== -1) slot = (slot + 1) & mask
    this.parents[slot] = node
    this.codes[slot] = code
    this.children[slot] = child
  }

  private grow(): void {
    const {parents, codes, children} = this
    this.parents = new Int32Array(parents.length * 2).fill(-1)
    this.codes = new Uint16Array(parents.length * 2)
    this.children = new Int32Array(parents.length * 2)
    for (let slot = 0; slot < parents.length; slot++) {
      const parent = parents[slot] ?? -1
      if (parent !== -1) this.put(parent, codes[slot] ?? 0, children[slot] ?? 0)
    }
  }
}

function slotOf(node: number, code: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & mask
}

/** Bits of the first words' character trie: a name's first word ends here as written, as an adjective stem, or is a whole name. */
const exactWord = 1
const adjectiveStem = 2
const wholeName = 4

/** Per UTF-16 code unit outside the surrogates: 1 when it is a letter, mark or digit (what `wordPattern` matches). */
const wordUnits = (() => {
  const table = new Uint8Array(0x10000)
  const one = /^[\p{L}\p{M}\p{N}]$/u
  for (let code = 0; code < 0x10000; code++) {
    if ((code < 0xd800 || code > 0xdfff) && one.test(String.fromCharCode(code))) table[code] = 1
  }
  return table
})()
/** Per UTF-16 code unit: 1 when `\s` matches it. */
const spaceUnits = (() => {
  const table = new Uint8Array(0x10000)
  for (let code = 0; code < 0x10000; code++) if (/^\s$/.test(String.fromCharCode(code))) table[code] = 1
  return table
})()
const astralWordCharacter = /^[\p{L}\p{M}\p{N}]$/u

/** The length in code units (1, or 2 for a surrogate pair) of the word character at `index`, or 0 when there is none. */
function wordCharacterAt(text: string, index: number): number {
  if (index >= text.length) return 0
  const code = text.charCodeAt(index)
  if (code < 0xd800 || code > 0xdfff) return wordUnits[code] ?? 0
  const low = text.charCodeAt(index + 1)
  if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return 0
  return astralWordCharacter.test(text.slice(index, index + 2)) ? 2 : 0
}

/** Where the word that goes on at `from` ends. */
function wordEnd(text: string, from: number): number {
  let end = from
  while (end < text.length) {
    const code = text.charCodeAt(end)
    const size = code < 0xd800 || code > 0xdfff ? (wordUnits[code] ?? 0) : wordCharacterAt(text, end)
    if (size === 0) break
    end += size
  }
  return end
}

/** Where the next word starts at or after `from`, or -1. */
function nextWordStart(text: string, from: number): number {
  for (let at = from; at < text.length; at++) if (wordCharacterAt(text, at) > 0) return at
  return -1
}

const articles = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen'])
/** Words before a noun that make it plural, so that its `-s` is no genitive (die Huthis, der Huthis, den Huthis). */
const pluralDeterminers = new Set([
  'die', 'der', 'den', 'diese', 'dieser', 'diesen', 'alle', 'aller', 'allen', 'beide', 'beider', 'beiden', 'viele', 'vieler',
  'vielen', 'mehrere', 'mehrerer', 'mehreren', 'einige', 'einiger', 'einigen', 'keine', 'keiner', 'keinen', 'zwei', 'drei',
  'vier', 'fünf', 'wenige', 'wenigen', 'tausende', 'hunderte', 'dutzende'
])
/**
 * Plural finite verbs that often follow a group's name (Huthis greifen an, Huthis haben erklärt). A list,
 * not a pattern: inflected adjectives (Putins gefälschten Wahlen) end like past plurals.
 */
const pluralVerbs = new Set([
  'sind', 'waren', 'haben', 'hatten', 'werden', 'wurden', 'wollen', 'wollten', 'können', 'konnten', 'müssen', 'mussten',
  'sollen', 'sollten', 'dürfen', 'durften', 'greifen', 'griffen', 'feuern', 'feuerten', 'kämpfen', 'kämpften', 'drohen',
  'drohten', 'erklären', 'erklärten', 'beschießen', 'beschossen', 'behaupten', 'behaupteten', 'melden', 'meldeten',
  'kontrollieren', 'kontrollierten', 'reklamieren', 'reklamierten', 'bekennen', 'bekannten', 'kündigen', 'kündigten',
  'teilen', 'teilten', 'gelten', 'galten', 'stehen', 'standen', 'sagen', 'sagten', 'attackieren', 'attackierten',
  'fordern', 'forderten', 'setzen', 'setzten', 'halten', 'hielten', 'nehmen', 'nahmen', 'übernehmen', 'übernahmen'
])

/**
 * German-aware name matching over a token trie (design.md "Name glossary"):
 * leftmost-longest, whole words only, with the genitive `-s`, the apostrophe genitive,
 * and names inside hyphen compounds (`Selenskyj-Regierung`).
 *
 * The text is scanned once, code unit by code unit. At each word's start, a character trie of the
 * names' first words (as written, as an adjective stem, or with a genitive `-s`) says whether a name
 * could start there; only then is the word cut out and the token trie walked. Most words start no
 * name, so they cost a few table and map look-ups and no string, whatever the glossary's size.
 */
export class NameMatcher {
  private readonly root: TrieNode = {children: new Map()}
  /** The first words' character trie (its root is node 0). */
  private readonly firstWords = new CharacterTrie()
  /** By node of `firstWords`: the root's child for that first word as written, and as an adjective stem. */
  private readonly rootWords: Array<TrieNode | undefined> = []
  private readonly rootStems: Array<TrieNode | undefined> = []

  constructor(entries: Iterable<GlossaryEntry>) {
    for (const entry of entries) this.add(entry)
  }

  private add(entry: GlossaryEntry) {
    let node = this.root
    let last = 0
    const words = [...entry.de.matchAll(wordPattern)]
    for (const [index, word] of words.entries()) {
      const separator = last === 0 ? '' : normalizeSeparator(entry.de.slice(last, word.index))
      if (separator === undefined) return
      // In the name of a place or body, a capitalised word before a space may be an inflected adjective.
      const next = words[index + 1]
      const adjective =
        entry.kind !== 'person' && next !== undefined && /^\s+$/.test(entry.de.slice(word.index + word[0].length, next.index))
          ? adjectiveForm.exec(word[0])
          : null
      const key = separator + (adjective ? adjectiveMark + (adjective[1] ?? '') : word[0])
      let child = node.children.get(key)
      if (!child) {
        child = {children: new Map()}
        node.children.set(key, child)
        if (adjective) node.stems = true
      }
      if (node === this.root) this.markFirstWord(adjective ? (adjective[1] ?? '') : word[0], adjective ? adjectiveStem : exactWord, child)
      node = child
      last = word.index + word[0].length
    }
    // The first entry for a German form wins; lint reports the rest.
    if (node !== this.root && !node.entry) {
      node.entry = entry
      if (words.length === 1 && words[0]) this.markFirstWord(words[0][0], wholeName, node)
    }
  }

  private markFirstWord(word: string, flag: number, child: TrieNode) {
    let node = 0
    for (let index = 0; index < word.length; index++) node = this.firstWords.add(node, word.charCodeAt(index))
    this.firstWords.mark(node, flag)
    if (flag === adjectiveStem) this.rootStems[node] = child
    else this.rootWords[node] = child
  }

  /**
   * The child of `node` for `token` after `separator` (as an adjective stem when `stem`). The root's
   * children are found through the character trie: a walk over the token is cheaper than hashing it
   * into a map of every name's first word.
   */
  private child(node: TrieNode, separator: string, token: string, stem = false): TrieNode | undefined {
    if (node !== this.root) return node.children.get(stem ? separator + adjectiveMark + token : separator + token)
    let at = 0
    for (let index = 0; index < token.length && at !== -1; index++) at = this.firstWords.child(at, token.charCodeAt(index))
    if (at <= 0) return undefined
    return stem ? this.rootStems[at] : this.rootWords[at]
  }

  /**
   * Whether a name could start with the word `text[start, end)`: it is a name's first word as written,
   * a single-word name with a genitive `-s`, or an adjective stem with an ending of one or two letters.
   * Never false where `longestAt` would find a name; often true where it finds none.
   */
  private mayStartName(text: string, start: number, end: number): boolean {
    const trie = this.firstWords
    const length = end - start
    let node = 0
    for (let depth = 0; depth < length; depth++) {
      const flags = trie.flags(node)
      if (depth === length - 1 && (flags & wholeName) !== 0 && text.charCodeAt(end - 1) === 0x73 /* s */ && length > 1) return true
      if (depth >= length - 2 && depth > 0 && (flags & adjectiveStem) !== 0) return true
      node = trie.child(node, text.charCodeAt(start + depth))
      if (node === -1) return false
    }
    return (trie.flags(node) & exactWord) !== 0
  }

  /** Every name in `text`, left to right, without overlaps. */
  match(text: string): NameMatch[] {
    const matches: NameMatch[] = []
    let at = 0
    while (at < text.length) {
      // Outside the surrogates, the table alone says whether a word starts here.
      const code = text.charCodeAt(at)
      const size = code < 0xd800 || code > 0xdfff ? (wordUnits[code] ?? 0) : wordCharacterAt(text, at)
      if (size === 0) {
        at++
        continue
      }
      const start = at
      const end = wordEnd(text, start + size)
      const found = this.mayStartName(text, start, end) ? this.longestAt(text, start, end) : undefined
      if (found) matches.push(found.match)
      at = found ? found.next : end
    }
    return matches
  }

  /** The longest name that starts with the word `text[start, firstEnd)`, and where the scan goes on after it. */
  private longestAt(text: string, start: number, firstEnd: number): {match: NameMatch; next: number} | undefined {
    const afterArticle = articles.has(previousWord(text, start).toLowerCase())
    // Paths through the trie: a word can be read as written and, inside a name, as an inflected adjective.
    let paths: Array<{node: TrieNode; inflected: boolean}> = [{node: this.root, inflected: false}]
    let best: {match: NameMatch; next: number} | undefined
    let wordStart = start
    let end = firstEnd
    for (let first = true; paths.length > 0; first = false) {
      let separator = ''
      if (!first) {
        const previousEnd = end
        wordStart = nextWordStart(text, previousEnd)
        if (wordStart === -1) break
        end = wordEnd(text, wordStart)
        const gap = normalizeSeparator(text.slice(previousEnd, wordStart))
        if (gap === undefined) break
        separator = gap
      }
      const word = text.slice(wordStart, end)
      const adjective = paths.some((path) => path.node.stems) ? adjectiveForm.exec(word) : null
      const nextPaths: Array<{node: TrieNode; inflected: boolean}> = []
      for (const path of paths) {
        const exact = this.child(path.node, separator, word)
        if (exact) nextPaths.push({node: exact, inflected: path.inflected})
        const stem = adjective ? this.child(path.node, separator, adjective[1] ?? '', true) : undefined
        if (stem) nextPaths.push({node: stem, inflected: true})

        if (path.inflected) {
          // The last noun of an inflected name (des Weißen Hauses): the article carries the case, so no possessive.
          for (const ending of nounEndings) {
            const noun = word.length > ending.length + 1 && word.endsWith(ending) ? this.child(path.node, separator, word.slice(0, -ending.length)) : undefined
            if (noun?.entry) best = {match: this.found(text, noun.entry, start, end, {afterArticle}), next: end}
          }
        }
        const genitive = word.length > 1 && word.endsWith('s') ? this.child(path.node, separator, word.slice(0, -1)) : undefined
        if (genitive?.entry) {
          const plural = pluralContext(text, start, end)
          best = {match: this.found(text, genitive.entry, start, end, plural ? {plural, afterArticle} : {genitive: !path.inflected, afterArticle}), next: end}
        }
        if (exact?.entry || stem?.entry) {
          const found = (exact?.entry ?? stem?.entry) as GlossaryEntry
          const after = text[end]
          // `'Damaskus'` is quoted: the mark that closes it also opens it.
          const opening = text[start - 1]
          const quoted = after !== undefined && opening !== undefined && openingQuote(after).includes(opening)
          const apostrophe =
            after !== undefined && apostrophes.has(after) && apostropheGenitiveEnding.test(word) && !isWordUnit(text, end + 1) && !quoted
          best = {match: this.found(text, found, start, apostrophe ? end + 1 : end, {genitive: apostrophe, afterArticle}), next: end}
        }
      }
      paths = nextPaths
    }
    return best
  }

  private found(
    text: string,
    entry: GlossaryEntry,
    start: number,
    end: number,
    form: {genitive?: boolean; plural?: boolean; afterArticle: boolean}
  ): NameMatch {
    return {entry, start, end, text: text.slice(start, end), genitive: form.genitive ?? false, plural: form.plural ?? false, afterArticle: form.afterArticle}
  }
}

/**
 * What joins two words of a name: spaces (any run is one), a hyphen, or a full stop or apostrophe
 * with or without a space (`St. Petersburg`, `O'Brien`). Anything else ends a multi-word name.
 */
export function normalizeSeparator(gap: string): string | undefined {
  // The usual gaps, without the regular expressions.
  if (gap === ' ' || gap === '-') return gap
  const normal = gap.replace(/[ \t\n\u00a0]+/g, ' ').replace(/‑/g, '-').replace(/’/g, "'")
  return /^(?: |-|\. ?|' ?)$/.test(normal) ? normal : undefined
}

/** Why the matcher could never find `german` in a text, or undefined when it can. */
export function unmatchable(german: string): Phrase | undefined {
  const words = [...german.matchAll(wordPattern)]
  const first = words[0]
  const last = words[words.length - 1]
  if (!first || !last) return phrase('reasons.unmatchable.noLetters', 'has no letters or digits')
  if (first.index > 0 || last.index + last[0].length < german.length) return phrase('reasons.unmatchable.punctuation', 'starts or ends with punctuation')
  for (let index = 1; index < words.length; index++) {
    const previous = words[index - 1] as RegExpExecArray
    const word = words[index] as RegExpExecArray
    const gap = german.slice(previous.index + previous[0].length, word.index)
    if (normalizeSeparator(gap) === undefined) return phrase('reasons.unmatchable.separator', 'joins words with `{{gap}}`; only spaces, hyphens, full stops and apostrophes can', {gap})
  }
  return undefined
}

/**
 * Whether the context shows that a name with `-s` between `start` and `end` is a plural, not a genitive:
 * a plural verb after it (Huthis greifen an), or a plural determiner before it with no noun after it
 * (die Huthis im Jemen, Anführer der Huthis). A determiner after a comma is a relative pronoun
 * (Menschen, die Putins Krieg ablehnen), and a capitalised word after the name is its noun: both keep the genitive.
 */
function pluralContext(text: string, start: number, end: number): boolean {
  const next = nextWord(text, end)
  if (pluralVerbs.has(next)) return true
  const determiner = previousWord(text, start)
  if (!pluralDeterminers.has(determiner.toLowerCase())) return false
  if (/,\s*$/.test(text.slice(Math.max(0, start - determiner.length - 4), start - determiner.length))) return false
  return !/^\p{Lu}/u.test(next)
}

/** The word just before `offset`, across one run of white space; empty when something else comes between. */
function previousWord(text: string, offset: number): string {
  let end = offset
  while (end > 0 && isSpaceUnit(text, end - 1)) end--
  if (end === offset || end === 0) return ''
  let begin = end
  // Articles are short: looking further back than this is never needed, and keeps matching linear.
  while (begin > 0 && end - begin < 12 && isWordUnit(text, begin - 1)) begin--
  return text.slice(begin, end)
}

/** The word just after `offset`, across one run of white space. */
function nextWord(text: string, offset: number): string {
  const match = /^\s+([\p{L}\p{M}]{1,20})/u.exec(text.slice(offset, offset + 24))
  return match?.[1] ?? ''
}

function openingQuote(closing: string): string {
  return closing === '’' ? '‘’' : closing
}

/** Whether the code unit at `index` is, on its own, a letter, mark or digit (a surrogate never is). */
function isWordUnit(text: string, index: number): boolean {
  return index < text.length && wordUnits[text.charCodeAt(index)] === 1
}

/** Whether the code unit at `index` is white space as `\s` knows it. */
function isSpaceUnit(text: string, index: number): boolean {
  return index < text.length && spaceUnits[text.charCodeAt(index)] === 1
}

/**
 * The English form that stands in for a match: a German genitive becomes an English possessive,
 * a plural takes `-s`, and after a German article an English `the` of the entry is left to the article's translation.
 */
export function englishForm(match: NameMatch): string {
  const en = match.afterArticle ? match.entry.en.replace(/^the /i, '') : match.entry.en
  if (match.plural) return /s$/i.test(en) ? en : `${en}s`
  if (!match.genitive) return en
  return /s$/i.test(en) ? `${en}’` : `${en}’s`
}
