import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Heading, List, Paragraph, Root, Yaml} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import * as plainText from '../src/import/plain-text.ts'
import {importPlainText, slugify, type ImportOptions} from '../src/import/plain-text.ts'
import {findInvalidUtf8} from '../src/core/utf8.ts'

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
type VFileMessage = VFile['messages'][number]

const seedName = '000_f0ae384efe2a001d.txt'
const seedPath = path.join(repoRoot, '..', 'shared', 'seeds', seedName)
const seedBytes = readFileSync(seedPath)
const seedText = seedBytes.toString('utf8')
const seedExpected = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'import', 'seed.expected.md'), 'utf8')

function run(value: string | Uint8Array, options?: ImportOptions, filePath = 'artikel.txt') {
  const file = new VFile({path: filePath, value})
  const result = importPlainText(file, options)
  return {...result, file, messages: file.messages.map(String)}
}

/** Run and expect `file.fail`: returns the thrown message, checked to be the file's fatal message. */
function runFailing(value: string | Uint8Array, options?: ImportOptions, filePath = 'artikel.txt'): VFileMessage {
  const file = new VFile({path: filePath, value})
  let caught: unknown
  try {
    importPlainText(file, options)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeDefined()
  const message = caught as VFileMessage
  expect(message.fatal).toBe(true)
  expect(message.source).toBe('tandem')
  expect(message.file).toBe(filePath)
  expect(file.messages).toContain(message)
  return message
}

function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).parse(markdown)
}

const frontMatter = (source = 'artikel.txt', title = 'Titel') => `---\ntitle: ${title}\nlang: de\nsource: ${source}\n---\n`

describe('API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(plainText).sort()).toEqual(['importPlainText', 'isValidSlug', 'slugify'])
  })
})

describe('the seed article', () => {
  it('becomes the expected Markdown, without messages', () => {
    const {slug, markdown, messages} = run(seedBytes, undefined, seedPath)
    expect(slug).toBe('russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk')
    expect(markdown).toBe(seedExpected)
    expect(messages).toEqual([])
  })

  it('has front matter, 7 paragraphs, 2 section headings, and the Details list', () => {
    const {markdown} = run(seedBytes, undefined, seedPath)
    const tree = parseMarkdown(markdown)

    expect(tree.children.map((node) => node.type)).toEqual([
      'yaml',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'list'
    ])

    const yaml = tree.children[0] as Yaml
    expect(yaml.value).toBe(
      'title: "Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!"\nlang: de\nsource: 000_f0ae384efe2a001d.txt'
    )
    expect(Object.entries(parseYaml(yaml.value) as object)).toEqual([
      ['title', 'Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!'],
      ['lang', 'de'],
      ['source', seedName]
    ])

    const headings = tree.children.filter((node): node is Heading => node.type === 'heading')
    expect(headings.map((node) => [node.depth, toString(node)])).toEqual([
      [2, 'Besorgnis über die Militärische Zusammenarbeit'],
      [2, 'Zahlen und Fakten zu Nordkoreas Unterstützung'],
      [2, 'Details']
    ])

    // The paragraphs read back as exactly the seed's lines: nothing escaped away, quotes „…“ kept.
    const seedLines = seedText.split('\n')
    const paragraphs = tree.children.filter((node): node is Paragraph => node.type === 'paragraph')
    expect(paragraphs.map((node) => toString(node))).toEqual([3, 5, 9, 11, 15, 17, 19].map((n) => seedLines[n - 1]))
    expect(toString(paragraphs[0])).toContain('„Befreiung“')

    const list = tree.children.at(-1) as List
    expect(list.ordered).toBe(false)
    expect(list.spread).toBe(false)
    expect(list.children.map((item) => toString(item))).toEqual([
      'Vorfall: Terrorismus',
      'Ursache: militärische Zusammenarbeit, Konflikt',
      'Ort: Kursk, Russland',
      'Quellen:'
    ])
    const sources = list.children[3]?.children[0] as Paragraph
    expect(sources.children).toEqual([expect.objectContaining({type: 'strong'})])
  })

  it('gives the same Markdown with CRLF line endings', () => {
    expect(run(seedText.replaceAll('\n', '\r\n'), undefined, seedPath).markdown).toBe(seedExpected)
  })

  it('gives the same Markdown with lone CR line endings', () => {
    expect(run(seedText.replaceAll('\n', '\r'), undefined, seedPath).markdown).toBe(seedExpected)
  })

  it('ignores trailing spaces and tabs, and blank lines made of whitespace', () => {
    const padded = seedText.split('\n').map((line, index) => line + (index % 2 === 0 ? ' \t ' : '\t')).join('\n')
    const {markdown, messages} = run(padded, undefined, seedPath)
    expect(markdown).toBe(seedExpected)
    expect(messages).toEqual([])
  })

  it('strips a UTF-8 byte order mark and says so', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes])
    const {markdown, messages, file} = run(withBom, undefined, seedPath)
    expect(markdown).toBe(seedExpected)
    expect(messages).toEqual([`${seedPath}:1:1: Removed the UTF-8 byte order mark`])
    expect(file.messages[0]?.ruleId).toBe('bom-removed')
    expect(file.messages[0]?.fatal).toBe(undefined)
  })

  it('records `options.sourceName` and uses `options.slug`', () => {
    const {slug, markdown} = run(seedBytes, {slug: 'nordkorea-kursk', sourceName: 'seed.txt'}, seedPath)
    expect(slug).toBe('nordkorea-kursk')
    expect(markdown).toBe(seedExpected.replace(`source: ${seedName}`, 'source: seed.txt'))
  })
})

