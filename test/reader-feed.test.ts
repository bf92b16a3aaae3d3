/**
 * The reader's Atom feed (site/feed.xml): parsed back with an XML parser and checked against the
 * rules of RFC 4287 that a feed of ours can break, for the seed project and for a small tree.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {Element, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {feedTree, renderFeed} from '../src/output/reader/feed.ts'
import type {IndexEntry} from '../src/output/reader/index.ts'
import {writeReaderSite, type ReaderSite} from '../src/pipeline/write-site.ts'
import {createProject, memoryFile, memoryRecord, removeProjects} from './project.ts'
import {createReaderProject, seedSlug, xssSlug} from './reader-project.ts'

let site: ReaderSite

beforeAll(async () => {
  const project = await createReaderProject()
  site = await writeReaderSite({root: project.root})
})

afterAll(removeProjects)

const children = (element: Element, name: string) => element.children.filter((child): child is Element => child.type === 'element' && child.name === name)
const text = (element: Element | undefined): string =>
  element ? element.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? text(child) : '')).join('') : ''
const only = (element: Element, name: string) => {
  const found = children(element, name)
  expect(found, `exactly one <${name}> in <${element.name}>`).toHaveLength(1)
  return found[0] as Element
}
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
const uuidUrn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The feed element, after checking what RFC 4287 requires of a feed and its entries. */
function checkAtom(xml: string): Element {
  const root: Root = fromXml(xml)
  const feed = root.children.find((child): child is Element => child.type === 'element') as Element
  expect([feed.name, feed.attributes.xmlns]).toEqual(['feed', 'http://www.w3.org/2005/Atom'])
  expect(text(only(feed, 'id'))).toMatch(uuidUrn)
  only(feed, 'title')
  expect(text(only(feed, 'updated'))).toMatch(rfc3339)
  // An author on the feed, so that no entry needs one (4.1.1).
  expect(text(only(only(feed, 'author'), 'name'))).not.toBe('')
  expect(children(feed, 'link').filter((link) => link.attributes.rel === 'self')).toHaveLength(1)
  for (const entry of children(feed, 'entry')) {
    expect(text(only(entry, 'id'))).toMatch(uuidUrn)
    only(entry, 'title')
    expect(text(only(entry, 'updated'))).toMatch(rfc3339)
    // No content, so an alternate link and a summary (4.1.2).
    expect(children(entry, 'link').filter((link) => (link.attributes.rel ?? 'alternate') === 'alternate')).toHaveLength(1)
    expect(children(entry, 'summary')).toHaveLength(1)
  }
  const ids = [feed, ...children(feed, 'entry')].map((element) => text(only(element, 'id')))
  expect(new Set(ids).size).toBe(ids.length)
  return feed
}

describe('site/feed.xml', () => {
  it('is an Atom feed of the English edition with the seed’s English title, linking to its reader page', async () => {
    const feed = checkAtom(await readFile(site.feed, 'utf8'))
    expect(feed.attributes['xml:lang']).toBe('en')
    const entries = children(feed, 'entry')
    expect(entries.map((entry) => text(only(entry, 'title')))).toEqual([
      '<script>window.__xss=1</script>Titel "><img src=x onerror=window.__xss=1>',
      'Russia admits: North Korean soldiers are fighting in Kursk!'
    ])
    const seed = entries[1] as Element
    expect(children(seed, 'link').map((link) => link.attributes)).toEqual([{rel: 'alternate', type: 'text/html', hreflang: 'en', href: `articles/${seedSlug}.html`}])
    expect(text(only(seed, 'summary'))).toMatch(/^Kursk, Russia — Russia has confirmed for the first time that North Korean soldiers/)
    // No `date` in its front matter: the newest memory record it shows.
    expect(text(only(seed, 'updated'))).toBe('2026-11-28T00:00:00Z')
    expect(text(only(entries[0] as Element, 'id'))).not.toBe(text(only(seed, 'id')))
    expect(children(entries[0] as Element, 'link')[0]?.attributes.href).toBe(`articles/${xssSlug}.html`)
  })

  it('is the same bytes on the next run', async () => {
    const before = await readFile(site.feed, 'utf8')
    await writeReaderSite({root: site.dir.replace(/\/site$/, '')})
    expect(await readFile(site.feed, 'utf8')).toBe(before)
  })
})

