/**
 * Only prose is sent (design.md "Segments"): no request the test server receives carries a URL,
 * a code span or block, HTML, math or a template tag of the input, and the English edition gives
 * each of them back as it was.
 */
import {readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import {afterEach, describe, expect, it} from 'vitest'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {corpusDir, nodesOf, parse} from './fidelity.ts'
import {createProject, fixturesDir, removeProjects} from './project.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'

const servers: DeepLServer[] = []
const everything = path.join(fixturesDir, '..', 'fidelity', 'everything.de.md')

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await removeProjects()
})

/** Whatever must never be sent: URLs, code, HTML, math and template tags, as the input holds them. */
function neverSent(tree: Root): string[] {
  const values = [
    ...[...nodesOf(tree, 'link'), ...nodesOf(tree, 'image'), ...nodesOf(tree, 'definition')].map((node) => node.url),
    ...[...nodesOf(tree, 'inlineCode'), ...nodesOf(tree, 'code'), ...nodesOf(tree, 'html')].map((node) => node.value),
    ...[...nodesOf(tree, 'inlineMath'), ...nodesOf(tree, 'math')].map((node) => node.value)
  ]
  // A one- or two-character code span (`@`) also occurs in prose; it cannot be told apart there.
  return [...new Set(values)].filter((value) => value.trim().length > 2)
}

async function buildAll(files: Record<string, string>) {
  const deepl = await startDeepLServer()
  servers.push(deepl)
  const project = await createProject({files})
  const provider = new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})
  const result = await build({root: project.root, provider, concurrency: 4})
  expect(result.files.map((file) => [file.ok, file.file.messages.map(String)])).toEqual(Object.keys(files).map(() => [true, []]))
  return {deepl, project}
}

/** Every parameter of every request, as the server parsed it, in one string per request. */
function bodies(deepl: DeepLServer): string[] {
  return deepl.requests.map((request) => JSON.stringify([request.query, request.params?.raw ?? {}, request.form ?? {}]))
}

describe('what the test server receives', () => {
  it('holds no URL, code, HTML, math or template tag of a file that has all of them', async () => {
    const german = await readFile(everything, 'utf8')
    const {deepl, project} = await buildAll({'content/de/x.md': german})
    const secrets = neverSent(parse(german))
    // The fixture's front matter holds a URL and a template tag too.
    secrets.push('https://example.org/bilder/titel.png', '{{ site.title }}', '{{ page.title }}')
    expect(secrets.length).toBeGreaterThan(25)
    const sent = bodies(deepl)
    expect(sent.length).toBeGreaterThan(0)
    for (const body of sent) for (const secret of secrets) expect(body).not.toContain(JSON.stringify(secret).slice(1, -1))
    // Nothing that looks like a URL at all.
    for (const body of sent) expect(body).not.toMatch(/https?:|www\.|@example/)
    const english = await project.read('content/en/x.md')
    for (const secret of secrets) if (german.includes(secret)) expect(english).toContain(secret)
  })

  it('holds no URL or code span of the eight real articles', async () => {
    const names = (await readdir(path.join(corpusDir, 'de'))).filter((name) => name.endsWith('.md'))
    const files: Record<string, string> = {}
    for (const name of names) files[`content/de/${name}`] = await readFile(path.join(corpusDir, 'de', name), 'utf8')
    const {deepl} = await buildAll(files)
    const secrets = Object.values(files).flatMap((text) => neverSent(parse(text)))
    expect(secrets.length).toBeGreaterThan(200)
    const sent = bodies(deepl)
    for (const body of sent) for (const secret of secrets) expect(body).not.toContain(JSON.stringify(secret).slice(1, -1))
    for (const body of sent) expect(body).not.toMatch(/https?:\/\//)
  })
})