describe('variants', () => {
  it('an article without Details block', () => {
    const {markdown, slug} = run('Ein Titel\n\nErster Absatz.\n\nZwischentitel\n\nZweiter Absatz.\n')
    expect(slug).toBe('ein-titel')
    expect(markdown).toBe(`${frontMatter('artikel.txt', 'Ein Titel')}\nErster Absatz.\n\n## Zwischentitel\n\nZweiter Absatz.\n`)
  })

  it('a title and nothing else', () => {
    expect(run('Nur ein Titel').markdown).toBe(`${frontMatter('artikel.txt', 'Nur ein Titel')}`)
  })

  it('keeps a question on a line of its own as a paragraph', () => {
    const {markdown} = run('Titel\n\nWas bedeutet das für Europa?\n\nDas ist noch offen.')
    expect(markdown).toBe(`${frontMatter()}\nWas bedeutet das für Europa?\n\nDas ist noch offen.\n`)
  })

  it('keeps short lines with end punctuation, also before closing quotes, as paragraphs', () => {
    const {markdown} = run(
      'Titel\n\nEr sagte: „Nein.“\n\nAch so!\n\nNun ja,\n\nEine Liste:\n\nUnd dann…\n\nDie „Befreiung“ von Kursk'
    )
    expect(markdown).toBe(
      `${frontMatter()}\nEr sagte: „Nein.“\n\nAch so!\n\nNun ja,\n\nEine Liste:\n\nUnd dann…\n\n## Die „Befreiung“ von Kursk\n`
    )
  })

  it('keeps long or wordy stand-alone lines as paragraphs', () => {
    const elevenWords = 'eins zwei drei vier fünf sechs sieben acht neun zehn elf'
    const tenWords = 'eins zwei drei vier fünf sechs sieben acht neun zehn'
    const longLine = 'Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen'.repeat(2)
    const {markdown} = run(`Titel\n\n${elevenWords}\n\n${tenWords}\n\n${longLine}`)
    expect(longLine.length).toBeGreaterThan(80)
    expect(markdown).toBe(`${frontMatter()}\n${elevenWords}\n\n## ${tenWords}\n\n${longLine}\n`)
  })

  it('treats several blank lines as one, and joins the lines of a paragraph with a space', () => {
    const {markdown, messages} = run(
      '\n\n  Titel  \n\n\n\n  Erste Zeile\n\tzweite Zeile\ndritte Zeile.\n\n \n\t\n\nZwischentitel\n\n\n\nLetzter Absatz.\n\n\n'
    )
    expect(markdown).toBe(
      `${frontMatter()}\nErste Zeile zweite Zeile dritte Zeile.\n\n## Zwischentitel\n\nLetzter Absatz.\n`
    )
    expect(messages).toEqual([])
  })

  it('warns when the title is not followed by a blank line, and keeps the text', () => {
    const {markdown, messages} = run('Titel\nGleich danach ein Satz.\n\nNoch einer.')
    expect(markdown).toBe(`${frontMatter()}\nGleich danach ein Satz.\n\nNoch einer.\n`)
    expect(messages).toEqual(['artikel.txt:2:1: Unexpected text right after the title; expected a blank line after line 1'])
  })

  it('escapes text that looks like Markdown syntax', () => {
    const {markdown} = run(
      'Titel\n\n1. Januar war es kalt.\n\n# Keine Überschrift.\n\n* Kein Punkt.\n\n> Kein Zitat.\n\n- Kein Strich.\n\nEtwa ~10.000 Soldaten, *nicht* fett, <b>kein HTML</b>, [keine](Links) und `kein Code`.\n\nJa | Nein ist die Frage.\n\n* Sternchen-Titel'
    )
    expect(markdown).toBe(
      `${frontMatter()}\n1\\. Januar war es kalt.\n\n\\# Keine Überschrift.\n\n\\* Kein Punkt.\n\n\\> Kein Zitat.\n\n\\- Kein Strich.\n\nEtwa \\~10.000 Soldaten, \\*nicht\\* fett, \\<b>kein HTML\\</b>, \\[keine]\\(Links) und \\\`kein Code\\\`.\n\nJa | Nein ist die Frage.\n\n## \\* Sternchen-Titel\n`
    )
    // And it reads back as the same text.
    const paragraphs = parseMarkdown(markdown).children.filter((node) => node.type === 'paragraph')
    expect(paragraphs.map((node) => toString(node))).toEqual([
      '1. Januar war es kalt.',
      '# Keine Überschrift.',
      '* Kein Punkt.',
      '> Kein Zitat.',
      '- Kein Strich.',
      'Etwa ~10.000 Soldaten, *nicht* fett, <b>kein HTML</b>, [keine](Links) und `kein Code`.',
      'Ja | Nein ist die Frage.'
    ])
  })

  it('turns bare web addresses into links, without the sentence punctuation after them', () => {
    const {markdown} = run(
      'Titel\n\nMehr unter https://example.com/a_b?x=1. Oder (https://de.wikipedia.org/wiki/Kursk_(Stadt)).\n\nDetails\nQuellen https://example.org/nachricht'
    )
    expect(markdown).toBe(
      `${frontMatter()}\nMehr unter <https://example.com/a_b?x=1>. Oder (<https://de.wikipedia.org/wiki/Kursk_(Stadt)>).\n\n## Details\n\n- **Quellen:** <https://example.org/nachricht>\n`
    )
  })

  it('accepts a string value', () => {
    expect(run(seedText, undefined, seedPath).markdown).toBe(seedExpected)
  })
})

