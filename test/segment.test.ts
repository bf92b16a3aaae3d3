import {createHash} from 'node:crypto'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {memoryKey} from '../src/core/key.ts'
import segmentBlocks, {type Options} from '../src/segment/segment-blocks.ts'
import keySegments, {type Options as KeyOptions} from '../src/memory/key-segments.ts'
import {DEFAULTS} from '../src/core/defaults.ts'
import remarkTemplateTags from '../src/segment/template-tags.ts'
import type {Segment} from '../src/core/types.ts'

async function segment(markdown: string, options?: Options & KeyOptions): Promise<Segment[]> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkMath, {singleDollarTextMath: false})
    .use(remarkTemplateTags)
    .use(segmentBlocks, options)
    .use(keySegments, options)
  const file = new VFile({value: markdown, path: '/project/content/de/artikel.md', cwd: '/project'})
  await processor.run(processor.parse(file), file)
  const data = file.data.tandem
  if (!data) throw new Error('segmentBlocks set no data')
  return data.segments
}

/** The parts of a segment a reader checks by eye: kind, line:column, source, label or field. */
function summary(segment: Segment): string {
  const extra = segment.label ? ` [${segment.label}]` : segment.field ? ` [${segment.field}]` : ''
  return `${segment.kind} ${segment.position.line}:${segment.position.column} ${JSON.stringify(segment.source)}${extra}`
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

const article = `---
title: Russland gesteht
lang: de
author: Jemand Bekanntes
description: "Eine kurze Beschreibung"
tags: [Krieg, Kursk]
summary: Die Zusammenfassung
date: 2025-04-28
---

# Die Überschrift

Ein **Absatz** mit [Link](https://example.org) und \`code\`.

- Erster Punkt
- Zweiter _Punkt_

> Ein Zitat
> über zwei Zeilen.

| Kopf A | Kopf B |
| --- | --- |
| Zelle 1 | 42 |

\`\`\`js
const text = 'kein Segment'
\`\`\`

<div>Kein Segment</div>

[ref]: https://example.org/ref

![Nur ein Bild](bild.png)

## Details

- **Vorfall:** Terrorismus
- **Ursache:** militärische Zusammenarbeit, Konflikt
- **Ort:** Kursk, Russland
- **Quellen:**
`

describe('segmentBlocks', () => {
  it('finds one segment per translatable block, with kind, line:column and tagged source', async () => {
    expect((await segment(article)).map(summary)).toEqual([
      'frontmatter 2:8 "Russland gesteht" [title]',
      'frontmatter 5:14 "Eine kurze Beschreibung" [description]',
      'frontmatter 7:10 "Die Zusammenfassung" [summary]',
      'heading 11:1 "Die Überschrift"',
      'paragraph 13:1 "Ein <b>Absatz</b> mit <a id=\\"1\\">Link</a> und <x id=\\"2\\"/>."',
      'listItem 15:3 "Erster Punkt"',
      'listItem 16:3 "Zweiter <i>Punkt</i>"',
      'paragraph 18:3 "Ein Zitat über zwei Zeilen."',
      'tableCell 21:1 "Kopf A"',
      'tableCell 21:10 "Kopf B"',
      'tableCell 23:1 "Zelle 1"',
      'alt 33:1 "Nur ein Bild"',
      'heading 35:1 "" [details.heading]',
      'detail 37:16 "Terrorismus" [details.labels.incident]',
      'detail 38:16 "militärische Zusammenarbeit, Konflikt" [details.labels.cause]',
      'detail 39:12 "Kursk, Russland" [details.labels.place]',
      'detail 40:3 "" [details.labels.sources]'
    ])
  })

  it('keeps the whole block, label included, in `nodes` and the link in `placeholders`', async () => {
    const segments = await segment(article)
    const paragraph = segments.find((item) => item.kind === 'paragraph')
    expect(paragraph?.nodes.map((node) => node.type)).toEqual(['text', 'strong', 'text', 'link', 'text', 'inlineCode', 'text'])
    expect(paragraph?.placeholders.map((entry) => (entry.tag === 'a' ? entry.node.type : entry.nodes.map((node) => node.type)))).toEqual([
      'link',
      ['inlineCode']
    ])
    const incident = segments.find((item) => item.label === 'details.labels.incident')
    expect(incident?.nodes.map((node) => node.type)).toEqual(['strong', 'text'])
    expect(incident?.placeholders).toEqual([])
  })

  it('makes no segment of code, HTML, math, template tags, definitions, numbers only or other front-matter keys', async () => {
    const segments = await segment(
      [
        '---',
        'lang: de',
        'author: Jemand',
        'tags: [a, b]',
        '---',
        '',
        '```',
        'Code block',
        '```',
        '',
        '    Eingerückter Code',
        '',
        '<p>HTML block</p>',
        '',
        '[def]: https://example.org "Titel der Definition"',
        '',
        '12.000',
        '',
        '$$',
        'E = mc^2',
        '$$',
        '',
        '{% include hinweis.html text="Nicht senden" %}',
        '',
        '---',
        ''
      ].join('\n')
    )
    expect(segments).toEqual([])
  })

  it('makes an image alone in its paragraph no paragraph segment, and its alt text one', async () => {
    expect((await segment('![Ein Bild](bild.png)\n')).map(summary)).toEqual(['alt 1:1 "Ein Bild"'])
  })

  it('segments alt texts and link and image titles after their block, but not the titles of definitions', async () => {
    const markdown = [
      '# Titel mit ![Symbol](s.png "Symboltitel")',
      '',
      'Ein [Link](https://example.org "Linktitel") und ein [Verweis][v] mit ![Alt][bild].',
      '',
      '| Spalte |',
      '| --- |',
      '| [![Logo](logo.png)](https://example.org "Zur Startseite") |',
      '',
      '[v]: https://example.org/v "Titel der Definition"',
      '[bild]: bild.png "Auch nicht"',
      ''
    ].join('\n')
    const segments = await segment(markdown)
    expect(segments.map(summary)).toEqual([
      'heading 1:1 "Titel mit <x id=\\"1\\"/>"',
      'alt 1:13 "Symbol"',
      'title 1:13 "Symboltitel"',
      'paragraph 3:1 "Ein <a id=\\"1\\">Link</a> und ein <a id=\\"2\\">Verweis</a> mit <x id=\\"3\\"/>."',
      'title 3:5 "Linktitel"',
      'alt 3:70 "Alt"',
      'tableCell 5:1 "Spalte"',
      'title 7:3 "Zur Startseite"',
      'alt 7:4 "Logo"'
    ])
    const [, alt, title] = segments
    expect(alt?.attribute?.name).toBe('alt')
    expect(alt?.attribute?.node.type).toBe('image')
    expect(title?.attribute?.node).toBe(alt?.attribute?.node)
  })

  it('segments only title, description and summary by default, and only string values', async () => {
    expect(DEFAULTS.frontmatterFields).toEqual(['title', 'description', 'summary'])
    const segments = await segment(
      ['---', 'subtitle: Nicht übersetzt', 'title: 2025', 'summary:', '  - eine Liste', 'description: Ja', '---', ''].join('\n')
    )
    expect(segments.map(summary)).toEqual(['frontmatter 6:14 "Ja" [description]'])
  })

  it('segments the configured front-matter fields instead', async () => {
    const markdown = ['---', 'title: Titel', 'author: Autorin', 'caption: Bildunterschrift', '---', ''].join('\n')
    expect((await segment(markdown, {frontmatterFields: ['caption', 'author']})).map(summary)).toEqual([
      'frontmatter 3:9 "Autorin" [author]',
      'frontmatter 4:10 "Bildunterschrift" [caption]'
    ])
  })

  it('places a quoted or block front-matter value at its first character (quote or block indicator)', async () => {
    const markdown = ['---', "title:   'Mit Abstand'", 'summary: >-', '  Gefaltet', '  über Zeilen', '---', ''].join('\n')
    expect((await segment(markdown)).map(summary)).toEqual([
      'frontmatter 2:10 "Mit Abstand" [title]',
      'frontmatter 3:10 "Gefaltet über Zeilen" [summary]'
    ])
  })

  it('segments every paragraph of a list item, nested lists and blockquotes', async () => {
    const markdown = ['1. Eins', '', '   Noch ein Absatz', '', '   - Verschachtelt', '', '> > Tief zitiert', ''].join('\n')
    expect((await segment(markdown)).map(summary)).toEqual([
      'listItem 1:4 "Eins"',
      'listItem 3:4 "Noch ein Absatz"',
      'listItem 5:6 "Verschachtelt"',
      'paragraph 7:5 "Tief zitiert"'
    ])
  })

  it('segments headings of every depth, setext headings included', async () => {
    const markdown = ['### Dritte Ebene', '', 'Setext', '======', '', '###### Sechste', ''].join('\n')
    expect((await segment(markdown)).map(summary)).toEqual([
      'heading 1:1 "Dritte Ebene"',
      'heading 3:1 "Setext"',
      'heading 6:1 "Sechste"'
    ])
  })

  it('segments table header and body cells with letters, and escapes their pipes', async () => {
    const markdown = ['| Name | Wert |', '| :-- | --: |', '| A \\| B | 1,5 |', '| `x` | Text _kursiv_ |', ''].join('\n')
    expect((await segment(markdown)).map(summary)).toEqual([
      'tableCell 1:1 "Name"',
      'tableCell 1:8 "Wert"',
      'tableCell 3:1 "A | B"',
      'tableCell 4:7 "Text <i>kursiv</i>"'
    ])
  })

  it('segments footnote definitions as paragraphs', async () => {
    expect((await segment('Satz[^1].\n\n[^1]: Die Notiz.\n')).map(summary)).toEqual([
      'paragraph 1:1 "Satz<x id=\\"1\\"/>."',
      'paragraph 3:7 "Die Notiz."'
    ])
  })

  describe('Details block', () => {
    it('recognises the label-only item as an empty source with its label', async () => {
      const segments = await segment('## Details\n\n- **Quellen:**\n')
      expect(segments.map(summary)).toEqual(['heading 1:1 "" [details.heading]', 'detail 3:3 "" [details.labels.sources]'])
      expect(segments[1]?.hash).toBe(sha256(''))
    })

    it('keeps items with unknown labels as ordinary list items', async () => {
      const segments = await segment('## Details\n\n- **Vorfall:** Brand\n- **Täter:** Unbekannt\n- Ohne Label\n')
      expect(segments.map(summary)).toEqual([
        'heading 1:1 "" [details.heading]',
        'detail 3:16 "Brand" [details.labels.incident]',
        'listItem 4:3 "<b>Täter:</b> Unbekannt"',
        'listItem 5:3 "Ohne Label"'
      ])
    })

    it('is not recognised in a list that does not follow the Details heading directly', async () => {
      expect((await segment('- **Vorfall:** Brand\n')).map(summary)).toEqual(['listItem 1:3 "<b>Vorfall:</b> Brand"'])
      expect((await segment('## Details\n\nEinleitung.\n\n- **Ort:** Berlin\n')).map(summary)).toEqual([
        'heading 1:1 "Details"',
        'paragraph 3:1 "Einleitung."',
        'listItem 5:3 "<b>Ort:</b> Berlin"'
      ])
      expect((await segment('## Einzelheiten\n\n- **Ort:** Berlin\n')).map(summary)).toEqual([
        'heading 1:1 "Einzelheiten"',
        'listItem 3:3 "<b>Ort:</b> Berlin"'
      ])
    })

    it('does not take English labels in a German file, and takes them with labelLanguage `en`', async () => {
      const markdown = '## Details\n\n- **Location:** Kursk\n'
      expect((await segment(markdown)).map(summary)).toEqual([
        'heading 1:1 "" [details.heading]',
        'listItem 3:3 "<b>Location:</b> Kursk"'
      ])
      expect((await segment(markdown, {labelLanguage: 'en'})).map(summary)).toEqual([
        'heading 1:1 "" [details.heading]',
        'detail 3:17 "Kursk" [details.labels.place]'
      ])
    })

    it('keeps links in a Details value as placeholders', async () => {
      const segments = await segment('## Details\n\n- **Quellen:** [Tagesschau](https://tagesschau.example)\n')
      expect(segments.map(summary)).toEqual([
        'heading 1:1 "" [details.heading]',
        'detail 3:16 "<a id=\\"1\\">Tagesschau</a>" [details.labels.sources]'
      ])
    })
  })

  describe('ids, hashes and keys', () => {
    const before = '# Titel\n\nErster Absatz.\n\nZweiter Absatz.\n\nDritter Absatz.\n'
    const after = '# Titel\n\nErster Absatz, jetzt länger\nund auf zwei Zeilen.\n\nZweiter Absatz.\n\nDritter Absatz.\n'

    it('keeps the ids of other blocks when one paragraph is edited', async () => {
      const old = await segment(before)
      const edited = await segment(after)
      expect(old.map((item) => item.id)).toHaveLength(4)
      expect(edited[0]?.id).toBe(old[0]?.id)
      expect(edited[1]?.id).not.toBe(old[1]?.id)
      expect(edited[2]?.id).toBe(old[2]?.id)
      expect(edited[3]?.id).toBe(old[3]?.id)
      // Positions move; ids do not.
      expect(edited[2]?.position).toEqual({line: 6, column: 1})
      expect(old[2]?.position).toEqual({line: 5, column: 1})
    })

    it('derives the id from the kind and the hash', async () => {
      const [heading, paragraph] = await segment('# Titel\n\nErster Absatz.\n')
      expect(heading?.id).toBe(`heading-${sha256('Titel').slice(0, 10)}`)
      expect(paragraph?.id).toBe(`paragraph-${sha256('Erster Absatz.').slice(0, 10)}`)
    })

    it('numbers repeated identical blocks so that every id is distinct', async () => {
      const segments = await segment('Gleich.\n\nAnders.\n\nGleich.\n\n- Gleich.\n\nGleich.\n')
      const base = `paragraph-${sha256('Gleich.').slice(0, 10)}`
      expect(segments.map((item) => item.id)).toEqual([
        base,
        `paragraph-${sha256('Anders.').slice(0, 10)}`,
        `${base}-2`,
        `listItem-${sha256('Gleich.').slice(0, 10)}`,
        `${base}-3`
      ])
      expect(new Set(segments.map((item) => item.id)).size).toBe(5)
    })

    it('hashes the normalized tagged source', async () => {
      const [paragraph] = await segment('  Ein   **fetter**\n   Satz  mit\tTab.\n')
      expect(paragraph?.source).toBe('Ein <b>fetter</b> Satz mit Tab.')
      expect(paragraph?.hash).toBe(sha256('Ein <b>fetter</b> Satz mit Tab.'))
      expect(paragraph?.hash).toBe('12b5bcb7f33ec5753f06c549b9c42421f7c8e0516dcab80da81e389417dbc303')
    })

    it('gives NFC and NFD spellings of the same text the same source, hash and id', async () => {
      const [composed] = await segment('\u00dcbung macht den Meister.\n')
      const [decomposed] = await segment('U\u0308bung macht den Meister.\n')
      expect(decomposed?.source).toBe('\u00dcbung macht den Meister.')
      expect(decomposed?.hash).toBe(composed?.hash)
      expect(decomposed?.id).toBe(composed?.id)
    })

    it('keys the memory by source and languages: another target language is another key', async () => {
      const [us] = await segment('Hallo Welt.\n')
      const [gb] = await segment('Hallo Welt.\n', {targetLang: 'en-GB'})
      expect(us?.key).toBe(memoryKey({source: 'Hallo Welt.', glossary: [], sourceLang: 'de', targetLang: 'en-US'}))
      expect(gb?.key).toBe(memoryKey({source: 'Hallo Welt.', glossary: [], sourceLang: 'de', targetLang: 'en-GB'}))
      expect(gb?.key).not.toBe(us?.key)
      expect(gb?.hash).toBe(us?.hash)
      expect(gb?.id).toBe(us?.id)
    })

    it('records the source hash and the path relative to cwd', async () => {
      const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(segmentBlocks)
      const file = new VFile({value: 'Text.\n', path: '/project/content/de/a.md', cwd: '/project'})
      await processor.run(processor.parse(file), file)
      expect(file.data.tandem?.sourceHash).toBe(sha256('Text.\n'))
      expect(file.data.tandem?.sourcePath).toBe('content/de/a.md')
      expect(file.data.tandem?.stats).toEqual({memoryHits: 0, translated: 0, billedCharacters: 0})
    })
  })
})

describe('memoryKey', () => {
  const base = {source: 'Selenskyj sagt.', glossary: [], sourceLang: 'de', targetLang: 'en-US'}

  it('is a sha256 hex digest that ignores language-code case', () => {
    expect(memoryKey(base)).toMatch(/^[0-9a-f]{64}$/)
    expect(memoryKey({...base, sourceLang: 'DE', targetLang: 'EN-us'})).toBe(memoryKey(base))
    expect(memoryKey(base)).toBe(sha256('tandem-memory-1\nde\nen-us\nSelenskyj sagt.'))
  })

  it('changes with the source, the languages and the matched glossary entries', () => {
    const keys = [
      memoryKey(base),
      memoryKey({...base, source: 'Selenskyj sagte.'}),
      memoryKey({...base, sourceLang: 'fr'}),
      memoryKey({...base, targetLang: 'en-GB'}),
      memoryKey({...base, glossary: [{de: 'Selenskyj', en: 'Zelensky'}]}),
      memoryKey({...base, glossary: [{de: 'Selenskyj', en: 'Zelenskyy'}]})
    ]
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('does not depend on the order of glossary entries', () => {
    const a = {de: 'Kursk', en: 'Kursk'}
    const b = {de: 'Selenskyj', en: 'Zelensky'}
    expect(memoryKey({...base, glossary: [a, b]})).toBe(memoryKey({...base, glossary: [b, a]}))
  })
})

describe('design rules', () => {
  it('makes no segment of a block without letters whose only non-digits are escaped characters', async () => {
    // `<`, `>`, `&`, `"` are escaped to `&lt;` and so on; the entity names must not count as letters.
    const markdown = ['| Wert | Anteil |', '| --- | --- |', '| < 5 | 10 & 20 |', '| "1" | 3 > 2 |', '', '& 10', ''].join('\n')
    expect((await segment(markdown)).map(summary)).toEqual(['tableCell 1:1 "Wert"', 'tableCell 1:8 "Anteil"'])
  })
})
