/**
 * The German name matcher (src/glossary/matcher.ts) over the real glossary/names.tsv, plus a few
 * synthetic entries for the apostrophe genitive: a table of German sentences with the matches
 * each must give, written by hand (start is a UTF-16 offset into the sentence).
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {englishForm, NameMatcher, type NameMatch} from '../src/glossary/matcher.ts'
import {readNameGlossary, type GlossaryEntry} from '../src/glossary/names-file.ts'
import fc from 'fast-check'
import {OracleNameMatcher} from './name-matcher-oracle.ts'
import {repoRoot} from './project.ts'

const glossary = await readNameGlossary(path.join(repoRoot, 'glossary', 'names.tsv'), repoRoot)

const entry = (de: string, en: string, kind: GlossaryEntry['kind'] = 'person'): GlossaryEntry => ({de, en, kind, note: 'synthetic', line: 0})

/** Names that end in s/ß/x/z, for the apostrophe genitive; none of them is in the real file. */
const synthetic = [
  entry('Boris Johnson', 'Boris Johnson'),
  entry('Boris', 'Boris'),
  entry('Strauß', 'Strauss'),
  entry('Marx', 'Marx'),
  entry('Lenz', 'Lenz'),
  // An English form with its own article, for the article rule.
  entry('Hohe Pforte', 'the Sublime Porte', 'place'),
  // Multi-word names with an adjective, for inflection.
  entry('Weißes Haus', 'White House', 'org'),
  entry('Europäische Union', 'European Union', 'org'),
  entry('Islamischer Staat', 'Islamic State', 'org')
]

const matcher = new NameMatcher([...glossary.entries, ...synthetic])

interface Expected {
  text: string
  en: string
  start: number
  genitive: boolean
  plural: boolean
}

const shape = (match: NameMatch): Expected => ({text: match.text, en: match.entry.en, start: match.start, genitive: match.genitive, plural: match.plural})
const m = (text: string, en: string, start: number, genitive = false, plural = false): Expected => ({text, en, start, genitive, plural})
/** A plural match: `-s` and not a genitive. */
const p = (text: string, en: string, start: number): Expected => m(text, en, start, false, true)

describe('the glossary the matcher is tested with', () => {
  it('is the real glossary/names.tsv, without problems, and the synthetic names are not in it', () => {
    expect(glossary.file.messages.map(String)).toEqual([])
    expect(glossary.entries.length).toBeGreaterThan(100)
    const german = new Set(glossary.entries.map((item) => item.de))
    for (const item of synthetic) expect(german.has(item.de), item.de).toBe(false)
  })
})

