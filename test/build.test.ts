/**
 * End-to-end tests of `build()` in temporary projects, with the real DeepL provider
 * (deepl-node) against the DeepL-compatible test server.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root, Table, TableCell} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {sha256} from '../src/core/hash.ts'
import {defaultTranslate} from './servers/deepl.ts'
import type {DeepLServer} from './servers/deepl.ts'
import {createProject, fixturesDir, memoryFile, memoryRecord, removeProjects, type Project, startServer, closeServers, listFiles} from './project.ts'

const server = startServer

/** The real provider, with a single attempt per request so that a failure is quick. */
function provider(deepl: DeepLServer): DeepLProvider {
  return new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1, minTimeout: 2000})
}

const translated = (text: string) => defaultTranslate(text, {tagHandling: 'xml', ignoreTags: []})

afterEach(async () => {
  vi.useRealTimers()
  await closeServers()
  await removeProjects()
})


/** Every file of a project but the German sources, by path. */
async function generated(project: Project): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const file of await listFiles(project.root)) {
    // tandem.config.json is the test project's own (`createProject`), not an output.
    if (!file.startsWith('content/de/') && file !== 'tandem.config.json') result[file] = await project.read(file)
  }
  return result
}

/** A Markdown file without its front matter block, if it has one. */
function body(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '')
}

function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown)
}

