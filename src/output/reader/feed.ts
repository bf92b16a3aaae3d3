import {createHash} from 'node:crypto'
import type {Element, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'
import {x} from 'xastscript'
import {plainOf, sortEntries, type IndexEntry} from './render-page.ts'

export interface FeedOptions {
  /** The feed's title: the site's. */
  title: string
  /** The feed's author, for the articles whose front matter names none (Atom requires one for each entry). */
  author: string
  /**
   * The site's address (`https://example.org/reader/`), when it has one: links become absolute and ids
   * are made from it, so they are unique to the site. Without it, links are relative to the feed.
   */
  siteUrl?: string
}

/**
 * `site/feed.xml`: an Atom feed (RFC 4287) of the English edition, one entry per translated article,
 * newest first, linking to its reader page. Links are relative to the feed unless `siteUrl` is given;
 * ids are name-based UUIDs of the page's address, so they stay the same across builds.
 * The same entries give the same bytes: `updated` is the article's `date`, or the newest date of
 * the memory records it shows.
 */
export function renderFeed(entries: readonly IndexEntry[], options: FeedOptions): string {
  return `${toXml(feedTree(entries, options), {closeEmptyElements: true})}\n`
}

export function feedTree(entries: readonly IndexEntry[], options: FeedOptions): Root {
  const shown = sortEntries(entries).filter((entry) => entry.title.translated)
  const updated = (entry: IndexEntry) => timestamp(entry.date ?? entry.translated)
  const newest = shown.map(updated).reduce((a, b) => (a > b ? a : b), timestamp(undefined))
  // `https://example.org/reader` is the folder, as a person writing it means: resolve against `…/reader/`.
  const base = options.siteUrl && !options.siteUrl.endsWith('/') ? `${options.siteUrl}/` : options.siteUrl
  const link = (href: string) => (base ? new URL(href, base).href : href)
  const id = (href: string) => uuidUrn(link(href))
  const lines = (elements: Element[]) => elements.flatMap((element) => [{type: 'text' as const, value: '\n'}, element])
  return {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
      {type: 'text', value: '\n'},
      x('feed', {xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en'}, [
        ...lines([
          x('id', id('feed.xml')),
          x('title', {type: 'text'}, options.title),
          x('updated', newest),
          x('author', [x('name', options.author)]),
          x('link', {rel: 'self', type: 'application/atom+xml', href: link('feed.xml')}),
          x('link', {rel: 'alternate', type: 'text/html', href: link('index.html')}),
          x('generator', 'tandem'),
          ...shown.map((entry) =>
            x('entry', [
              x('id', id(entry.href)),
              x('title', {type: 'text'}, plainOf(entry.title.en)),
              x('updated', updated(entry)),
              ...(entry.date ? [x('published', timestamp(entry.date))] : []),
              ...(entry.author ? [x('author', [x('name', entry.author)])] : []),
              x('link', {rel: 'alternate', type: 'text/html', hreflang: 'en', href: link(entry.href.split('/').map(encodeURIComponent).join('/'))}),
              // Where the German was published: `via` is Atom's relation for the source of an entry's information.
              ...(entry.sourceUrl ? [x('link', {rel: 'via', type: 'text/html', hreflang: 'de', href: entry.sourceUrl})] : []),
              ...(entry.summary ? [x('summary', {type: 'text'}, entry.summary)] : [])
            ])
          )
        ]),
        {type: 'text', value: '\n'}
      ])
    ]
  }
}

/** An RFC 3339 timestamp for a `YYYY-MM-DD` date, at midnight UTC; the epoch when there is none. */
function timestamp(date: string | undefined): string {
  return `${date ?? '1970-01-01'}T00:00:00Z`
}

/** A name-based (version 5, RFC 9562) UUID of `name` in the URL namespace, as a URN. */
function uuidUrn(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex')
  const hash = createHash('sha1').update(namespace).update(`tandem:${name}`, 'utf8').digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