describe('the Details block', () => {
  it('accepts spaces, tabs and colons between label and value, and keeps labels without value', () => {
    const {markdown, messages} = run(
      'Titel\n\nText.\n\nDetails\nVorfall: Terrorismus\nUrsache\tKonflikt\nOrt    Kursk, Russland\nQuellen:'
    )
    expect(markdown).toBe(
      `${frontMatter()}\nText.\n\n## Details\n\n- **Vorfall:** Terrorismus\n- **Ursache:** Konflikt\n- **Ort:** Kursk, Russland\n- **Quellen:**\n`
    )
    expect(messages).toEqual([])
  })

  it('accepts `Details` on its own followed by a block of label lines', () => {
    const {markdown} = run('Titel\n\nText.\n\nDetails\n\nOrt Kursk\nQuellen')
    expect(markdown).toBe(`${frontMatter()}\nText.\n\n## Details\n\n- **Ort:** Kursk\n- **Quellen:**\n`)
  })

  it('warns about an unknown label at its position and keeps the line as a plain item', () => {
    const {markdown, messages, file} = run('Titel\n\nText.\n\nDetails\nVorfall Terrorismus\n  Opfer 3 Tote\nQuellen')
    expect(markdown).toBe(
      `${frontMatter()}\nText.\n\n## Details\n\n- **Vorfall:** Terrorismus\n- Opfer 3 Tote\n- **Quellen:**\n`
    )
    expect(messages).toEqual([
      'artikel.txt:7:3-7:8: Unexpected Details label `Opfer`; expected one of `Vorfall`, `Ursache`, `Quellen`, `Ort`'
    ])
    expect(file.messages[0]?.ruleId).toBe('unknown-details-label')
    expect(file.messages[0]?.fatal).toBe(false)
  })

  it('does not mistake a label that only starts a word', () => {
    const {messages} = run('Titel\n\nText.\n\nDetails\nOrtschaft Kursk')
    expect(messages).toEqual([
      'artikel.txt:6:1-6:10: Unexpected Details label `Ortschaft`; expected one of `Vorfall`, `Ursache`, `Quellen`, `Ort`'
    ])
  })

  it('reports positions in the original file, also after CRLF and a BOM', () => {
    const text = '\uFEFFTitel\r\n\r\nText.\r\n\r\nDetails\r\nWer niemand'
    const {messages} = run(Buffer.from(text, 'utf8'))
    expect(messages).toEqual([
      'artikel.txt:1:1: Removed the UTF-8 byte order mark',
      'artikel.txt:6:1-6:4: Unexpected Details label `Wer`; expected one of `Vorfall`, `Ursache`, `Quellen`, `Ort`'
    ])
  })
})