describe('build: translation memory', () => {
  it('takes a remembered paragraph from the memory and sends only what changed', async () => {
    const deepl = await server()
    const kept = 'Die Soldaten bleiben in der Region.'
    const german = (second: string) => `---\ntitle: Die Truppen\n---\n\n${kept}\n\n${second}\n`
    const seeded = memoryRecord(kept, 'The soldiers remain in the region.')
    const project = await createProject({
      files: {'content/de/x.md': german('Der Krieg ist nicht vorbei.'), 'memory/de-en.jsonl': memoryFile([seeded])}
    })

    const first = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect(first.files.map((file) => [file.ok, file.written, file.file.messages.map(String)])).toEqual([
      [true, ['content/en/x.md', 'content/parallel/x.md'], []]
    ])
    expect([first.memoryHits, first.translated]).toEqual([1, 2])
    expect(deepl.translateRequests().map((request) => request.params.texts)).toEqual([['Die Truppen', 'Der Krieg ist nicht vorbei.']])
    expect(body(await project.read('content/en/x.md'))).toBe(
      `The soldiers remain in the region.\n\n${translated('Der Krieg ist nicht vorbei.')}\n`
    )

    // Edit the other paragraph: one segment is sent, the remembered one still comes from the memory.
    deepl.reset()
    await project.write('content/de/x.md', german('Der Krieg ist noch nicht vorbei.'))
    const second = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect([second.memoryHits, second.translated]).toEqual([2, 1])
    expect(deepl.translateRequests().map((request) => request.params.texts)).toEqual([['Der Krieg ist noch nicht vorbei.']])
    const english = await project.read('content/en/x.md')
    expect(english).toBe(
      [
        '---',
        'title: The Troops',
        'translation:',
        '  of: content/de/x.md',
        `  sourceHash: ${sha256(german('Der Krieg ist noch nicht vorbei.'))}`,
        '  glossary: ""',
        '---',
        '',
        'The soldiers remain in the region.',
        '',
        'The War is still not vorbei.',
        ''
      ].join('\n')
    )
    expect(translated('Der Krieg ist noch nicht vorbei.')).toBe('The War is still not vorbei.')
    // The human record is untouched; the memory grew by the three machine translations.
    const records = (await project.read('memory/de-en.jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(records).toContainEqual(seeded)
    expect(records.map((record) => `${record.origin} ${record.source}`).sort()).toEqual([
      `human ${kept}`,
      'mt Der Krieg ist nicht vorbei.',
      'mt Der Krieg ist noch nicht vorbei.',
      'mt Die Truppen'
    ])
  })

  it('creates the memory file and its folder in a project that has none yet', async () => {
    const deepl = await server()
    const project = await createProject({memoryDir: false, files: {'content/de/x.md': '# Die Truppen\n'}})
    const result = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect(result.files.map((file) => file.file.messages.map(String))).toEqual([[]])
    expect(result.files.map((file) => file.ok)).toEqual([true])
    expect((await project.memory()).map((record) => [record.source, record.target])).toEqual([['Die Truppen', 'The Troops']])
    expect(body(await project.read('content/en/x.md'))).toBe('# The Troops\n')
  })
})

describe('build: side-by-side view', () => {
  it('writes one GFM table row per segment that a pipe or a hard break cannot break, with headings bold', async () => {
    const deepl = await server()
    const project = await createProject({files: {'content/de/x.md': await readFile(path.join(fixturesDir, 'parallel.md'))}})
    const result = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect(result.files.map((file) => file.ok)).toEqual([true])
    const segments = result.files[0]?.file.data.tandem?.segments ?? []
    expect(segments.map((segment) => segment.kind)).toEqual([
      'frontmatter',
      'frontmatter',
      'heading',
      'paragraph',
      'heading',
      'listItem',
      'tableCell',
      'tableCell',
      'tableCell',
      'tableCell'
    ])

    const tree = parseMarkdown(await project.read('content/parallel/x.md'))
    expect(tree.children.map((node) => node.type)).toEqual(['html', 'table'])
    const table = tree.children[1] as Table
    expect(table.children).toHaveLength(segments.length + 1)
    for (const row of table.children) expect(row.children).toHaveLength(2)
    const columns = table.children.map((row) => row.children.map((cell) => toString(cell, {includeHtml: true})))
    expect(columns).toEqual([
      ['Deutsch', 'English'],
      ['Die Soldaten', 'The Soldiers'],
      ['Ein Bericht über die Region', 'A Bericht about the Region'],
      ['Russland und die Ukraine', 'Russia and the Ukraine'],
      [
        'Russland | Ukraine und die Soldaten<br>Die zweite Zeile mit Kursk.',
        'Russia | Ukraine and the Soldiers<br>The zweite Zeile with Kursk.'
      ],
      ['Die Truppen', 'The Troops'],
      ['Russland liefert Waffen', 'Russia supplies Weapons'],
      ['Land', 'Country'],
      ['Truppen', 'Troops'],
      ['Nordkorea', 'North Korea'],
      ['viele', 'many']
    ])

    // The title and the headings are bold in both columns, and nothing else is.
    const bold = (cell: TableCell) => cell.children.length === 1 && cell.children[0]?.type === 'strong'
    expect(table.children.map((row) => row.children.map(bold))).toEqual([
      [false, false],
      [true, true],
      [false, false],
      [true, true],
      [false, false],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false]
    ])
    // The paragraph with `|` and a hard break keeps its inline Markdown, in one cell per language.
    const paragraphRow = table.children[4]
    expect(paragraphRow?.children.map((cell) => cell.children.map((node) => node.type))).toEqual([
      ['text', 'html', 'text', 'strong', 'text'],
      ['text', 'html', 'text', 'strong', 'text']
    ])
    // The English edition keeps the hard break as a hard break.
    expect(await project.read('content/en/x.md')).toContain('\nRussia | Ukraine and the Soldiers\\\nThe zweite Zeile with **Kursk**.\n')
  })
})

describe('build: provider output', () => {
  it('translates the Details labels through i18next and sends only the values', async () => {
    const deepl = await server()
    const german = '# Die Truppen\n\n## Details\n\n- **Vorfall:** Terrorismus\n- **Ort:** Kursk, Russland\n- **Quellen:**\n'
    const project = await createProject({files: {'content/de/x.md': german}})
    const result = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect(result.files.map((file) => file.ok)).toEqual([true])
    expect(deepl.translateRequests().map((request) => request.params.texts)).toEqual([['Die Truppen', 'Terrorismus', 'Kursk, Russland']])
    expect(body(await project.read('content/en/x.md'))).toBe(
      '# The Troops\n\n## Details\n\n- **Incident:** Terrorismus\n- **Location:** Kursk, Russia\n- **Sources:**\n'
    )
  })

  it('keeps a paragraph whose tags the provider damaged as plain text with the link at the end, and warns', async () => {
    // The "provider" drops the link tags but keeps their text.
    const deepl = await server({translate: (text) => translated(text).replace(/<\/?a[^>]*>/g, '')})
    const german = 'Die Soldaten kämpfen in [der Region](https://example.org/kursk) für **Russland**.\n'
    const project = await createProject({files: {'content/de/x.md': german}})
    const result = await build({root: project.root, provider: provider(deepl), concurrency: 1})
    expect(result.files.map((file) => file.ok)).toEqual([true])
    const messages = result.files[0]?.file.messages ?? []
    expect(messages.map((message) => [message.line, message.column, message.reason, message.fatal, message.ruleId])).toEqual([
      [1, 1, "the translation's tags are damaged (the tag with id `1` was lost); kept as plain text", false, 'tag-damage']
    ])
    expect(body(await project.read('content/en/x.md'))).toBe(
      'The Soldiers fight in the Region for Russia. [der Region](https://example.org/kursk)\n'
    )
  })

  it('never writes outside content/en and content/parallel, even for a file outside content/de', async () => {
    const german = '# Die Truppen\n'
    const project = await createProject({
      files: {'drafts/x.md': german, 'memory/de-en.jsonl': memoryFile([memoryRecord('Die Truppen', 'The troops')])}
    })
    const result = await build({root: project.root, files: ['drafts/x.md']})
    // The German source must survive, whatever else happens.
    expect(await project.read('drafts/x.md')).toBe(german)
    for (const built of result.files) {
      for (const output of [...built.written, ...built.unchanged]) expect(output).toMatch(/^content\/(en|parallel)\//)
    }
    for (const file of await listFiles(project.root)) {
      expect(file).toMatch(/^(tandem\.config\.json|drafts\/x\.md|memory\/de-en\.jsonl|content\/(en|parallel)\/.+)$/)
    }
  })

  it('records the provenance of the English edition even when the German has no front matter', async () => {
    const german = '# Die Truppen\n'
    const project = await createProject({
      files: {'content/de/x.md': german, 'memory/de-en.jsonl': memoryFile([memoryRecord('Die Truppen', 'The troops')])}
    })
    await build({root: project.root})
    expect(await project.read('content/en/x.md')).toBe(
      ['---', 'translation:', '  of: content/de/x.md', `  sourceHash: ${sha256(german)}`, '  glossary: ""', '---', '', '# The troops', ''].join('\n')
    )
  })
})

describe('build: determinism', () => {
  it('gives byte-identical outputs and memories in two fresh projects', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2025-03-01T12:00:00Z')})
    const files: Record<string, Buffer | string> = {
      'content/de/bericht.md': await readFile(path.join(fixturesDir, 'provider.md')),
      'content/de/parallel.md': await readFile(path.join(fixturesDir, 'parallel.md')),
      'content/de/sub/liste.md': `# Eine Liste\n\n${Array.from({length: 70}, (_, index) => `- Soldat ${index + 1} in der Region`).join('\n')}\n`
    }
    const deepl = await server()
    const outputs: Array<Record<string, string>> = []
    for (let run = 0; run < 2; run++) {
      const project = await createProject({files})
      const result = await build({root: project.root, provider: provider(deepl), concurrency: 3})
      expect(result.files.map((file) => [file.ok, file.file.messages.length])).toEqual([
        [true, 0],
        [true, 0],
        [true, 0]
      ])
      outputs.push(await generated(project))
    }
    const [first, second] = outputs
    expect(Object.keys(first ?? {})).toEqual([
      'content/en/bericht.md',
      'content/en/parallel.md',
      'content/en/sub/liste.md',
      'content/parallel/bericht.md',
      'content/parallel/parallel.md',
      'content/parallel/sub/liste.md',
      'memory/de-en.jsonl',
      'memory/written/bericht.md.json',
      'memory/written/parallel.md.json',
      'memory/written/sub/liste.md.json'
    ])
    expect(second).toEqual(first)
    // The memory is sorted by key, and every record has the build's date.
    const records = (first?.['memory/de-en.jsonl'] ?? '').trimEnd().split('\n').map((line) => JSON.parse(line) as {key: string; date: string})
    // 13 + 10 + 71 segments, of which 5 are in both bericht.md and parallel.md.
    expect(records.length).toBe(13 + 10 + 71 - 5)
    expect(records.map((record) => record.key)).toEqual(records.map((record) => record.key).sort())
    expect(new Set(records.map((record) => record.date))).toEqual(new Set(['2025-03-01']))
    expect(first?.['content/parallel/sub/liste.md']).toContain('<!-- generated by tandem from content/de/sub/liste.md; do not edit by hand -->')
  })
})
