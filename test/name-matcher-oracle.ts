/**
 * The name matcher as it was before the character-level scan (src/glossary/matcher.ts at 2d14d1d):
 * a regular expression over every word, and a token trie. Kept as the oracle that the fast matcher
 * must agree with (test/glossary-matcher.test.ts); not used by tandem.
 */
import type {GlossaryEntry} from '../src/core/types.ts'
import type {NameMatch} from '../src/glossary/matcher.ts'

interface TrieNode {
  /** Keyed by the separator before the token (`''` at the root, `' '` or `'-'` after) plus the token. */
  children: Map<string, TrieNode>
  entry?: GlossaryEntry
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
 * and names inside hyphen compounds (`Selenskyj-Regierung`). Linear in the text for any glossary size.
 */
export class OracleNameMatcher {
  private readonly root: TrieNode = {children: new Map()}
  /** First code units of the names' first words: most words of a text start with none of them. */
  private readonly firstCodes = new Set<number>()

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
      if (node === this.root) this.firstCodes.add(word[0].charCodeAt(0))
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
    const afterArticle = articles.has(previousWord(text, start).toLowerCase())
    // Paths through the trie: a word can be read as written and, inside a name, as an inflected adjective.
    let paths: Array<{node: TrieNode; inflected: boolean}> = [{node: this.root, inflected: false}]
    let best: {match: NameMatch; next: number} | undefined
    for (let index = first; paths.length > 0 && index < starts.length; index++) {
      const end = ends[index] ?? 0
      const word = text.slice(starts[index], end)
      let separator = ''
      if (index > first) {
        const gap = normalizeSeparator(text.slice(ends[index - 1], starts[index]))
        if (gap === undefined) break
        separator = gap
      }
      const adjective = adjectiveForm.exec(word)
      const nextPaths: Array<{node: TrieNode; inflected: boolean}> = []
      for (const path of paths) {
        const exact = path.node.children.get(separator + word)
        if (exact) nextPaths.push({node: exact, inflected: path.inflected})
        const stem = adjective ? path.node.children.get(separator + adjectiveMark + (adjective[1] ?? '')) : undefined
        if (stem) nextPaths.push({node: stem, inflected: true})

        if (path.inflected) {
          // The last noun of an inflected name (des Weißen Hauses): the article carries the case, so no possessive.
          for (const ending of nounEndings) {
            const noun = word.length > ending.length + 1 && word.endsWith(ending) ? path.node.children.get(separator + word.slice(0, -ending.length)) : undefined
            if (noun?.entry) best = {match: this.found(text, noun.entry, start, end, {afterArticle}), next: index + 1}
          }
        }
        const genitive = word.length > 1 && word.endsWith('s') ? path.node.children.get(separator + word.slice(0, -1)) : undefined
        if (genitive?.entry) {
          const plural = pluralContext(text, start, end)
          best = {match: this.found(text, genitive.entry, start, end, plural ? {plural, afterArticle} : {genitive: !path.inflected, afterArticle}), next: index + 1}
        }
        if (exact?.entry || stem?.entry) {
          const found = (exact?.entry ?? stem?.entry) as GlossaryEntry
          const after = text[end]
          // `'Damaskus'` is quoted: the mark that closes it also opens it.
          const opening = text[start - 1]
          const quoted = after !== undefined && opening !== undefined && openingQuote(after).includes(opening)
          const apostrophe =
            after !== undefined && apostrophes.has(after) && apostropheGenitiveEnding.test(word) && !isWordCharacter(text[end + 1]) && !quoted
          best = {match: this.found(text, found, start, apostrophe ? end + 1 : end, {genitive: apostrophe, afterArticle}), next: index + 1}
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
function normalizeSeparator(gap: string): string | undefined {
  const normal = gap.replace(/[ \t\n\u00a0]+/g, ' ').replace(/‑/g, '-').replace(/’/g, "'")
  return /^(?: |-|\. ?|' ?)$/.test(normal) ? normal : undefined
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
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--
  if (end === offset || end === 0) return ''
  let begin = end
  // Articles are short: looking further back than this is never needed, and keeps matching linear.
  while (begin > 0 && end - begin < 12 && isWordCharacter(text[begin - 1])) begin--
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

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{M}\p{N}]/u.test(character)
}
