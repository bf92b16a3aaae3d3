/**
 * Tags damaged by the provider, through the real DeepL client and the test server: each kind of
 * damage is a warning at the German position, and the English edition stays well-formed Markdown
 * that keeps every link target (design.md "Segments").
 */
import type {Root} from 'mdast'
import {afterEach, describe, expect, it} from 'vitest'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {comparable, nodesOf, parse, rewrite} from './fidelity.ts'
import {createProject, removeProjects} from './project.ts'
import {
  TAG_DAMAGE_KINDS,
  damageTags,
  damagedTranslation,
  defaultTranslate,
  startDeepLServer,
  type DeepLServer,
  type DeepLServerOptions,
  type TagDamageKind
} from './servers/deepl.ts'

const servers: DeepLServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await removeProjects()
})

async function buildWith(german: string, translate: DeepLServerOptions['translate']) {
  const deepl = await startDeepLServer({translate})
  servers.push(deepl)
  const project = await createProject({files: {'content/de/x.md': german}})
  const provider = new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})
  const result = await build({root: project.root, provider})
  const [built] = result.files
  if (!built) throw new Error('no file built')
  const messages = built.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`)
  return {ok: built.ok, messages, english: body(await project.read('content/en/x.md')), deepl}
}

function body(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '')
}

/** Block types in order: the English edition must have the German's blocks. */
function blocks(tree: Root): string[] {
  return tree.children.filter((node) => node.type !== 'yaml').map((node) => node.type)
}

function urls(tree: Root): string[] {
  return [...nodesOf(tree, 'link'), ...nodesOf(tree, 'image'), ...nodesOf(tree, 'definition')].map((node) => node.url).sort()
}

const german = '# Die Lage\n\nDie Soldaten kämpfen in [der Region](https://example.org/kursk "Karte") für **Russland** mit `code`.\n'
const tagged = 'Die Soldaten kämpfen in <a id="1">der Region</a> für <b>Russland</b> mit <x id="2"/>.'
const fallback = 'The Soldiers fight in the Region for Russia with `code`. [der Region](https://example.org/kursk "Karte")'

describe('the test server damages tags as asked', () => {
  const english = defaultTranslate(tagged, {tagHandling: 'xml', ignoreTags: []})

  it.each<[TagDamageKind, string]>([
    ['lose', 'The Soldiers fight in the Region for <b>Russia</b> with <x id="2"/>.'],
    ['duplicate', 'The Soldiers fight in <a id="1">the Region</a> for <b>Russia</b> with <x id="2"/> <x id="2"/>.'],
    ['reorder', 'The Soldiers fight in </a>the Region<a id="1"> for <b>Russia</b> with <x id="2"/>.'],
    ['unbalance', 'The Soldiers fight in <a id="1">the Region for <b>Russia</b> with <x id="2"/>.'],
    ['misnest', 'The Soldiers fight in <a id="1">the Region for <b>Russia</a></b> with <x id="2"/>.'],
    ['invent', 'The Soldiers fight in <a id="1">the Region</a> for <b>Russia</b> with <x id="2"/>. <x id="99"/>'],
    ['malform', 'The Soldiers fight in <a id="1">the Region</a for <b>Russia</b> with <x id="2"/>.']
  ])('%s', (kind, damaged) => {
    expect(damageTags(kind, english)).toBe(damaged)
  })

  it('covers every kind and leaves a text without tags alone', () => {
    expect(TAG_DAMAGE_KINDS).toHaveLength(7)
    for (const kind of TAG_DAMAGE_KINDS) expect(damageTags(kind, 'No tags here.')).toBe('No tags here.')
  })
})

describe('a build whose provider damages the tags', () => {
  it.each<[TagDamageKind, string]>([
    ['lose', 'the tag with id `1` was lost'],
    ['duplicate', '`<x id="2">` appears twice'],
    ['reorder', '`</a>` comes before its `<a>`'],
    ['unbalance', '`<a>` is never closed'],
    ['misnest', '`</a>` closes `<b>`'],
    ['invent', '`<x>` refers to unknown id `99`'],
    ['malform', 'unexpected `<` or `>` in `the Region</a for `']
  ])('%s: warns at the German paragraph and keeps plain text, the code in place and the link at the end', async (kind, damage) => {
    const built = await buildWith(german, damagedTranslation(kind))
    expect(built.ok).toBe(true)
    expect(built.messages).toEqual([`3:1 tag-damage the translation's tags are damaged (${damage}); kept as plain text`])
    expect(built.english).toBe(`# The Lage\n\n${fallback}\n`)
    // Well-formed: remark writes it back unchanged, with the German's blocks and link target.
    const tree = parse(built.english)
    expect(rewrite(built.english)).toBe(built.english)
    expect(blocks(tree)).toEqual(blocks(parse(german)))
    expect(urls(tree)).toEqual(urls(parse(german)))
  })

  it.each<[TagDamageKind, string]>([
    ['lose', '`<b>` appears 0 times where the German has 1'],
    ['duplicate', '`<b>` appears 2 times where the German has 1']
  ])('%s on a mark only: warns, and falls back to plain text like any other damage', async (kind, damage) => {
    const built = await buildWith('Ein **Punkt** und [mehr](https://example.org/mehr).\n', damagedTranslation(kind))
    expect(built.messages).toEqual([`1:1 tag-damage the translation's tags are damaged (${damage}); kept as plain text`])
    expect(built.english).toBe(
      kind === 'lose'
        ? 'A Punkt and more. [mehr](https://example.org/mehr)\n'
        : 'A Punkt Punkt and more. [mehr](https://example.org/mehr)\n'
    )
  })

  it('takes links and placeholders in another order as a translation, not as damage', async () => {
    // The "provider" puts the bold word first and the link last, as English word order may.
    const built = await buildWith(german, (text, params) =>
      text === tagged ? 'With <x id="2"/>, <b>Russia</b> fights for <a id="1">the region</a>.' : defaultTranslate(text, params)
    )
    expect(built.messages).toEqual([])
    expect(built.english).toBe('# The Lage\n\nWith `code`, **Russia** fights for [the region](https://example.org/kursk "Karte").\n')
  })

  describe.each(TAG_DAMAGE_KINDS)('%s, in every kind of block and link', (kind) => {
    const rich = [
      '# Bericht über [die Lage](https://example.org/lage) heute',
      '',
      '- Ein **Punkt** mit [Verweis][ref] und `npm test`',
      '- Noch ein _Punkt_ mit <https://example.org/auto> und ![Bild](bild.png)',
      '',
      '> Ein Zitat mit [Quelle](https://example.org/quelle) und Fußnote[^1].',
      '',
      '| Spalte | Wert |',
      '| :-- | --: |',
      '| [Links](https://example.org/links) **fett** | _kursiv_ ~~weg~~ |',
      '',
      '[^1]: Die Notiz mit [Beleg](https://example.org/beleg "Titel").',
      '',
      '[ref]: https://example.org/ref',
      ''
    ].join('\n')

    it('keeps the blocks, every URL and every code span, and warns once per damaged segment', async () => {
      const built = await buildWith(rich, damagedTranslation(kind))
      expect(built.ok).toBe(true)
      const tree = parse(built.english)
      const source = parse(rich)
      expect(rewrite(built.english)).toBe(built.english)
      expect(comparable({type: 'root', children: tree.children.map((node) => ({...node, children: []}))})).toEqual(
        comparable({type: 'root', children: source.children.map((node) => ({...node, children: []}))})
      )
      expect(urls(tree)).toEqual(urls(source))
      expect(nodesOf(tree, 'inlineCode').map((node) => node.value)).toEqual(['npm test'])
      expect(nodesOf(tree, 'footnoteReference')).toHaveLength(1)
      const table = nodesOf(tree, 'table')[0]
      expect(table?.align).toEqual(['left', 'right'])
      // Each segment whose tags the server damaged says so, at its own German position.
      const damaged = built.deepl
        .translateRequests()
        .flatMap((request) => request.params.texts)
        .filter((text) => {
          const english = defaultTranslate(text, {tagHandling: 'xml', ignoreTags: []})
          return damageTags(kind, english) !== english
        })
      expect(damaged.length).toBeGreaterThanOrEqual(3)
      expect(built.messages).toHaveLength(damaged.length)
      const places = ['1:1', '3:3', '4:3', '6:3', '10:1', '10:47', '12:7']
      for (const message of built.messages) {
        const [place, rule] = message.split(' ')
        expect(places).toContain(place)
        expect(rule).toBe('tag-damage')
      }
    })
  })
})
