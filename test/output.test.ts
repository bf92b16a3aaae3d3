import {createHash} from 'node:crypto'
import * as fs from 'node:fs/promises'
import {mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Link, LinkReference, Nodes, Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {createI18n} from '../src/i18n/index.ts'
import englishEdition from '../src/output/english-edition.ts'
import parallelView from '../src/output/parallel-view.ts'
import {writeFileAtomic} from '../src/core/write-file-atomic.ts'
import {markdownStyle} from '../src/core/markdown-options.ts'
import restoreTargets from '../src/output/restore-targets.ts'
import segmentBlocks from '../src/segment/segment-blocks.ts'

// Only `rename` is wrapped, so that one test can make the last step of an atomic write fail.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {...actual, rename: vi.fn(actual.rename)}
})

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'unit', 'edition')
const t = createI18n('en').t

/** Stands in for the memory and the provider: every source must have a hand-written target. */
function fakeTranslations(table: Readonly<Record<string, string>>) {
  return function () {
    return function (_tree: unknown, file: VFile): undefined {
      for (const segment of file.data.tandem?.segments ?? []) {
        if (segment.source === '') {
          segment.target = ''
          continue
        }
        const target = table[segment.source]
        if (target === undefined) throw new Error(`no test translation for ${JSON.stringify(segment.source)}`)
        segment.target = target
      }
    }
  }
}

/** `glossary` stands for what `applyNameGlossary` records: the fingerprint of the entries matched in the article. */
async function edition(markdown: string, table: Readonly<Record<string, string>>, glossary = '0123456789abcdef') {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(segmentBlocks)
    .use(() => (_tree: unknown, file: VFile) => {
      if (file.data.tandem) file.data.tandem.glossary = glossary
    })
    .use(fakeTranslations(table))
    .use(restoreTargets, {t})
    .use(parallelView, {t})
    .use(englishEdition)
    .use(remarkStringify, markdownStyle)
  const file = new VFile({value: markdown, path: '/project/content/de/artikel.md', cwd: '/project'})
  await processor.process(file)
  return {english: String(file.value), parallel: file.data.tandem?.parallel ?? '', file}
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** URLs a reader can follow in `markdown`: resource links, and references that have a definition. */
function followableUrls(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root
  const definitions = new Map<string, string>()
  visit(tree, 'definition', (node) => {
    definitions.set(node.identifier, node.url)
  })
  const urls: string[] = []
  visit(tree, (node: Nodes) => {
    if (node.type === 'link') urls.push((node as Link).url)
    if (node.type === 'linkReference') {
      const url = definitions.get((node as LinkReference).identifier)
      if (url) urls.push(url)
    }
  })
  return urls
}

describe('English edition and parallel view (fixture)', () => {
  it('builds the hand-written expected outputs', async () => {
    const input = await readFile(path.join(fixtures, 'input.de.md'), 'utf8')
    const table = JSON.parse(await readFile(path.join(fixtures, 'translations.json'), 'utf8')) as Record<string, string>
    const {english, parallel, file} = await edition(input, table)
    expect(english).toBe(await readFile(path.join(fixtures, 'expected.en.md'), 'utf8'))
    expect(parallel).toBe(await readFile(path.join(fixtures, 'expected.parallel.md'), 'utf8'))
    expect(file.messages.map(String)).toEqual([])
    expect(english).toContain(`sourceHash: ${sha256(input)}\n`)
  })
})

describe('englishEdition front matter', () => {
  const body = '\n# Kopf\n'

  it('keeps untranslated keys and their order, sets lang: en, and appends translation', async () => {
    const {english} = await edition(
      ['---', 'date: 2025-04-28', 'title: Titel', 'lang: de', 'author: Jemand', 'summary: Kurz', '---', body].join('\n'),
      {Titel: 'Title', Kurz: 'Short', Kopf: 'Head'},
      'abc'
    )
    expect(english).toBe(
      [
        '---',
        'date: 2025-04-28',
        'title: Title',
        'lang: en',
        'author: Jemand',
        'summary: Short',
        'translation:',
        '  of: content/de/artikel.md',
        `  sourceHash: ${sha256(['---', 'date: 2025-04-28', 'title: Titel', 'lang: de', 'author: Jemand', 'summary: Kurz', '---', body].join('\n'))}`,
        '  glossary: abc',
        '---',
        '',
        '# Head',
        ''
      ].join('\n')
    )
  })

  it('adds no lang key when the source has none', async () => {
    const source = ['---', 'title: Titel', '---', body].join('\n')
    const {english} = await edition(source, {Titel: 'Title', Kopf: 'Head'}, '')
    expect(english).toBe(
      [
        '---',
        'title: Title',
        'translation:',
        '  of: content/de/artikel.md',
        `  sourceHash: ${sha256(source)}`,
        '  glossary: ""',
        '---',
        '',
        '# Head',
        ''
      ].join('\n')
    )
  })

  it('replaces an existing translation block and keeps the quoting style of translated fields', async () => {
    const source = ['---', "title: 'Titel: mit Doppelpunkt'", 'translation: alt', '---', body].join('\n')
    const {english} = await edition(source, {'Titel: mit Doppelpunkt': 'Title: with colon', Kopf: 'Head'}, 'g')
    expect(english.split('\n').slice(0, 7)).toEqual([
      '---',
      "title: 'Title: with colon'",
      'translation:',
      '  of: content/de/artikel.md',
      `  sourceHash: ${sha256(source)}`,
      '  glossary: g',
      '---'
    ])
  })

  it('writes a translated title as plain text, with entities decoded', async () => {
    const source = ['---', 'title: Krieg & Frieden', '---', body].join('\n')
    const {english} = await edition(source, {'Krieg &amp; Frieden': 'War &amp; <b>Peace</b>', Kopf: 'Head'})
    expect(english.split('\n')[1]).toBe('title: War & Peace')
  })
})

describe('parallelView', () => {
  it('escapes | in cells, makes hard breaks <br>, soft breaks spaces, and bolds headings', async () => {
    const {parallel} = await edition('## Pipe | im Titel\n\nA | B und\nweiter\\\nneu\n', {
      'Pipe | im Titel': 'Pipe | in the title',
      'A | B und weiter<x id="1"/>neu': 'A | B and on<x id="1"/>new'
    })
    expect(parallel).toBe(
      [
        '<!-- generated by tandem from content/de/artikel.md; do not edit by hand -->',
        '',
        '| Deutsch | English |',
        '| - | - |',
        '| **Pipe \\| im Titel** | **Pipe \\| in the title** |',
        '| A \\| B und weiter<br>neu | A \\| B and on<br>new |',
        ''
      ].join('\n')
    )
  })

  it('keeps every row a table row, whatever the inline content', async () => {
    const {parallel} = await edition('Code `a|b` und <span\ntitle="x">HTML</span> und ![Alt|Text](b.png) hier.\n', {
      'Code <x id="1"/> und <x id="2"/>HTML<x id="3"/> und <x id="4"/> hier.': 'Code <x id="1"/> and <x id="2"/>HTML<x id="3"/> and <x id="4"/> here.',
      'Alt|Text': 'Old|text'
    })
    expect(parallel.split('\n').slice(4, 6)).toEqual([
      '| Code `a\\|b` und <span title="x">HTML</span> und ![Alt\\|Text](b.png) hier. | Code `a\\|b` and <span title="x">HTML</span> and ![Old\\|text](b.png) here. |',
      '| Alt\\|Text | Old\\|text |'
    ])
    const tree = unified().use(remarkParse).use(remarkGfm).parse(parallel) as Root
    const table = tree.children[1]
    expect(table?.type).toBe('table')
    expect(table?.type === 'table' ? table.children.map((row) => row.children.length) : []).toEqual([2, 2, 2])
  })

  it('labels the columns in the language of the t function', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(segmentBlocks)
      .use(fakeTranslations({Hallo: 'Hello'}))
      .use(restoreTargets, {t})
      .use(parallelView, {t: createI18n('de').t})
    const file = new VFile({value: 'Hallo\n', path: '/p/content/de/x.md', cwd: '/p'})
    await processor.run(processor.parse(file), file)
    expect(file.data.tandem?.parallel).toBe(
      '<!-- von tandem aus content/de/x.md erzeugt; nicht von Hand bearbeiten -->\n\n| Deutsch | Englisch |\n| - | - |\n| Hallo | Hello |\n'
    )
  })
})

