import type {GlossaryEntry, GlossaryKind} from '../core/types.ts'
import {exonyms, firstNames, pressSpellings} from './name-tables.ts'
import {transliterateWord, type SlavicLanguage} from './transliterate-names.ts'

/** One English spelling for a German name, with why it is offered. */
export interface SpellingSuggestion {
  en: string
  why: string
}

/** `tandem glossary suggest`'s answer for one name: its likely kind and spellings, best first. */
export interface NameSuggestions {
  de: string
  kind: GlossaryKind
  suggestions: SpellingSuggestion[]
}

const schemes: Record<SlavicLanguage, string> = {ru: 'Russian (BGN/PCGN, press style)', uk: 'Ukrainian (national system 2010)'}

/** Letters and clusters that a German transcription of Cyrillic never has: the name is written as at home. */
const foreignSpelling = /c(?![hk])|q|v|ph|th|ee|oo|ea|ae|ß|[^a-zäöü' -]/
/** German words and names: the name is German, and English keeps it (unless w or j says otherwise). */
const germanSpelling = /ie|ei(?!$)|eu|äu|tz|pf|ä|ck|dt|ah|eh|oh|uh|rz$|lz$/
/** Letters that German names seldom have and German transcriptions of Cyrillic often do. */
const strongDuden = /w|j|tsch|(?:ow|ew|yj|ij|enko)$/

const personEnding = /(?:ow|ew|jew|in|ina|owa|ewa|enko|uk|yj|ij|ski|skaja|itsch|ko|ak|ik)$/
const placeEnding = /(?:sk|zk|grad|burg|pol|iw|ka|ja|myr|yr|stan|ien|land|rod|nje|ne|l|y|i)$/

interface WordSpelling {
  en: string
  why: string
  /** Spelt by the rule chain, not taken from a table or the glossary. */
  rule: boolean
}

/**
 * Suggests English spellings for German-press names: an exonym, the glossary's own spelling of the
 * same first name or surname, a conventional first name or press spelling, the Russian and Ukrainian
 * rule chains (Duden → Cyrillic → English), and the name unchanged.
 */
export class SpellingSuggester {
  private readonly byGerman = new Map<string, GlossaryEntry>()
  /** A German word of the glossary → its English word, from one-word entries and aligned full names. */
  private readonly words = new Map<string, {en: string; entry: GlossaryEntry}>()
  /** A German word → the notes of the entries it is in, for the country. */
  private readonly notes = new Map<string, string[]>()

  private readonly exonyms: ReadonlyMap<string, string>

  /** `options.exonyms` replaces the built-in table (a held-out measurement hides names from it). */
  constructor(entries: readonly GlossaryEntry[], options: {exonyms?: ReadonlyMap<string, string>} = {}) {
    this.exonyms = options.exonyms ?? exonyms
    for (const entry of entries) {
      if (!this.byGerman.has(entry.de)) this.byGerman.set(entry.de, entry)
      const de = entry.de.split(' ')
      for (const word of de) this.notes.set(word, [...(this.notes.get(word) ?? []), entry.note])
      if (de.length === 1) this.words.set(entry.de, {en: entry.en, entry})
    }
    for (const entry of entries) {
      const de = entry.de.split(' ')
      const en = entry.en.split(' ')
      if (entry.kind !== 'person' || de.length < 2 || de.length !== en.length) continue
      for (const [index, word] of de.entries()) {
        if (!this.words.has(word)) this.words.set(word, {en: en[index] ?? word, entry})
      }
    }
  }

  suggest(name: string): NameSuggestions {
    const de = name.trim().replace(/\s+/g, ' ')
    const existing = this.byGerman.get(de)
    if (existing) return {de, kind: existing.kind, suggestions: [{en: existing.en, why: `in the glossary already (line ${existing.line})`}]}

    const suggestions: SpellingSuggestion[] = []
    const add = (suggestion: SpellingSuggestion) => {
      if (!suggestions.some((other) => other.en === suggestion.en)) suggestions.push(suggestion)
    }
    const exonym = this.exonyms.get(de)
    if (exonym) add({en: exonym, why: `exonym: German ${de}, English ${exonym}`})
    // Syrien, Saudi-Arabien: German country and region names in -ien are -ia in English.
    if (/^\p{Lu}[\p{Ll}-]+ien$/u.test(de) && !strongDuden.test(de.toLowerCase())) {
      const en = de.replace(/ien$/, 'ia').replace(/-(\p{Lu})/gu, ' $1')
      add({en, why: `German -ien is English -ia (Syrien → Syria): ${en}`})
    }

    const words = de.split(' ')
    const lower = de.toLowerCase()
    const same = {en: de, why: 'same in English'}
    if (/^\p{Lu}{2,}$/u.test(de)) add({...same, why: 'same in English: an acronym'})
    if (foreignSpelling.test(lower) || (germanSpelling.test(lower) && !strongDuden.test(lower) && !words.some((word) => firstNames.has(word)))) {
      add({...same, why: 'same in English: spelt as at home, not transcribed'})
    }
    const {language, evidence} = this.guessLanguage(words)
    const languages: SlavicLanguage[] = language === 'uk' ? ['uk', 'ru'] : ['ru', 'uk']
    for (const [rank, chain] of languages.entries()) {
      const spelt = words.map((word, index) => this.spellWord(word, chain, words.length > 1 && index < words.length - 1))
      const en = spelt.map((word) => word.en).join(' ')
      const how = rank === 0 ? (language ? `${schemes[chain]}, by ${evidence}` : `${schemes[chain]}, language unsure`) : schemes[chain]
      const why = en === de && spelt.every((word) => word.rule) ? 'same in English (the rules change nothing)' : `${how}: ${spelt.map((word) => word.why).join('; ')}`
      add({en, why})
    }
    add(same)
    return {de, kind: this.guessKind(words, exonym !== undefined), suggestions}
  }

  private spellWord(word: string, language: SlavicLanguage, firstName: boolean): WordSpelling {
    const known = this.words.get(word)
    if (known) return {en: known.en, why: `${word} → ${known.en} as in the glossary (line ${known.entry.line}, ${known.entry.de})`, rule: false}
    const press = pressSpellings.get(word)
    if (press) return {en: press, why: `${word} → ${press}, the press spelling`, rule: false}
    const first = firstName ? firstNames.get(word) : undefined
    if (first) return {en: first.en, why: `${word} → ${first.en}, the conventional first name`, rule: false}
    const {english, cyrillic} = transliterateWord(word, language, {firstName})
    return {en: english, why: `${word} → ${cyrillic} → ${english}`, rule: true}
  }

  /** Russian or Ukrainian, from first names, the glossary's notes on the same words, and the letters. */
  private guessLanguage(words: readonly string[]): {language?: SlavicLanguage; evidence: string} {
    const score = {ru: 0, uk: 0}
    const why = {ru: [] as string[], uk: [] as string[]}
    const vote = (language: SlavicLanguage, points: number, reason: string) => {
      score[language] += points
      if (!why[language].includes(reason)) why[language].push(reason)
    }
    for (const [index, word] of words.entries()) {
      const w = word.toLowerCase()
      const first = index < words.length - 1 ? firstNames.get(word) : undefined
      if (first?.language) vote(first.language, 3, `the first name ${word}`)
      for (const note of this.notes.get(word) ?? []) {
        if (/Ukrain|Kyiv/.test(note)) vote('uk', 2, `the glossary's notes on ${word}`)
        if (/Russia|Kremlin|Soviet|Moscow|Chechnya/.test(note)) vote('ru', 2, `the glossary's notes on ${word}`)
      }
      if (/(?:^|[^cs])h/.test(w)) vote('uk', 2, 'h for г')
      if (/ji/.test(w)) vote('uk', 2, 'ji for ї')
      if (/yj$/.test(w)) vote('uk', 2, 'the ending -yj')
      if (/iw$/.test(w)) vote('uk', 2, 'the ending -iw')
      if (/y[^aeiouj]/.test(w.slice(0, -1))) vote('uk', 1, 'y for и')
      if (/ij$/.test(w)) vote('uk', 1, 'the ending -ij')
      if (/ej$/.test(w)) vote('ru', 2, 'the ending -ej')
      const ending = /(?:ow|ew|owa|ewa|in|ina|ski|skaja|zki)$/.exec(w)
      if (ending) vote('ru', 1, `the ending -${ending[0]}`)
      if (/g/.test(w) && !/ng/.test(w)) vote('ru', 1, 'g for г')
    }
    if (score.ru === score.uk) return {evidence: ''}
    const language: SlavicLanguage = score.uk > score.ru ? 'uk' : 'ru'
    return {language, evidence: why[language].join(', ')}
  }

  private guessKind(words: readonly string[], exonym: boolean): GlossaryKind {
    if (exonym) return 'place'
    for (const word of words) {
      const known = this.words.get(word)
      if (known) return known.entry.kind
    }
    if (words.length > 1 && words.slice(0, -1).some((word) => firstNames.has(word))) return 'person'
    const last = (words.at(-1) ?? '').toLowerCase()
    if (personEnding.test(last)) return 'person'
    if (placeEnding.test(last) || words.length === 1) return 'place'
    return 'person'
  }
}