const table: Array<[string, string, Expected[]]> = [
  // plain, sentence-initial
  ['sentence-initial surname', 'Selenskyj sprach in Kiew.', [m('Selenskyj', 'Zelensky', 0), m('Kiew', 'Kyiv', 20)]],
  ['full name', 'Präsident Wolodymyr Selenskyj reiste nach Lwiw.', [m('Wolodymyr Selenskyj', 'Volodymyr Zelensky', 10), m('Lwiw', 'Lviv', 42)]],
  ['a name at the very end, without punctuation', 'Gespräche in Peking', [m('Peking', 'Beijing', 13)]],
  ['a multi-word organisation, sentence-initial', 'Vereinte Nationen fordern eine Waffenruhe.', [m('Vereinte Nationen', 'United Nations', 0)]],

  // genitive -s
  ['genitive -s, sentence-initial', 'Selenskyjs Appell an die NATO blieb ungehört.', [m('Selenskyjs', 'Zelensky', 0, true), m('NATO', 'NATO', 25)]],
  ['genitive -s of a country', 'Nordkoreas Soldaten kämpfen für Russland.', [m('Nordkoreas', 'North Korea', 0, true), m('Russland', 'Russia', 32)]],
  ['genitive -s mid-sentence', 'Das ist Putins Krieg.', [m('Putins', 'Putin', 8, true)]],
  ['genitive -s of an organisation', 'Ein Sprecher des Kremls widersprach.', [m('Kremls', 'Kremlin', 17, true)]],
  ['genitive -s on a full name', 'Wladimir Putins Rede dauerte zwei Stunden.', [m('Wladimir Putins', 'Vladimir Putin', 0, true)]],
  ['genitive -s of a place', 'Kiews Bürgermeister Witali Klitschko', [m('Kiews', 'Kyiv', 0, true), m('Witali Klitschko', 'Vitali Klitschko', 20)]],
  ['genitive -s on a hyphenated name', 'Saudi-Arabiens Kronprinz traf Baschar al-Assad.', [m('Saudi-Arabiens', 'Saudi Arabia', 0, true), m('Baschar al-Assad', 'Bashar al-Assad', 30)]],
  ['genitive -s on a three-word name', 'Kim Jong Uns Schwester Kim Yo Jong', [m('Kim Jong Uns', 'Kim Jong Un', 0, true), m('Kim Yo Jong', 'Kim Yo Jong', 23)]],

  // apostrophe genitive after s/ß/x/z
  ['apostrophe genitive after s', 'Boris’ Rücktritt kam überraschend.', [m('Boris’', 'Boris', 0, true)]],
  ['genitive -s on a two-word synthetic name', 'Boris Johnsons Nachfolgerin trat an.', [m('Boris Johnsons', 'Boris Johnson', 0, true)]],
  ['apostrophe genitive after ß', 'Strauß’ Politik prägte Bayern.', [m('Strauß’', 'Strauss', 0, true)]],
  ['apostrophe genitive after x, and after z with a typewriter apostrophe', 'Marx’ Thesen und Lenz\' Romane', [m('Marx’', 'Marx', 0, true), m('Lenz\'', 'Lenz', 17, true)]],
  ['apostrophe genitive of a real place', 'Belarus’ Machthaber Lukaschenko schwieg.', [m('Belarus’', 'Belarus', 0, true), m('Lukaschenko', 'Lukashenko', 20)]],

  // hyphen compounds
  ['name as the first part of a compound', 'Die Selenskyj-Regierung lehnt das ab.', [m('Selenskyj', 'Zelensky', 4)]],
  ['place as the first part of a compound', 'Die Kursk-Offensive begann im August.', [m('Kursk', 'Kursk', 4)]],
  ['organisation in a compound, then a full name', 'NATO-Generalsekretär Mark Rutte warnte.', [m('NATO', 'NATO', 0), m('Mark Rutte', 'Mark Rutte', 21)]],
  ['two names joined by a hyphen (US is an entry too)', 'Das US-Pentagon schätzt die Zahl.', [m('US', 'US', 4), m('Pentagon', 'Pentagon', 7)]],
  ['name as the last part of a compound', 'Die Ex-Gerassimow-Vertraute schwieg.', [m('Gerassimow', 'Gerasimov', 7)]],
  ['name in the middle of a compound', 'Anti-Putin-Proteste in Sankt Petersburg', [m('Putin', 'Putin', 5), m('Sankt Petersburg', 'Saint Petersburg', 23)]],
  ['two names in one compound', 'Die Putin-Selenskyj-Gespräche scheiterten.', [m('Putin', 'Putin', 4), m('Selenskyj', 'Zelensky', 10)]],
  ['a compound with a suspended hyphen', 'Kursk- und Belgorod-Region', [m('Kursk', 'Kursk', 0), m('Belgorod', 'Belgorod', 11)]],
  ['a hyphenated organisation', 'Die Hisbollah, die Huthi und die Wagner-Gruppe', [m('Hisbollah', 'Hezbollah', 4), m('Huthi', 'Houthi', 19), m('Wagner-Gruppe', 'Wagner Group', 33)]],

  // longest match first
  ['surname only', 'Gerassimow erklärte, die Lage sei stabil.', [m('Gerassimow', 'Gerasimov', 0)]],
  [
    'full name beats surname, and the surname alone later',
    'Waleri Gerassimow ist Generalstabschef; Gerassimow gilt als Hardliner.',
    [m('Waleri Gerassimow', 'Valery Gerasimov', 0), m('Gerassimow', 'Gerasimov', 40)]
  ],
  [
    'a first name that starts a longer entry but does not finish it falls back to the surname',
    'Er verwechselte Waleri Saluschnyj mit Walerij Saluschnyj.',
    [m('Saluschnyj', 'Zaluzhnyi', 23), m('Walerij Saluschnyj', 'Valerii Zaluzhnyi', 38)]
  ],
  [
    'a long name that contains a shorter entry',
    'Abu Mohammed al-Dscholani, kurz al-Dscholani, regiert.',
    [m('Abu Mohammed al-Dscholani', 'Abu Mohammed al-Jolani', 0), m('al-Dscholani', 'al-Jolani', 32)]
  ],

  // quoted
  ['German quotes', '„Selenskyj“ sagte er nur.', [m('Selenskyj', 'Zelensky', 1)]],
  ['guillemets', 'Man nannte ihn «Putin».', [m('Putin', 'Putin', 16)]],
  ['typewriter double quotes', 'Der Sprecher zitierte "Lawrow" wörtlich.', [m('Lawrow', 'Lavrov', 23)]],
  ['German single quotes', 'Das Stichwort lautete ‚Kursk‘.', [m('Kursk', 'Kursk', 23)]],
  ['typewriter single quotes after a name that cannot take the apostrophe genitive', 'Er schrieb \'Lawrow\' an die Tafel.', [m('Lawrow', 'Lavrov', 12)]],
  // The closing quote of 'Damaskus' is a quote, not the genitive apostrophe: the name opens with the same mark.
  ['typewriter single quotes after a name ending in s: a quote, not a genitive', 'Er schrieb \'Damaskus\' an die Tafel.', [m('Damaskus', 'Damascus', 12)]],

  // line breaks and spaces
  ['a full name across a line break', 'Präsident Wolodymyr\nSelenskyj sprach.', [m('Wolodymyr\nSelenskyj', 'Volodymyr Zelensky', 10)]],
  ['a full name across a line break with indentation', 'Waleri\n   Gerassimow äußerte sich.', [m('Waleri\n   Gerassimow', 'Valery Gerasimov', 0)]],
  ['a full name with a no-break space', 'Xi\u00a0Jinping besuchte Moskau.', [m('Xi\u00a0Jinping', 'Xi Jinping', 0), m('Moskau', 'Moscow', 20)]],

  // punctuation
  ['names next to brackets, commas, semicolons, colons, exclamation marks', '(Kiew), Charkiw; Odessa: Cherson!', [m('Kiew', 'Kyiv', 1), m('Charkiw', 'Kharkiv', 8), m('Odessa', 'Odesa', 17), m('Cherson', 'Kherson', 25)]],
  ['a comma between first name and surname breaks the full name', 'Wolodymyr, Selenskyj und Putin.', [m('Selenskyj', 'Zelensky', 11), m('Putin', 'Putin', 25)]],
  ['a full stop between first name and surname breaks the full name', 'Er traf Wladimir. Putin kam später.', [m('Putin', 'Putin', 18)]],

  // several names, the same name twice
  [
    'five names in one sentence',
    'Lawrow, Peskow und Sacharowa sprachen in Moskau über Syrien.',
    [m('Lawrow', 'Lavrov', 0), m('Peskow', 'Peskov', 8), m('Sacharowa', 'Zakharova', 19), m('Moskau', 'Moscow', 41), m('Syrien', 'Syria', 53)]
  ],
  [
    'the same name twice, once inflected',
    'Selenskyj dankte, und Selenskyjs Frau Olena Selenska lächelte.',
    [m('Selenskyj', 'Zelensky', 0), m('Selenskyjs', 'Zelensky', 22, true), m('Olena Selenska', 'Olena Zelenska', 38)]
  ],
  ['the same name twice, uninflected', 'Putin sagte, Putin bleibe.', [m('Putin', 'Putin', 0), m('Putin', 'Putin', 13)]],

  // Unicode
  ['umlauts at the start and inside names', 'Ägypten, die Türkei und Pjöngjang verhandeln.', [m('Ägypten', 'Egypt', 0), m('Türkei', 'Turkey', 13), m('Pjöngjang', 'Pyongyang', 24)]],
  ['genitives of names with umlauts', 'Ägyptens Präsident und Pjöngjangs Führung', [m('Ägyptens', 'Egypt', 0, true), m('Pjöngjangs', 'Pyongyang', 23, true)]],
  ['offsets count UTF-16 units after an emoji flag', '🇺🇦 Selenskyj dankte.', [m('Selenskyj', 'Zelensky', 5)]],

  // must not match
  ['not inside a longer word (Putinismus)', 'Der Putinismus ist eine Ideologie.', []],
  ['not at the start of a compound without hyphen (Russlanddeutsche)', 'Russlanddeutsche leben in vielen Städten.', []],
  // "Kiewer" and "Moskauer" are adjectives (die Kiewer Regierung), not the place names: no match, so they reach the provider as German adjectives.
  ['not the adjectives Kiewer and Moskauer', 'Die Kiewer Bürgermeisterin und der Moskauer Bürgermeister.', []],
  ['not a name glued to another word (Selenskyjanhänger, Putinfreund)', 'Ein Selenskyjanhänger und ein Putinfreund.', []],
  ['not lower case (nato, kreml)', 'Die nato und der kreml schweigen.', []],
  ['not a demonym or an adjective (Nordkoreaner, ukrainische)', 'Nordkoreaner und ukrainische Soldaten.', []],
  ['not a name followed by digits', 'Der Hashtag Putin2024 trendet.', []],

  // inflected multi-word names: the adjective takes any German ending, the last noun -s, -es or -n
  ['nominative plural after the article', 'Die Vereinten Nationen fordern eine Waffenruhe.', [m('Vereinten Nationen', 'United Nations', 4)]],
  ['genitive plural after the article', 'Ein Sprecher der Vereinten Nationen sagte das.', [m('Vereinten Nationen', 'United Nations', 17)]],
  ['dative plural after the article', 'Sie schrieb den Vereinten Nationen einen Brief.', [m('Vereinten Nationen', 'United Nations', 16)]],
  ['strong genitive without article', 'Die Rolle Vereinter Nationen ist umstritten.', [m('Vereinter Nationen', 'United Nations', 10)]],
  ['genitive with -es: no possessive, the article carries the case', 'Der Sprecher des Weißen Hauses widersprach.', [m('Weißen Hauses', 'White House', 17)]],
  ['weak nominative after das', 'Das Weiße Haus schweigt.', [m('Weiße Haus', 'White House', 4)]],
  ['the entry as written, strong', 'Ein Weißes Haus gibt es nur einmal.', [m('Weißes Haus', 'White House', 4)]],
  ['dative after im', 'Im Weißen Haus wurde verhandelt.', [m('Weißen Haus', 'White House', 3)]],
  ['genitive of a masculine name with -es', 'Die Kämpfer des Islamischen Staates zogen ab.', [m('Islamischen Staates', 'Islamic State', 16)]],
  ['weak nominative, masculine', 'Der Islamische Staat reklamierte den Anschlag.', [m('Islamische Staat', 'Islamic State', 4)]],
  [
    'two inflected names in one sentence',
    'Vertreter der Europäischen Union und der Vereinten Nationen trafen sich.',
    [m('Europäischen Union', 'European Union', 14), m('Vereinten Nationen', 'United Nations', 41)]
  ],
  ['not a lower-case adjective (die vereinten Kräfte)', 'Die vereinten Nationen und Kräfte.', []],
  ['not a longer last word (Hausboot)', 'Ein Weißes Hausboot lag im Hafen.', []],

  // plural -s is not a genitive
  ['plural after die', 'Die Huthis greifen Schiffe an.', [p('Huthis', 'Houthi', 4)]],
  ['plural shown by the verb, without an article', 'Huthis greifen Schiffe an.', [p('Huthis', 'Houthi', 0)]],
  ['genitive plural after der, at the end of the phrase', 'Die Anführer der Huthis drohen.', [p('Huthis', 'Houthi', 17)]],
  ['plural after den, before a full stop', 'Sie sprachen mit den Huthis.', [p('Huthis', 'Houthi', 21)]],
  ['plural after die, before a preposition', 'Die Marine beschoss die Huthis im Jemen.', [p('Huthis', 'Houthi', 24), m('Jemen', 'Yemen', 34)]],
  ['plural after a numeral', 'Zwei Huthis wurden festgenommen.', [p('Huthis', 'Houthi', 5)]],
  ['a family as a plural', 'Die Selenskyjs besuchten Kiew.', [p('Selenskyjs', 'Zelensky', 4), m('Kiew', 'Kyiv', 25)]],
  ['a genitive before its noun, without a determiner', 'Huthis Raketen trafen ein Schiff.', [m('Huthis', 'Houthi', 0, true)]],
  ['a relative pronoun after a comma is no plural article', 'Menschen, die Putins Krieg ablehnen, protestieren.', [m('Putins', 'Putin', 14, true)]],
  ['a determiner followed by the name and its noun keeps the genitive', 'Sie lobte die Selenskyjs Regierung nahestehenden Kreise.', [m('Selenskyjs', 'Zelensky', 14, true)]],
  ['genitive after des stays a genitive', 'Die Macht des Kremls wächst.', [m('Kremls', 'Kremlin', 14, true)]]
]