describe('bad input', () => {
  it('fails on an empty file, naming the file', () => {
    const message = runFailing('', undefined, 'texte/leer.txt')
    expect(message.ruleId).toBe('empty-file')
    expect(String(message)).toBe('texte/leer.txt:1:1: Cannot import an empty file; expected the title on line 1')
  })

  it('fails on a file of whitespace, an empty buffer, and a BOM alone', () => {
    for (const value of [' \n\t\r\n  \n', new Uint8Array(), Buffer.from([0xef, 0xbb, 0xbf, 0x0a])]) {
      expect(runFailing(value).ruleId).toBe('empty-file')
    }
  })

  it('fails on invalid UTF-8, naming line and column of the first bad byte', () => {
    // "Ärger" in Latin-1 on line 3, after "Der " → column 5.
    const bytes = Buffer.concat([Buffer.from('Titel\n\nDer ', 'utf8'), Buffer.from([0xc4]), Buffer.from('rger.\n', 'latin1')])
    const message = runFailing(bytes, undefined, 'alt.txt')
    expect(message.ruleId).toBe('invalid-utf8')
    expect(String(message)).toBe(
      'alt.txt:3:5: Cannot import invalid UTF-8: unexpected byte `0xC4` at line 3, column 5 (byte offset 11); save the file as UTF-8 (is it Latin-1 or Windows-1252?)'
    )
  })

  it('counts columns in characters, and lines across CRLF, CR and a BOM', () => {
    const bytes = Buffer.concat([
      Buffer.from('\uFEFFTitel\r\n\r\nÄußerst\rschön ', 'utf8'),
      Buffer.from([0xe2, 0x80]) // a truncated „ at the end
    ])
    const message = runFailing(bytes)
    expect(message.line).toBe(4)
    expect(message.column).toBe(7)
  })

  it('fails when the explicit slug is not lowercase ASCII with hyphens', () => {
    for (const slug of ['Nordkorea', 'nord--korea', '-nordkorea', 'nordkorea-', 'nord korea', 'nordkörea', '']) {
      const message = runFailing('Titel', {slug})
      expect(message.ruleId).toBe('invalid-slug')
    }
    expect(String(runFailing('Titel', {slug: 'Nordkorea Kursk'}))).toBe(
      'artikel.txt:1:1: Unexpected slug `Nordkorea Kursk`; expected lowercase ASCII letters and digits joined by single hyphens, such as `nordkorea-kursk`'
    )
  })

  it('fails when the title gives no slug and none is passed', () => {
    const message = runFailing('Россия\n\nТекст.')
    expect(message.ruleId).toBe('empty-slug')
    expect(String(message)).toBe('artikel.txt:1:1: Cannot make a slug from the title `Россия`; pass one explicitly')
    expect(run('Россия\n\nТекст.', {slug: 'russland'}).slug).toBe('russland')
  })
})

describe('findInvalidUtf8', () => {
  it('finds the first ill-formed sequence', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0x62], -1],
      [[0xc3, 0xa4, 0xf0, 0x9f, 0x98, 0x80], -1], // ä 😀
      [[0x61, 0xe4, 0x62], 1], // Latin-1 ä
      [[0x61, 0xc0, 0x80], 1], // overlong NUL
      [[0xe0, 0x80, 0x80], 0], // overlong 3-byte
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xf5, 0x80, 0x80, 0x80], 0],
      [[0x61, 0x62, 0xe2, 0x80], 2], // truncated
      [[0xe2, 0x28, 0xa1], 0], // bad continuation
      [[0x80], 0] // lone continuation
    ]
    for (const [bytes, expected] of cases) {
      expect(findInvalidUtf8(Uint8Array.from(bytes)), JSON.stringify(bytes)).toBe(expected)
    }
  })
})

