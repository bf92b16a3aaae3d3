/**
 * Real articles: the eight German Open Source Guides in ../shared/corpus/opensource-guide/de
 * (CC BY 4.0, © GitHub, Inc. and contributors; https://opensource.guide; copied with their
 * LICENSE into each test project), built with the real DeepL client against the test server.
 * Whatever the translation does to the prose, the links, images, code, HTML and template tags
 * must come out byte for byte, and the block structure must be the German's.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, type BuildResult} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {corpusDir, nodesOf, parse, rewrite} from './fidelity.ts'
import {createProject, removeProjects, type Project} from './project.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'

let deepl: DeepLServer
let project: Project
let result: BuildResult
let names: string[]

beforeAll(async () => {
  names = (await readdir(path.join(corpusDir, 'de'))).filter((name) => name.endsWith('.md')).sort()
  const files: Record<string, string> = {'content/de/LICENSE': await readFile(path.join(corpusDir, 'LICENSE'), 'utf8')}
  for (const name of names) files[`content/de/${name}`] = await readFile(path.join(corpusDir, 'de', name), 'utf8')
  deepl = await startDeepLServer()
  project = await createProject({files})
  const provider = new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})
  result = await build({root: project.root, provider, concurrency: 4})
}, 120_000)

afterAll(async () => {
  await deepl.close()
  await removeProjects()
})

/** What must be identical, and what must be as many, in a German article and its English edition. */
function inventory(tree: Root) {
  const links = nodesOf(tree, 'link')
  return {
    kept: {
      linkUrls: links.map((node) => node.url),
      linkReferences: nodesOf(tree, 'linkReference').map((node) => node.identifier),
      imageUrls: [...nodesOf(tree, 'image'), ...nodesOf(tree, 'definition')].map((node) => node.url),
      code: [...nodesOf(tree, 'inlineCode'), ...nodesOf(tree, 'code')].map((node) => node.value),
      html: nodesOf(tree, 'html').map((node) => node.value),
      templateTags: nodesOf(tree, 'html').filter((node) => node.data?.templateTag).map((node) => node.value)
    },
    counts: {
      headings: nodesOf(tree, 'heading').length,
      listItems: nodesOf(tree, 'listItem').length,
      paragraphs: nodesOf(tree, 'paragraph').length,
      links: links.length + nodesOf(tree, 'linkReference').length,
      images: nodesOf(tree, 'image').length,
      tables: nodesOf(tree, 'table').length,
      blockquotes: nodesOf(tree, 'blockquote').length
    }
  }
}

describe('the Open Source Guides (de) built through the test server', () => {
  it('finds the eight articles', () => {
    expect(names).toHaveLength(8)
  })

  it('builds every article without a message', () => {
    expect(result.files.map((file) => [path.basename(file.file.path), file.ok, file.file.messages.map(String)])).toEqual(
      names.map((name) => [name, true, []])
    )
  })

  it('keeps URLs, code, HTML and template tags byte for byte, and the counts of every kind of block', async () => {
    const totals = {headings: 0, listItems: 0, paragraphs: 0, links: 0, images: 0, html: 0, code: 0, segments: 0}
    for (const name of names) {
      const germanText = await readFile(path.join(corpusDir, 'de', name), 'utf8')
      const englishText = await project.read(`content/en/${name}`)
      const german = inventory(parse(germanText))
      const english = inventory(parse(englishText))
      expect(english.kept, name).toEqual(german.kept)
      expect(english.counts, name).toEqual(german.counts)
      // Byte for byte: every HTML block and code span as written in the German is in the English file.
      for (const value of [...german.kept.html, ...german.kept.code]) expect(englishText, name).toContain(value)
      for (const url of [...german.kept.linkUrls, ...german.kept.imageUrls]) {
        if (germanText.includes(url)) expect(englishText, name).toContain(url)
      }
      // The English edition is well-formed: written again in tandem's style, it is unchanged.
      expect(rewrite(englishText), name).toBe(englishText)
      totals.headings += german.counts.headings
      totals.listItems += german.counts.listItems
      totals.paragraphs += german.counts.paragraphs
      totals.links += german.counts.links
      totals.images += german.counts.images
      totals.html += german.kept.html.length
      totals.code += german.kept.code.length
      totals.segments += result.files.find((file) => file.file.path.endsWith(name))?.file.data.tandem?.segments.length ?? 0
    }
    console.log(
      `corpus: ${names.length} articles, ${totals.segments} segments; kept ${totals.headings} headings, ${totals.listItems} list items, ` +
        `${totals.paragraphs} paragraphs, ${totals.links} links, ${totals.images} images, ${totals.html} HTML nodes, ${totals.code} code spans`
    )
    expect(totals.links).toBeGreaterThan(100)
  })

  it('translates front matter title and description only, and keeps the other keys byte for byte', async () => {
    for (const name of names) {
      const german = (await readFile(path.join(corpusDir, 'de', name), 'utf8')).split('\n---\n')[0] ?? ''
      const english = (await project.read(`content/en/${name}`)).split('\n---\n')[0] ?? ''
      const untouched = (yaml: string) => yaml.split('\n').filter((line) => !/^(title|description|lang|translation|  (of|sourceHash|glossary)):/.test(line))
      expect(untouched(english), name).toEqual(untouched(german))
      expect(english, name).toContain('\nlang: en\n')
    }
  })
})
