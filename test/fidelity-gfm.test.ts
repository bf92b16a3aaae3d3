/**
 * GFM through a build with the real DeepL client and the test server: tables keep their cell
 * alignment, task lists their check boxes, strikethrough its marks, footnotes their references
 * and definitions, and autolinks their URLs, which are never sent.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {nodesOf, parse} from './fidelity.ts'
import {createProject, fixturesDir, removeProjects} from './project.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'

let deepl: DeepLServer
let german: string
let english: string
let messages: string[]

beforeAll(async () => {
  german = await readFile(path.join(fixturesDir, '..', 'fidelity', 'gfm.de.md'), 'utf8')
  deepl = await startDeepLServer()
  const project = await createProject({files: {'content/de/x.md': german}})
  const result = await build({root: project.root, provider: new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})})
  messages = result.files.flatMap((file) => file.file.messages.map(String))
  english = (await project.read('content/en/x.md')).replace(/^---\n[\s\S]*?\n---\n\n/, '')
})

afterAll(async () => {
  await deepl.close()
  await removeProjects()
})

describe('GFM in a build', () => {
  it('writes the hand-checked English edition, without a message', () => {
    expect(messages).toEqual([])
    expect(english).toBe(
      [
        '# The Lage in the Region',
        '',
        '| Country     | Troops |                Weapons | Quelle                           |',
        '| :---------- | :----: | ---------------------: | -------------------------------- |',
        '| Russia      |  many  | Missiles \\| Ammunition | <https://example.org/a>          |',
        '| North Korea | 12.000 |        ~~no~~ Missiles | [Bericht](https://example.org/b) |',
        '',
        '- [x] The Soldiers in the Region',
        '- [ ] The ~~alten~~ new Troops',
        '- The Weapons without Kästchen',
        '',
        'The Ukraine[^1] and Russia[^quelle] have ~~keinen~~ a Conflict.',
        '',
        // A literal autolink is written in angle brackets or in full: the same link.
        'More under <https://example.org/c>, [www.example.org/d](http://www.example.org/d) and <presse@example.org>.',
        '',
        '[^1]: The Ukraine is a Country.',
        '',
        '[^quelle]: According to [Bericht](https://example.org/e).',
        '',
        '    With a zweiten Absatz.',
        ''
      ].join('\n')
    )
  })

  it('keeps table alignment, check boxes, strikethrough, footnotes and autolinks in the tree', () => {
    const source = parse(german)
    const target = parse(english)
    expect(nodesOf(target, 'table').map((table) => table.align)).toEqual([['left', 'center', 'right', null]])
    expect(nodesOf(target, 'table').map((table) => table.align)).toEqual(nodesOf(source, 'table').map((table) => table.align))
    expect(nodesOf(target, 'listItem').map((item) => item.checked)).toEqual([true, false, null])
    expect(nodesOf(target, 'delete')).toHaveLength(nodesOf(source, 'delete').length)
    expect(nodesOf(target, 'footnoteReference').map((node) => node.identifier)).toEqual(['1', 'quelle'])
    expect(nodesOf(target, 'footnoteDefinition').map((node) => [node.identifier, node.children.length])).toEqual([
      ['1', 1],
      ['quelle', 2]
    ])
    expect(nodesOf(target, 'link').map((node) => node.url)).toEqual(nodesOf(source, 'link').map((node) => node.url))
  })

  it('sends the prose of cells, task items, struck text and footnotes, and no URL', () => {
    const texts = deepl.translateRequests().flatMap((request) => request.params.texts)
    expect(texts).toContain('<s>keine</s> Raketen')
    expect(texts).toContain('Die <s>alten</s> neuen Truppen')
    expect(texts).toContain('Die Ukraine<x id="1"/> und Russland<x id="2"/> haben <s>keinen</s> einen Konflikt.')
    expect(texts).toContain('Mehr unter <x id="1"/>, <x id="2"/> und <x id="3"/>.')
    expect(texts).toContain('Mit einem zweiten Absatz.')
    for (const text of texts) expect(text).not.toMatch(/example\.org|\[[ x]\]/)
  })
})