describe('NameMatcher.match', () => {
  it('has a table of at least 40 sentences', () => {
    expect(table.length).toBeGreaterThanOrEqual(53 + 15)
  })

  it.each(table)('%s: %j', (_title, sentence, expected) => {
    const found = matcher.match(sentence)
    expect(found.map(shape)).toEqual(expected)
    for (const match of found) {
      // text, start and end agree with the sentence
      expect(sentence.slice(match.start, match.end)).toBe(match.text)
    }
  })

  it('matches an entry whose German form has a full stop (St. Petersburg) instead of dropping it silently', () => {
    const withDot = new NameMatcher([entry('St. Petersburg', 'Saint Petersburg', 'place')])
    expect(withDot.match('Gespräche in St. Petersburg').map(shape)).toEqual([m('St. Petersburg', 'Saint Petersburg', 13)])
  })

  it('gives the first entry for a German form when a glossary (wrongly) has two', () => {
    const twice = new NameMatcher([entry('Selenskyj', 'Zelensky'), entry('Selenskyj', 'Zelenskyy')])
    expect(twice.match('Selenskyj').map(shape)).toEqual([m('Selenskyj', 'Zelensky', 0)])
  })

  it('finds nothing with an empty glossary, and nothing in an empty text', () => {
    expect(new NameMatcher([]).match('Selenskyj und Putin')).toEqual([])
    expect(matcher.match('')).toEqual([])
  })
})

