/**
 * Front matter through a build: only the configured fields are sent and replaced, in their own
 * quoting style; every other byte (keys, order, comments, spacing, anchors) stays as it was.
 */
import {afterEach, describe, expect, it} from 'vitest'
import {translateFrontmatter} from '../src/output/english-edition.ts'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {sha256} from '../src/core/hash.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'
import {createProject, removeProjects} from './project.ts'

const servers: DeepLServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await removeProjects()
})

const translation = {lang: 'en', of: 'content/de/x.md', sourceHash: 'abc', glossary: 'g'}

describe('translateFrontmatter', () => {
  it('rewrites only the translated scalars, lang and translation, and keeps every other byte', () => {
    const german = [
      '# Kopfkommentar',
      'title:   Russland gesteht   # Kommentar zum Titel',
      'lang: de',
      'author: "Jemand"',
      'tags: [Krieg, Kursk]',
      'related:',
      '- metrics',
      '-   leadership',
      'summary: >-',
      '  Gefaltet',
      '  über Zeilen',
      "description: 'Kurz: knapp'",
      '',
      'anker: &a {x: 1, y: "zwei"}',
      'kopie: *a',
      'translation: alt',
      'date: 2025-04-28',
      '# Schluss'
    ].join('\n')
    const fields = new Map([
      ['title', 'Russia admits: "all"'],
      ['summary', 'Folded over lines'],
      ['description', "Short: it's sweet"]
    ])
    expect(translateFrontmatter(german, fields, translation)).toBe(
      [
        '# Kopfkommentar',
        // A plain scalar cannot hold `: `, so this one is quoted; the comment stays.
        `title:   'Russia admits: "all"'   # Kommentar zum Titel`,
        'lang: en',
        'author: "Jemand"',
        'tags: [Krieg, Kursk]',
        'related:',
        '- metrics',
        '-   leadership',
        'summary: >-',
        '  Folded over lines',
        "description: 'Short: it''s sweet'",
        '',
        'anker: &a {x: 1, y: "zwei"}',
        'kopie: *a',
        // An old translation block is replaced where it was.
        'translation:',
        '  of: content/de/x.md',
        '  sourceHash: abc',
        '  glossary: g',
        'date: 2025-04-28',
        '# Schluss'
      ].join('\n')
    )
  })

  it('adds translation to empty front matter, or front matter of comments only', () => {
    const block = 'translation:\n  of: content/de/x.md\n  sourceHash: abc\n  glossary: g'
    expect(translateFrontmatter('', new Map(), translation)).toBe(block)
    expect(translateFrontmatter('# nur ein Kommentar', new Map(), translation)).toBe(`# nur ein Kommentar\n${block}`)
  })

  it('leaves front matter that is not a mapping, or not valid YAML, to the caller (undefined)', () => {
    for (const yaml of ['- a\n- b', 'nur Text', '{a: 1}', 'a: [b', 'a: 1\n---\nb: 2']) {
      expect(translateFrontmatter(yaml, new Map(), translation)).toBeUndefined()
    }
  })
})

describe('front matter in a build', () => {
  it('sends only the configured fields and keeps the untranslated keys byte for byte', async () => {
    const deepl = await startDeepLServer()
    servers.push(deepl)
    const frontmatter = [
      '---',
      '# Quelle: Redaktion',
      'title: "Russland und die Ukraine"',
      'lang: de',
      'untertitel: Nicht übersetzt, da nicht konfiguriert',
      'image: /assets/images/cards/krieg.png',
      'related:',
      '  - metrics',
      '  - leadership',
      'teaser: Die Soldaten',
      '---'
    ].join('\n')
    const german = `${frontmatter}\n\n# Die Truppen\n`
    const project = await createProject({files: {'content/de/x.md': german}})
    const provider = new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})
    const result = await build({root: project.root, provider, frontmatterFields: ['title', 'teaser']})
    expect(result.files.map((file) => [file.ok, file.file.messages.map(String)])).toEqual([[true, []]])
    expect(deepl.translateRequests().flatMap((request) => request.params.texts)).toEqual([
      'Russland und die Ukraine',
      'Die Soldaten',
      'Die Truppen'
    ])
    expect(await project.read('content/en/x.md')).toBe(
      [
        '---',
        '# Quelle: Redaktion',
        'title: "Russia and the Ukraine"',
        'lang: en',
        'untertitel: Nicht übersetzt, da nicht konfiguriert',
        'image: /assets/images/cards/krieg.png',
        'related:',
        '  - metrics',
        '  - leadership',
        'teaser: The Soldiers',
        'translation:',
        '  of: content/de/x.md',
        `  sourceHash: ${sha256(german)}`,
        '  glossary: ""',
        '---',
        '',
        '# The Troops',
        ''
      ].join('\n')
    )
  })

  it('warns about front matter that is not a mapping and keeps it as it is', async () => {
    const project = await createProject({
      files: {'content/de/x.md': '---\n- eins\n- zwei\n---\n\n12.000\n'}
    })
    const result = await build({root: project.root})
    expect(result.files.map((file) => [file.ok, file.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)])).toEqual([
      [true, ['1:1 frontmatter-not-a-map']]
    ])
    expect(await project.read('content/en/x.md')).toBe('---\n- eins\n- zwei\n---\n\n12.000\n')
  })
})