describe('restoreTargets', () => {
  it('falls back to plain text with the link at the end and intact placeholders in place when the tags are damaged, with a warning', async () => {
    const {english, parallel, file} = await edition('# Kopf\n\nLaut [Reuters](https://reuters.example) ist es `wahr`.\n', {
      Kopf: 'Head',
      'Laut <a id="1">Reuters</a> ist es <x id="2"/>.': 'According to Reuters it is <x id="2"/>.'
    })
    expect(file.messages.map(String)).toEqual([
      "/project/content/de/artikel.md:3:1: the translation's tags are damaged (the tag with id `1` was lost); kept as plain text"
    ])
    expect(file.messages[0]?.ruleId).toBe('tag-damage')
    expect(file.messages[0]?.source).toBe('tandem')
    expect(file.messages[0]?.fatal).toBe(false)
    // The code stays where the translation put it: only the link's tags were lost.
    expect(withoutFrontmatter(english)).toBe('# Head\n\nAccording to Reuters it is `wahr`. [Reuters](https://reuters.example)\n')
    expect(parallel.split('\n')[5]).toBe(
      '| Laut [Reuters](https://reuters.example) ist es `wahr`. | According to Reuters it is `wahr`. [Reuters](https://reuters.example) |'
    )
  })

  it('puts translated alt texts and titles on images and links, in translated blocks and in blocks that are not', async () => {
    const {english, parallel} = await edition('![Ein Bild](b.png "Der Titel")\n\nSiehe [hier](https://example.org "Quelle") und ![Karte](k.png).\n', {
      'Ein Bild': 'A picture',
      'Der Titel': 'The title',
      'Siehe <a id="1">hier</a> und <x id="2"/>.': 'See <a id="1">here</a> and <x id="2"/>.',
      Quelle: 'Source',
      Karte: 'Map'
    })
    expect(withoutFrontmatter(english)).toBe('![A picture](b.png "The title")\n\nSee [here](https://example.org "Source") and ![Map](k.png).\n')
    expect(parallel.split('\n').slice(4)).toEqual([
      '| Ein Bild | A picture |',
      '| Der Titel | The title |',
      '| Siehe [hier](https://example.org "Quelle") und ![Karte](k.png). | See [here](https://example.org "Source") and ![Map](k.png). |',
      '| Quelle | Source |',
      '| Karte | Map |',
      ''
    ])
  })

  it('writes the Details heading and labels from the vocabulary, never from the provider', async () => {
    const {english} = await edition('## Details\n\n- **Ursache:** Brand\n- **Quellen:**\n', {Brand: 'Fire'})
    expect(withoutFrontmatter(english)).toBe('## Details\n\n- **Cause:** Fire\n- **Sources:**\n')
  })
})