describe('englishForm', () => {
  const form = (sentence: string): string[] => matcher.match(sentence).map(englishForm)

  it('is the English form for a plain match', () => {
    expect(form('Selenskyj und Waleri Gerassimow')).toEqual(['Zelensky', 'Valery Gerasimov'])
  })

  it('turns a German genitive into an English possessive with ’s', () => {
    expect(form('Selenskyjs Appell')).toEqual(['Zelensky’s'])
    expect(form('Nordkoreas Soldaten')).toEqual(['North Korea’s'])
    expect(form('Wladimir Putins Rede')).toEqual(['Vladimir Putin’s'])
    expect(form('des Kremls')).toEqual(['Kremlin’s'])
    expect(form('Marx’ Thesen')).toEqual(['Marx’s'])
    expect(form('Lenz\' Romane')).toEqual(['Lenz’s'])
  })

  it('gives a plural -s to a plural, and leaves an inflected name as it is', () => {
    expect(form('Die Huthis greifen an')).toEqual(['Houthis'])
    expect(form('Der Sprecher des Weißen Hauses')).toEqual(['White House'])
    expect(form('Huthis Raketen')).toEqual(['Houthi’s'])
  })

  it('leaves an English form\'s own "the" to the German article\'s translation', () => {
    expect(form('Hohe Pforte verhandelte')).toEqual(['the Sublime Porte'])
    expect(form('Gesandte der Hohen Pforte')).toEqual(['Sublime Porte'])
  })

  it('adds only the apostrophe when the English form ends in s', () => {
    expect(form('Boris’ Rücktritt')).toEqual(['Boris’'])
    expect(form('Strauß’ Politik')).toEqual(['Strauss’'])
    expect(form('Belarus’ Machthaber')).toEqual(['Belarus’'])
    expect(form('Damaskus’ Altstadt')).toEqual(['Damascus’'])
    expect(form('Boris Johnsons Nachfolgerin')).toEqual(['Boris Johnson’s'])
  })
})