describe('renderFeed', () => {
  const unit = (en: string) => ({de: [{type: 'text' as const, value: en}], en: [{type: 'text' as const, value: en}], translated: true})
  const entries: IndexEntry[] = [
    {href: 'articles/alt.html', title: unit('Old'), date: '2024-05-01', summary: 'Old news.'},
    {href: 'articles/neu.html', title: unit('New & <improved>'), date: '2026-01-02', summary: 'New news.'},
    {href: 'articles/ohne.html', title: {...unit('Untranslated'), translated: false}}
  ]

  it('is newest first, updated at its newest entry, and leaves out an article without English', () => {
    const feed = checkAtom(renderFeed(entries, {title: 'Site', author: 'tandem'}))
    expect(text(only(feed, 'updated'))).toBe('2026-01-02T00:00:00Z')
    expect(children(feed, 'entry').map((entry) => [text(only(entry, 'title')), text(only(entry, 'published'))])).toEqual([
      ['New & <improved>', '2026-01-02T00:00:00Z'],
      ['Old', '2024-05-01T00:00:00Z']
    ])
  })

  it('makes links absolute, and ids unique to the site, given its address', () => {
    const feed = feedTree(entries, {title: 'Site', author: 'tandem', siteUrl: 'https://example.org/reader/'}).children.find((child) => child.type === 'element') as Element
    const other = feedTree(entries, {title: 'Site', author: 'tandem', siteUrl: 'https://example.com/'}).children.find((child) => child.type === 'element') as Element
    expect(children(feed, 'link').map((link) => link.attributes.href)).toEqual(['https://example.org/reader/feed.xml', 'https://example.org/reader/index.html'])
    expect(children(children(feed, 'entry')[0] as Element, 'link')[0]?.attributes.href).toBe('https://example.org/reader/articles/neu.html')
    expect(text(only(feed, 'id'))).not.toBe(text(only(other, 'id')))
  })
})

describe('from `tandem import` to the index and the feed', () => {
  it('orders by the imported date, newest first, then by title in number order; the feed has the date, the author and the source', async () => {
    const articles: Array<[string, string, string[]]> = [
      ['alt.txt', 'Meldung alt\n\nEin alter Satz.\n', ['--date', '2024-05-01', '--author', 'Anna Berg', '--source-url', 'https://example.org/alt']],
      ['neu.txt', 'Meldung neu\n\nEin neuer Satz.\n', ['--date', '2026-11-30']],
      ['zehn.txt', 'Meldung 10\n\nZehn.\n', []],
      ['zwei.txt', 'Meldung 2\n\nZwei.\n', []]
    ]
    const records = ['Meldung alt', 'Ein alter Satz.', 'Meldung neu', 'Ein neuer Satz.', 'Meldung 10', 'Zehn.', 'Meldung 2', 'Zwei.'].map((de) =>
      memoryRecord(de, `EN ${de}`)
    )
    const project = await createProject({
      files: {...Object.fromEntries(articles.map(([name, text]) => [name, text])), 'memory/de-en.jsonl': memoryFile(records), 'tandem.config.json': '{"siteUrl": "https://example.org/reader"}'}
    })
    for (const [name, , options] of articles) expect(await project.cli(['import', name, ...options])).toMatchObject({code: 0})
    expect(await project.read('content/de/meldung-alt.md')).toMatch(/^---\ntitle: Meldung alt\ndate: 2024-05-01\nauthor: Anna Berg\nlang: de\nsource: alt.txt\nsourceUrl: https:\/\/example.org\/alt\n---\n/)

    const site = await writeReaderSite({root: project.root})
    const index = await readFile(path.join(site.dir, 'index.html'), 'utf8')
    expect([...index.matchAll(/<a href="(articles\/[^"]+)"/g)].map((match) => match[1])).toEqual([
      'articles/meldung-neu.html',
      'articles/meldung-alt.html',
      'articles/meldung-2.html',
      'articles/meldung-10.html'
    ])

    const feed = checkAtom(await readFile(site.feed, 'utf8'))
    const entries = children(feed, 'entry')
    expect(entries.map((entry) => [text(only(entry, 'title')), text(children(entry, 'published')[0])])).toEqual([
      ['EN Meldung neu', '2026-11-30T00:00:00Z'],
      ['EN Meldung alt', '2024-05-01T00:00:00Z'],
      ['EN Meldung 2', ''],
      ['EN Meldung 10', '']
    ])
    expect(text(only(feed, 'updated'))).toBe('2026-11-30T00:00:00Z')
    const old = entries[1] as Element
    expect(text(only(only(old, 'author'), 'name'))).toBe('Anna Berg')
    expect(children(old, 'link').map((link) => [link.attributes.rel, link.attributes.href])).toEqual([
      ['alternate', 'https://example.org/reader/articles/meldung-alt.html'],
      ['via', 'https://example.org/alt']
    ])
    // No author of its own: the feed's author stands for it (RFC 4287, 4.1.1).
    expect(children(entries[0] as Element, 'author')).toEqual([])
    // siteUrl makes every link absolute, with or without its final slash.
    expect(children(feed, 'link').map((link) => link.attributes.href)).toEqual(['https://example.org/reader/feed.xml', 'https://example.org/reader/index.html'])
  })

  it('refuses a siteUrl that is not an absolute http(s) address, at its line and column', async () => {
    const project = await createProject({files: {'tandem.config.json': '{\n  "siteUrl": "/reader/"\n}\n', 'content/de/a.md': '# A\n'}})
    const run = await project.cli(['site'])
    expect(run.code).toBe(2)
    expect(run.stderr.join('\n')).toContain(
      'tandem.config.json:2:3: `siteUrl`: expected the absolute http or https address the site is served at, such as `https://example.org/reader/`, not `/reader/`'
    )
  })
})