describe('slugify', () => {
  it('transliterates German letters', () => {
    expect(slugify('Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!')).toBe(
      'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk'
    )
    expect(slugify('Ärger über Öl und Übermut')).toBe('aerger-ueber-oel-und-uebermut')
    expect(slugify('Straße, Maß und GROẞ')).toBe('strasse-mass-und-gross')
    // Decomposed umlauts (a + U+0308) as some editors save them.
    expect(slugify('Ka\u0308mpfe')).toBe('kaempfe')
  })

  it('strips other accents and transliterates a few letters NFKD leaves alone', () => {
    expect(slugify('Besançon, Škoda, Łódź, São Paulo')).toBe('besancon-skoda-lodz-sao-paulo')
    expect(slugify('Øresund & Æsir')).toBe('oresund-aesir')
  })

  it('collapses punctuation and whitespace into single hyphens, without hyphens at the ends', () => {
    expect(slugify('  „Befreiung“ — oder?!  ')).toBe('befreiung-oder')
    expect(slugify('10.000 Soldaten (laut US-Pentagon)')).toBe('10-000-soldaten-laut-us-pentagon')
    expect(slugify('!!!')).toBe('')
  })

  it('caps the length at a word boundary', () => {
    const title = 'Nordkoreanische Soldaten kämpfen in Kursk und Russland bestätigt es nun erstmals offiziell vor der Presse'
    const slug = slugify(title)
    expect(slug).toBe('nordkoreanische-soldaten-kaempfen-in-kursk-und-russland-bestaetigt-es-nun')
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(80))
    expect(slugify(`${'a'.repeat(80)} b`)).toBe('a'.repeat(80))
  })
})

describe('date, author and source URL', () => {
  it('writes them into the front matter, where the reader and the feed read them', () => {
    const {markdown} = run('Titel\n\nText.', {date: '2026-11-30', author: ' Anna Berg ', sourceUrl: 'https://example.org/artikel?id=1'})
    expect(markdown).toBe(
      '---\ntitle: Titel\ndate: 2026-11-30\nauthor: Anna Berg\nlang: de\nsource: artikel.txt\nsourceUrl: https://example.org/artikel?id=1\n---\n\nText.\n'
    )
    const yaml = parseMarkdown(markdown).children[0] as Yaml
    // A string, not a YAML 1.1 timestamp: the reader reads `YYYY-MM-DD` back as it was given.
    expect(parseYaml(yaml.value)).toEqual({title: 'Titel', date: '2026-11-30', author: 'Anna Berg', lang: 'de', source: 'artikel.txt', sourceUrl: 'https://example.org/artikel?id=1'})
  })

  it('quotes a value YAML would read as something else', () => {
    const {markdown} = run('Titel\n\nText.', {author: 'true: #1'})
    const yaml = parseMarkdown(markdown).children[0] as Yaml
    expect((parseYaml(yaml.value) as {author: unknown}).author).toBe('true: #1')
  })

  it('fails on a date that is not a day of the calendar, an empty author and an address that is not http(s)', () => {
    for (const date of ['2026-02-30', '30.11.2026', '2026-11-30T10:00:00Z', '2026-13-01', '']) {
      expect(runFailing('Titel', {date}).ruleId).toBe('invalid-date')
    }
    expect(String(runFailing('Titel', {date: '2026-02-30'}))).toBe(
      'artikel.txt:1:1: Unexpected date `2026-02-30`; expected a calendar date as `YYYY-MM-DD`, such as `2026-11-30`'
    )
    expect(runFailing('Titel', {author: '  '}).ruleId).toBe('empty-author')
    for (const sourceUrl of ['example.org/artikel', 'javascript:alert(1)', 'ftp://example.org/a', 'https://']) {
      expect(runFailing('Titel', {sourceUrl}).ruleId).toBe('invalid-source-url')
    }
  })
})