describe('a glossary of 100,000 entries', () => {
  it('builds and matches correctly (not timed)', () => {
    const entries: GlossaryEntry[] = []
    for (let index = 0; index < 50_000; index++) {
      entries.push(entry(`Ortschaft${index}`, `Town${index}`, 'place'))
      entries.push(entry(`Vorname${index} Nachname${index}`, `Firstname${index} Lastname${index}`))
    }
    entries.push(...synthetic)
    const big = new NameMatcher(entries)
    const text = 'In Ortschaft17 traf Vorname49999 Nachname49999 auf Boris’ Leute; Ortschaft49999s Rat und Vorname3 Nachname4 schwiegen, Ortschaft50000 nicht.'
    expect(big.match(text).map(shape)).toEqual([
      m('Ortschaft17', 'Town17', 3),
      m('Vorname49999 Nachname49999', 'Firstname49999 Lastname49999', 20),
      m('Boris’', 'Boris', 51, true),
      m('Ortschaft49999s', 'Town49999', 65, true)
    ])

    // A long text: every tenth word a name, all found, in order.
    const words: string[] = []
    const expected: Expected[] = []
    let offset = 0
    for (let index = 0; index < 20_000; index++) {
      const word = index % 10 === 0 ? `Ortschaft${index}` : 'und'
      if (index % 10 === 0) expected.push(m(word, `Town${index}`, offset))
      words.push(word)
      offset += word.length + 1
    }
    const found = big.match(words.join(' '))
    expect(found).toHaveLength(2_000)
    expect(found.map(shape)).toEqual(expected)
  })
})