describe('design rules', () => {
  it('parallel view keeps reference links followable (design.md: inline Markdown kept)', async () => {
    // The definition stays in the English edition, but the parallel view has none: `[AP][ap]` is then plain text.
    const {english, parallel} = await edition('Laut [AP][ap] stimmt es.\n\n[ap]: https://ap.example\n', {
      'Laut <a id="1">AP</a> stimmt es.': 'According to <a id="1">AP</a>, it is true.'
    })
    expect(followableUrls(english)).toEqual(['https://ap.example'])
    expect(followableUrls(parallel)).toEqual(['https://ap.example', 'https://ap.example'])
  })

  it('gives an English edition translation.of/sourceHash/glossary even when the German has no front matter', async () => {
    const {english} = await edition('# Kopf\n', {Kopf: 'Head'}, 'abc')
    expect(english).toBe(
      ['---', 'translation:', '  of: content/de/artikel.md', `  sourceHash: ${sha256('# Kopf\n')}`, '  glossary: abc', '---', '', '# Head', ''].join(
        '\n'
      )
    )
  })
})

describe('writeFileAtomic', () => {
  let directory: string

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'tandem-write-'))
  })

  afterEach(async () => {
    vi.mocked(fs.rename).mockClear()
    await rm(directory, {recursive: true, force: true})
  })

  it('writes a new file, creating its folders, and leaves no temporary file', async () => {
    const file = path.join(directory, 'content', 'en', 'a.md')
    expect(await writeFileAtomic(file, 'Grüße 🎉\n')).toBe(true)
    expect(await readFile(file, 'utf8')).toBe('Grüße 🎉\n')
    expect(await readdir(path.dirname(file))).toEqual(['a.md'])
  })

  it('returns false and keeps the mtime when the bytes are unchanged', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'gleich\n')
    const past = new Date('2020-01-02T03:04:05Z')
    await utimes(file, past, past)
    expect(await writeFileAtomic(file, 'gleich\n')).toBe(false)
    expect((await stat(file)).mtime.toISOString()).toBe('2020-01-02T03:04:05.000Z')
    expect(vi.mocked(fs.rename)).not.toHaveBeenCalled()
    expect(await readdir(directory)).toEqual(['a.md'])
  })

  it('rewrites a changed file and replaces it whole', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'alt und länger als der neue Inhalt\n')
    expect(await writeFileAtomic(file, 'neu\n')).toBe(true)
    expect(await readFile(file, 'utf8')).toBe('neu\n')
    expect(await readdir(directory)).toEqual(['a.md'])
  })

  it('fails when the target is a folder and leaves nothing behind', async () => {
    const target = path.join(directory, 'a.md')
    await mkdir(target)
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({code: 'EISDIR'})
    expect(await readdir(directory)).toEqual(['a.md'])
    expect(await readdir(target)).toEqual([])
  })

  it('removes its temporary file when the final rename fails, and keeps the old content', async () => {
    const file = path.join(directory, 'a.md')
    await writeFile(file, 'alt\n')
    vi.mocked(fs.rename).mockRejectedValueOnce(Object.assign(new Error('EXDEV: cross-device link'), {code: 'EXDEV'}))
    await expect(writeFileAtomic(file, 'neu\n')).rejects.toThrow('EXDEV: cross-device link')
    expect(vi.mocked(fs.rename)).toHaveBeenCalledTimes(1)
    expect(await readdir(directory)).toEqual(['a.md'])
    expect(await readFile(file, 'utf8')).toBe('alt\n')
  })
})

/** The body of an English edition; every edition has front matter saying what it was made from. */
function withoutFrontmatter(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '')
}
