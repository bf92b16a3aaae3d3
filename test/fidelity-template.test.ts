/**
 * Template tags (`{% … %}`, `{{ … }}`: Liquid, Jekyll, Hugo) are placeholders: never sent, and
 * written back byte for byte wherever they stand, front matter and alt text included.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {nodesOf, parse} from './fidelity.ts'
import {createProject, fixturesDir, removeProjects} from './project.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'

const tagPattern = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g

let deepl: DeepLServer
let german: string
let english: string
let messages: string[]

beforeAll(async () => {
  german = await readFile(path.join(fixturesDir, '..', 'fidelity', 'template-tags.de.md'), 'utf8')
  deepl = await startDeepLServer()
  const project = await createProject({files: {'content/de/x.md': german}})
  const result = await build({root: project.root, provider: new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})})
  messages = result.files.flatMap((file) => file.file.messages.map(String))
  english = await project.read('content/en/x.md')
})

afterAll(async () => {
  await deepl.close()
  await removeProjects()
})

describe('template tags', () => {
  it('come out byte for byte, each one, in order', () => {
    expect(messages).toEqual([])
    const tags = [...german.matchAll(tagPattern)].map((match) => match[0])
    expect(tags).toHaveLength(24)
    expect([...english.matchAll(tagPattern)].map((match) => match[0])).toEqual(tags)
  })

  it('are never sent, and the prose around them is', () => {
    const texts = deepl.translateRequests().flatMap((request) => request.params.texts)
    for (const text of texts) expect(text).not.toMatch(/\{\{|\{%|%\}|\}\}/)
    expect(texts).toContain('Die Region <x id="1"/>')
    expect(texts).toContain('Ein Bericht über <x id="1"/>die Lage<x id="2"/> in der Region')
    expect(texts).toContain('<x id="1"/>viele<x id="2"/>keine<x id="3"/>')
  })

  it('stand in the English edition where the German had them', () => {
    expect(english).toContain('title: "The Region {{ page.jahr }}"\n')
    expect(english).toContain('\n# The Soldiers in {{ page.region | upcase }}\n')
    expect(english).toContain('\n{% include warnung.html text="Die Soldaten *nicht* senden" stufe=2 %}\n')
    // A tag may span lines of its paragraph; an image's alt text keeps its tag too.
    expect(english).toContain('![The Region {{ page.jahr }}]({{site.baseurl}}/bild.png), {% include fussnote.html\n  nummer=3 %}.')
    expect(nodesOf(parse(english), 'link').map((node) => node.url)).toEqual(['{{site.url}}/bericht'])
  })

  it('cannot make a link of a destination with spaces, which CommonMark does not allow (a known limit)', () => {
    // Liquid renders before Markdown, so the German is a link on the site; remark reads text and
    // escapes its brackets. The tag itself is kept; the author can write `{{site.url}}` without spaces.
    expect(english).toContain('A Verweis \\[with Leerzeichen]\\({% link _posts/bericht.md %}) is no Link.')
  })
})