describe('the character-level scan', () => {
  /** Words that names are made of and that stand around them, inflected forms and look-alikes included. */
  const words = [
    'Selenskyj', 'Selenskyjs', 'Wolodymyr', 'Kursk', 'Boris', 'Johnson', 'Strauß', 'Marx', 'Lenz', 'Vereinte', 'Vereinten',
    'Nationen', 'Weißes', 'Weißen', 'Haus', 'Hauses', 'Europäische', 'Europäischen', 'Union', 'Islamischer', 'Islamischen',
    'Staat', 'Staates', 'Huthis', 'Huthi', 'Hohe', 'Hohen', 'Pforte', 'Nordkorea', 'Nordkoreas', 'Kiew', 'St', 'Petersburg',
    'O', 'Brien', 'al', 'Assad', 'der', 'die', 'des', 'Die', 'greifen', 'sagte', 'und', 'Regierung', 'Offensive', '42', 'Türkei',
    'Tu\u0308rkei', '𝔄lpha', 'Ωmega', 'ǅoe', 'x'
  ]
  const separators = [' ', ' ', '  ', '-', '‑', '. ', '.', "'", '’', "' ", '\n', '\u00a0', '\r\n', ', ', '„', '“ ', '/', '🎉', '\ud800', '']
  const kinds = ['person', 'place', 'org', 'term'] as const

  const inflectable = fc.constantFrom(
    entry('Vereinte Nationen', 'United Nations', 'org'),
    entry('Weißes Haus', 'White House', 'org'),
    entry('Islamischer Staat', 'Islamic State', 'org'),
    entry('Vereinigte Arabische Emirate', 'United Arab Emirates', 'place')
  )
  const name = fc.oneof(inflectable, fc
    .tuple(fc.array(fc.constantFrom(...words), {minLength: 1, maxLength: 3}), fc.constantFrom(' ', ' ', '-', '. ', "'"), fc.constantFrom(...kinds))
    .map(([parts, join, kind]) => entry(parts.join(join), parts.join(join).toUpperCase(), kind)))
  const text = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...words), fc.string({maxLength: 3, unit: 'binary'})), fc.constantFrom(...separators)), {maxLength: 40})
    .map((pieces) => pieces.map(([word, separator]) => word + separator).join(''))

  it('finds what the token matcher found, on random text with random names', () => {
    fc.assert(
      fc.property(fc.array(name, {maxLength: 12}), fc.array(text, {minLength: 1, maxLength: 4}), (names, texts) => {
        const fast = new NameMatcher(names)
        const oracle = new OracleNameMatcher(names)
        for (const sample of texts) expect(fast.match(sample)).toEqual(oracle.match(sample))
      }),
      {numRuns: 1500}
    )
  })

  it('finds what the token matcher found with the real glossary, on random text', () => {
    const oracle = new OracleNameMatcher([...glossary.entries, ...synthetic])
    fc.assert(
      fc.property(text, (sample) => {
        expect(matcher.match(sample)).toEqual(oracle.match(sample))
      }),
      {numRuns: 1500}
    )
  })
})
