/**
 * glossary/names.tsv: parse and lint (src/glossary/names-file.ts) on bad files, each with the
 * exact `line:column reason ruleId` it must give; the real file; and formatNamesFile.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {NameMatcher} from '../src/glossary/matcher.ts'
import {formatNamesFile, parseNamesFile, readNameGlossary, type GlossaryEntry} from '../src/glossary/names-file.ts'
import {repoRoot} from './project.ts'

const header = 'de\ten\tkind\tnote\n'

interface Linted {
  /** `[line, de, en, kind, note]` of each entry returned. */
  entries: Array<[number, string, string, string, string]>
  /** `line:column reason ruleId` */
  messages: string[]
  fatal: Array<boolean | null | undefined>
}

function lint(content: string | Uint8Array): Linted {
  const file = new VFile({path: 'glossary/names.tsv'})
  const entries = parseNamesFile(file, typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
  return {
    entries: entries.map((entry) => [entry.line, entry.de, entry.en, entry.kind, entry.note]),
    messages: file.messages.map((message) => `${message.line}:${message.column} ${message.reason} ${message.ruleId}`),
    fatal: file.messages.map((message) => message.fatal)
  }
}

describe('parseNamesFile on a good file', () => {
  it('gives every entry with its line, and no message', () => {
    expect(lint(header + 'Kursk\tKursk\tplace\tRussian region\nSelenskyj\tZelensky\tperson\t\n')).toEqual({
      entries: [
        [2, 'Kursk', 'Kursk', 'place', 'Russian region'],
        [3, 'Selenskyj', 'Zelensky', 'person', '']
      ],
      messages: [],
      fatal: []
    })
  })

  it('accepts a last line without a newline', () => {
    expect(lint(header + 'Kursk\tKursk\tplace\t')).toEqual({entries: [[2, 'Kursk', 'Kursk', 'place', '']], messages: [], fatal: []})
  })

  it('ignores comment lines, even with tabs in them', () => {
    expect(lint(header + '# a comment\nKursk\tKursk\tplace\t\n#another\tcomment\twith\ttabs\tand more\n')).toEqual({
      entries: [[3, 'Kursk', 'Kursk', 'place', '']],
      messages: [],
      fatal: []
    })
  })

  it('ignores empty lines, and counts them for the line numbers', () => {
    expect(lint(header + '\nKursk\tKursk\tplace\t\n\n\nMoskau\tMoscow\tplace\t\n')).toEqual({
      entries: [
        [3, 'Kursk', 'Kursk', 'place', ''],
        [6, 'Moskau', 'Moscow', 'place', '']
      ],
      messages: [],
      fatal: []
    })
  })

  it('does not call an English form that equals its own German form, or another entry with the same English, a chain', () => {
    expect(lint(header + 'Belarus\tBelarus\tplace\t\nPutin\tPutin\tperson\t\nWeißrussland\tBelarus\tplace\tolder name\n').messages).toEqual([])
  })
})

describe('parseNamesFile on a bad file', () => {
  it('missing header: the first line is an entry', () => {
    expect(lint('Selenskyj\tZelensky\tperson\t\nKursk\tKursk\tplace\t\n')).toEqual({
      entries: [
        [1, 'Selenskyj', 'Zelensky', 'person', ''],
        [2, 'Kursk', 'Kursk', 'place', '']
      ],
      messages: ['1:1 the first line must be the header `de\\ten\\tkind\\tnote`, not `Selenskyj\\tZelensky\\tperson\\t` glossary-header'],
      fatal: [true]
    })
  })

  it('wrong header: a column missing', () => {
    expect(lint('de\ten\tkind\nKursk\tKursk\tplace\t\n')).toEqual({
      entries: [[2, 'Kursk', 'Kursk', 'place', '']],
      messages: ['1:1 the first line must be the header `de\\ten\\tkind\\tnote`, not `de\\ten\\tkind` glossary-header'],
      fatal: [true]
    })
  })

  it('wrong header: other names', () => {
    expect(lint('de\ten\tart\tnotiz\nKursk\tKursk\tplace\t\n')).toEqual({
      entries: [[2, 'Kursk', 'Kursk', 'place', '']],
      messages: ['1:1 the first line must be the header `de\\ten\\tkind\\tnote`, not `de\\ten\\tart\\tnotiz` glossary-header'],
      fatal: [true]
    })
  })

  it('an empty file', () => {
    expect(lint('')).toEqual({
      entries: [],
      messages: ['1:1 the glossary is empty; its first line must be the header `de\\ten\\tkind\\tnote` glossary-header'],
      fatal: [true]
    })
  })

  it('wrong column count: too few, too many, spaces instead of tabs', () => {
    expect(lint(header + 'Kursk\tKursk\tplace\t\nSelenskyj\tZelensky\tperson\nMoskau\tMoscow\tplace\t\tmore\nKiew Kyiv place\n')).toEqual({
      entries: [[2, 'Kursk', 'Kursk', 'place', '']],
      messages: [
        '3:1 expected 4 tab-separated fields (de, en, kind, note), found 3 glossary-columns',
        '4:1 expected 4 tab-separated fields (de, en, kind, note), found 5 glossary-columns',
        '5:1 expected 4 tab-separated fields (de, en, kind, note), found 1 glossary-columns'
      ],
      fatal: [true, true, true]
    })
  })

  it('duplicate', () => {
    const linted = lint(header + 'Kursk\tKursk\tplace\t\nMoskau\tMoscow\tplace\t\nKursk\tKursk\tplace\t\n')
    expect(linted.messages).toEqual(['4:1 duplicate entry `Kursk` (first on line 2) glossary-duplicate'])
    expect(linted.fatal).toEqual([true])
  })

  it('conflicting entries: one German form, two English forms', () => {
    const linted = lint(header + 'Selenskyj\tZelensky\tperson\t\nKursk\tKursk\tplace\t\nSelenskyj\tZelenskyy\tperson\t\n')
    expect(linted.messages).toEqual(['4:1 `Selenskyj` is `Zelensky` on line 2 but `Zelenskyy` here glossary-conflict'])
    expect(linted.fatal).toEqual([true])
  })

  it('empty fields: de, en and kind; an empty note is fine', () => {
    expect(lint(header + '\tZelensky\tperson\t\nSelenskyj\t\tperson\t\nKursk\tKursk\t\t\nMoskau\tMoscow\tplace\t\n')).toEqual({
      entries: [[5, 'Moskau', 'Moscow', 'place', '']],
      messages: [
        '2:1 `de` is empty glossary-empty-field',
        '3:11 `en` is empty glossary-empty-field',
        '4:13 `kind` is empty glossary-empty-field'
      ],
      fatal: [true, true, true]
    })
  })

  it('stray whitespace: leading, trailing, double, in the note, and a field of only a space', () => {
    const text =
      header +
      ' Selenskyj\tZelensky\tperson\t\n' +
      'Kursk\tKursk \tplace\t\n' +
      'Wolodymyr  Selenskyj\tVolodymyr Zelensky\tperson\t\n' +
      'Moskau\tMoscow\tplace\tcapital of Russia \n' +
      'Charkiw\t \tplace\t\n' +
      'Kiew\tKyiv\tplace\t\n'
    expect(lint(text)).toEqual({
      entries: [[7, 'Kiew', 'Kyiv', 'place', '']],
      messages: [
        '2:1 stray whitespace in `de` ` Selenskyj` glossary-whitespace',
        '3:7 stray whitespace in `en` `Kursk ` glossary-whitespace',
        '4:1 stray whitespace in `de` `Wolodymyr  Selenskyj` glossary-whitespace',
        '5:21 stray whitespace in `note` `capital of Russia ` glossary-whitespace',
        '6:9 stray whitespace in `en` ` ` glossary-whitespace',
        '6:9 `en` is empty glossary-empty-field'
      ],
      fatal: [true, true, true, true, true, true]
    })
  })

  it('unknown kind, case included', () => {
    expect(lint(header + 'Selenskyj\tZelensky\tpolitician\t\nKursk\tKursk\tPlace\t\nMoskau\tMoscow\tplace\t\n')).toEqual({
      entries: [[4, 'Moskau', 'Moscow', 'place', '']],
      messages: [
        '2:20 `kind` must be one of person, place, org, term, not `politician` glossary-kind',
        '3:13 `kind` must be one of person, place, org, term, not `Place` glossary-kind'
      ],
      fatal: [true, true]
    })
  })

  it('chain: an English form that is another entry’s German form', () => {
    const linted = lint(header + 'Belarus\tBelarus\tplace\t\nKiew\tKyiv\tplace\t\nKyjiw\tKiew\tplace\t\nWeißrussland\tBelarus\tplace\t\n')
    expect(linted.messages).toEqual(['4:7 the English `Kiew` is itself a German entry (line 3, → `Kyiv`) glossary-chain'])
    expect(linted.fatal).toEqual([true])
  })

  it('BOM: reported, and the rest still read', () => {
    expect(lint('\uFEFF' + header + 'Kursk\tKursk\tplace\t\n')).toEqual({
      entries: [[2, 'Kursk', 'Kursk', 'place', '']],
      messages: ['1:1 the glossary starts with a byte order mark; save it as UTF-8 without BOM glossary-bom'],
      fatal: [true]
    })
  })

  it('CRLF everywhere: reported on line 1, and the fields carry no CR', () => {
    expect(lint((header + 'Kursk\tKursk\tplace\t\n').replace(/\n/g, '\r\n'))).toEqual({
      entries: [[2, 'Kursk', 'Kursk', 'place', '']],
      messages: ['1:1 the glossary has CRLF (or CR) line endings; save it with LF line endings glossary-line-ending'],
      fatal: [true]
    })
  })

  it('CRLF from line 3 on: reported at its first line', () => {
    expect(lint(header + 'Kursk\tKursk\tplace\t\nMoskau\tMoscow\tplace\t\r\nKiew\tKyiv\tplace\t\r\n')).toEqual({
      entries: [
        [2, 'Kursk', 'Kursk', 'place', ''],
        [3, 'Moskau', 'Moscow', 'place', ''],
        [4, 'Kiew', 'Kyiv', 'place', '']
      ],
      messages: ['3:1 the glossary has CRLF (or CR) line endings; save it with LF line endings glossary-line-ending'],
      fatal: [true]
    })
  })

  it('invalid UTF-8 (a Latin-1 ö on line 3): its line and byte offset, and no entries', () => {
    // header 16 bytes + `Kursk\tKursk\tplace\t\n` 19 bytes + `Pj` 2 bytes: the 0xf6 is byte 37.
    const bytes = Buffer.concat([
      Buffer.from(header + 'Kursk\tKursk\tplace\t\nPj', 'utf8'),
      Buffer.from([0xf6]),
      Buffer.from('ngjang\tPyongyang\tplace\t\n', 'utf8')
    ])
    expect(lint(bytes)).toEqual({
      entries: [],
      messages: ['3:1 not valid UTF-8 at byte 37; save the glossary as UTF-8 glossary-encoding'],
      fatal: [true]
    })
  })

  it('several problems in one file: all of them, each at its line', () => {
    const text =
      '\uFEFF' +
      header +
      'Kursk\tKursk\tplace\t\n' +
      'Kursk\tKursk\tplace\t\n' +
      'Selenskyj\tZelensky\tperson\n' +
      'Moskau\tMoscow\tcity\t\n'
    expect(lint(text).messages).toEqual([
      '1:1 the glossary starts with a byte order mark; save it as UTF-8 without BOM glossary-bom',
      '4:1 expected 4 tab-separated fields (de, en, kind, note), found 3 glossary-columns',
      '5:15 `kind` must be one of person, place, org, term, not `city` glossary-kind',
      '3:1 duplicate entry `Kursk` (first on line 2) glossary-duplicate'
    ])
  })
})

describe('the real glossary/names.tsv', () => {
  /** The names of the seed article (content/de), as German forms in the glossary. */
  const seedNames = [
    'Choe Son Hui',
    'Gerassimow',
    'Indopazifik',
    'Kursk',
    'Mark Rutte',
    'Moskau',
    'NATO',
    'Nordkorea',
    'Pentagon',
    'Putin',
    'Russland',
    'Rutte',
    'Selenskyj',
    'Südkorea',
    'Ukraine',
    'Waleri Gerassimow',
    'Wladimir Putin',
    'Wolodymyr Selenskyj'
  ]

  it('lints clean, has every name of the seed, and at least 60 more', async () => {
    const glossary = await readNameGlossary(path.join(repoRoot, 'glossary', 'names.tsv'), repoRoot)
    expect(glossary.file.messages.map(String)).toEqual([])
    const german = glossary.entries.map((entry) => entry.de)
    expect(german).toEqual(expect.arrayContaining(seedNames))
    expect(german.filter((de) => !seedNames.includes(de)).length).toBeGreaterThanOrEqual(60)
    // A few that the issue names.
    const english = new Map(glossary.entries.map((entry) => [entry.de, entry.en]))
    expect(english.get('Gerassimow')).toBe('Gerasimov')
    expect(english.get('Waleri Gerassimow')).toBe('Valery Gerasimov')
    expect(english.get('Selenskyj')).toBe('Zelensky')
    expect(english.get('Wladimir Putin')).toBe('Vladimir Putin')
    expect(english.get('Lawrow')).toBe('Lavrov')
    expect(english.get('Charkiw')).toBe('Kharkiv')
    expect(english.get('Peking')).toBe('Beijing')
    expect(english.get('Nordkorea')).toBe('North Korea')
    expect(english.get('Südkorea')).toBe('South Korea')
    expect(english.get('Moskau')).toBe('Moscow')
  })

  it('matches every seed name in the seed article (Südkorea only as an adjective there)', async () => {
    const glossary = await readNameGlossary(path.join(repoRoot, 'glossary', 'names.tsv'), repoRoot)
    const seed = await readFile(
      path.join(repoRoot, 'content', 'de', 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk.md'),
      'utf8'
    )
    const found = new Set(new NameMatcher(glossary.entries).match(seed).map((match) => match.entry.de))
    expect([...found]).toEqual(expect.arrayContaining(seedNames.filter((name) => name !== 'Südkorea')))
  })

  it('is what formatNamesFile writes for its own entries and comments (sorted, header first)', async () => {
    const text = await readFile(path.join(repoRoot, 'glossary', 'names.tsv'), 'utf8')
    const glossary = await readNameGlossary(path.join(repoRoot, 'glossary', 'names.tsv'), repoRoot)
    const comments = text.split('\n').filter((line) => line.startsWith('#'))
    expect(formatNamesFile(glossary.entries, comments)).toBe(text)
  })

  it('a missing file is an empty glossary without messages', async () => {
    const glossary = await readNameGlossary(path.join(repoRoot, 'glossary', 'no-such-file.tsv'), repoRoot)
    expect(glossary.entries).toEqual([])
    expect(glossary.bytes).toBeUndefined()
    expect(glossary.file.messages).toEqual([])
  })
})

describe('formatNamesFile', () => {
  const entry = (de: string, en: string, kind: GlossaryEntry['kind'] = 'place', note = ''): Omit<GlossaryEntry, 'line'> => ({de, en, kind, note})

  it('sorts German-aware: Ä with A, Ö with O, Ü with U, not after Z', () => {
    const entries = [
      entry('Zypern', 'Cyprus'),
      entry('Ukraine', 'Ukraine'),
      entry('Österreich', 'Austria'),
      entry('Oman', 'Oman'),
      entry('Ägypten', 'Egypt'),
      entry('Albanien', 'Albania'),
      entry('Überlingen', 'Überlingen', 'place', 'town on Lake Constance'),
      entry('Afghanistan', 'Afghanistan')
    ]
    expect(formatNamesFile(entries, ['# countries'])).toBe(
      [
        'de\ten\tkind\tnote',
        '# countries',
        'Afghanistan\tAfghanistan\tplace\t',
        'Ägypten\tEgypt\tplace\t',
        'Albanien\tAlbania\tplace\t',
        'Oman\tOman\tplace\t',
        'Österreich\tAustria\tplace\t',
        'Überlingen\tÜberlingen\tplace\ttown on Lake Constance',
        'Ukraine\tUkraine\tplace\t',
        'Zypern\tCyprus\tplace\t',
        ''
      ].join('\n')
    )
  })

  it('round-trips: what it writes parses clean into the same entries, and formats to the same text', () => {
    const entries = [
      entry('Waleri Gerassimow', 'Valery Gerasimov', 'person', 'Chief of the Russian General Staff'),
      entry('Ägypten', 'Egypt'),
      entry('Gerassimow', 'Gerasimov', 'person', 'surname of Valery Gerasimov'),
      entry('NATO', 'NATO', 'org'),
      entry('al-Dscholani', 'al-Jolani', 'person')
    ]
    const text = formatNamesFile(entries)
    expect(text).toBe(
      [
        'de\ten\tkind\tnote',
        'Ägypten\tEgypt\tplace\t',
        'al-Dscholani\tal-Jolani\tperson\t',
        'Gerassimow\tGerasimov\tperson\tsurname of Valery Gerasimov',
        'NATO\tNATO\torg\t',
        'Waleri Gerassimow\tValery Gerasimov\tperson\tChief of the Russian General Staff',
        ''
      ].join('\n')
    )
    const linted = lint(text)
    expect(linted.messages).toEqual([])
    expect(linted.entries).toEqual([
      [2, 'Ägypten', 'Egypt', 'place', ''],
      [3, 'al-Dscholani', 'al-Jolani', 'person', ''],
      [4, 'Gerassimow', 'Gerasimov', 'person', 'surname of Valery Gerasimov'],
      [5, 'NATO', 'NATO', 'org', ''],
      [6, 'Waleri Gerassimow', 'Valery Gerasimov', 'person', 'Chief of the Russian General Staff']
    ])
    const file = new VFile({path: 'glossary/names.tsv'})
    expect(formatNamesFile(parseNamesFile(file, Buffer.from(text)))).toBe(text)
  })
})
