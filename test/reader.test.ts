/**
 * The bilingual reader (src/output/reader): the pages written for the seed article and for an
 * article of XSS vectors, read back with an HTML5 parser; URL sanitising; the `tandem site` command.
 */
import {readFile, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it, onTestFinished} from 'vitest'
import {pageScript} from '../src/output/reader/assets.ts'
import * as reader from '../src/output/reader/index.ts'
import {imageSource, safeLinkUrl} from '../src/output/reader/index.ts'
import {writeReaderSite, type ReaderSite} from '../src/pipeline/write-site.ts'
import {allElements, attr, closest, hasClass, parseHtml, select, textOf, visibleText, type Element} from './html.ts'
import {removeProjects, type Project} from './project.ts'
import {createReaderProject, seedSlug, xssSlug} from './reader-project.ts'

let project: Project
let site: ReaderSite

beforeAll(async () => {
  project = await createReaderProject()
  site = await writeReaderSite({root: project.root})
})

afterAll(removeProjects)

const page = async (href: string) => parseHtml(await readFile(path.join(site.dir, href), 'utf8'))

/** The sentence spans of a column. */
const sentences = (column: Element) => select(column, 'span', 's')

/** The `.pair` whose German column contains `text`. */
function pairWith(root: Element, text: string): Element {
  const column = select(root, '*', 'col', 'de').find((element) => visibleText(element).includes(text))
  const pair = column && closest(root, column, (element) => hasClass(element, 'pair'))
  if (!pair) throw new Error(`no pair with ${text}`)
  return pair
}

function column(pair: Element, language: 'de' | 'en'): Element {
  const found = pair.childNodes.find((node): node is Element => 'tagName' in node && hasClass(node, 'col') && hasClass(node, language))
  if (!found) throw new Error(`no ${language} column`)
  return found
}

describe('writeReaderSite', () => {
  it('is exported with the reader API', () => {
    expect(Object.keys(reader).sort()).toEqual([
      'articlePage',
      'feedTree',
      'imageSource',
      'indexEntry',
      'indexPage',
      'pageHtml',
      'readerArticle',
      'readerSchema',
      'renderArticlePage',
      'renderFeed',
      'renderIndexPage',
      'safeLinkUrl',
      'sortEntries'
    ])
  })

  it('writes an index and one page per article under site/', () => {
    expect(site.dir).toBe(path.join(project.root, 'site'))
    expect(site.pages.map((file) => path.relative(site.dir, file))).toEqual(['index.html', `articles/${seedSlug}.html`, `articles/${xssSlug}.html`])
    expect(site.written).toEqual(site.pages)
    expect(site.files.flatMap((file) => file.messages.filter((message) => message.fatal))).toEqual([])
  })

  it('is deterministic and leaves unchanged pages alone', async () => {
    const before = await Promise.all(site.pages.map(async (file) => [await readFile(file, 'utf8'), (await stat(file)).mtimeMs] as const))
    const again = await writeReaderSite({root: project.root})
    expect(again.written).toEqual([])
    const after = await Promise.all(again.pages.map(async (file) => [await readFile(file, 'utf8'), (await stat(file)).mtimeMs] as const))
    expect(after).toEqual(before)
  })

  it('removes the page of an article that is gone, and nothing it did not write', async () => {
    await project.write('site/articles/gone.html', '<!doctype html><meta name="generator" content="tandem reader">')
    await project.write('site/notes.html', '<!doctype html><p>mine</p>')
    await writeReaderSite({root: project.root})
    expect(await project.exists('site/articles/gone.html')).toBe(false)
    expect(await project.exists('site/notes.html')).toBe(true)
  })

  it('lists the articles on the index with both titles, in natural order of their titles when they have no date', async () => {
    const index = await page('index.html')
    const links = select(index, 'ul', 'articles').flatMap((list) => select(list, 'a'))
    // `<script>…` sorts before `Russland…`: punctuation comes first.
    expect(links.map((link) => attr(link, 'href'))).toEqual([`articles/${xssSlug}.html`, `articles/${seedSlug}.html`])
    const seed = links[1] as Element
    expect(select(seed, 'span', 'de').map(textOf)).toEqual(['Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!'])
    expect(select(seed, 'span', 'en').map(textOf)).toEqual(['Russia admits: North Korean soldiers are fighting in Kursk!'])
    expect(select(seed, 'span', 'de').map((element) => attr(element, 'lang'))).toEqual(['de'])
  })

  it('puts dated articles first, newest first, with their date and mix of origins; renders no empty list item', async () => {
    await project.write('content/de/meldung-2.md', '---\ntitle: Meldung 2\ndate: 2026-11-30\n---\n\nEin Satz.\n\n-\n- Punkt\n')
    onTestFinished(() => rm(path.join(project.root, 'content', 'de', 'meldung-2.md')))
    const dated = await writeReaderSite({root: project.root, outDir: 'site-dated'})
    const index = parseHtml(await readFile(path.join(dated.dir, 'index.html'), 'utf8'))
    const items = select(index, 'ul', 'articles').flatMap((list) => select(list, 'li'))
    expect(items.map((item) => attr(select(item, 'a')[0] as Element, 'href'))).toEqual(['articles/meldung-2.html', `articles/${xssSlug}.html`, `articles/${seedSlug}.html`])
    expect(select(items[0] as Element, 'time').map((time) => [attr(time, 'datetime'), textOf(time)])).toEqual([['2026-11-30', 'November 30, 2026']])
    // Nothing of it is in the memory; the seed is all human work.
    expect(select(items[0] as Element, 'span', 'mix-label').map(textOf)).toEqual(['3 not translated yet'])
    expect(select(items[2] as Element, 'span', 'mix-label').map(textOf)).toEqual(['13 segments by a human'])
    const article = parseHtml(await readFile(path.join(dated.dir, 'articles', 'meldung-2.html'), 'utf8'))
    expect(select(article, 'li').map(visibleText)).toEqual(['Punkt', 'not translated yet'])
  })
})

describe('an article page', () => {
  it('marks each pair with the origin of its English: the memory record, its date in the tooltip', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    const markers = select(root, 'span', 'origin')
    // Every pair but the untranslated Details heading's (vocabulary) has one, in its English column.
    expect(markers.length).toBe(select(root, '*', 'pair').length - 1)
    for (const marker of markers) {
      expect(closest(root, marker, (element) => hasClass(element, 'col'))?.attrs).toContainEqual({name: 'lang', value: 'en'})
      expect([attr(marker, 'class'), attr(marker, 'role'), attr(marker, 'aria-label'), attr(marker, 'tabindex')]).toEqual(['origin origin-human', 'img', 'human translation', '-1'])
      expect(select(marker, 'span', 'tip').map(textOf)).toEqual(['human translation · 2026-11-28'])
    }
  })

  it('has landmarks, a skip link, and German | English columns with their lang', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    expect(attr(root, 'lang')).toBe('en')
    for (const tag of ['header', 'nav', 'main', 'footer']) expect(select(root, tag)).toHaveLength(1)
    const skip = select(root, 'a', 'skip')[0]
    expect(skip && attr(skip, 'href')).toBe('#main')
    expect(select(root, 'main').map((main) => attr(main, 'id'))).toEqual(['main'])

    const pairs = select(root, '*', 'pair')
    expect(pairs.length).toBeGreaterThan(10)
    for (const pair of pairs) {
      expect(attr(pair, 'tabindex'), 'j/k can focus every pair').toBe('-1')
      expect(attr(column(pair, 'de'), 'lang')).toBe('de')
      expect(attr(column(pair, 'en'), 'lang')).toBe('en')
    }
    expect(select(root, '*', 'missing')).toEqual([])
  })

  it('aligns the headings: the title and every section heading are one pair each', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    const headings = allElements(root)
      .filter((element) => /^h[1-6]$/.test(element.tagName) && hasClass(element, 'pair'))
      .map((heading) => [heading.tagName, visibleText(column(heading, 'de')), visibleText(column(heading, 'en'))])
    expect(headings).toEqual([
      ['h1', 'Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!', 'Russia admits: North Korean soldiers are fighting in Kursk!'],
      ['h2', 'Besorgnis über die Militärische Zusammenarbeit', 'Concern over military cooperation'],
      ['h2', 'Zahlen und Fakten zu Nordkoreas Unterstützung', 'Facts and figures on North Korea’s support'],
      ['h2', 'Details', 'Details']
    ])
    expect(textOf(select(root, 'title')[0] as Element)).toBe(
      'Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk! | Russia admits: North Korean soldiers are fighting in Kursk!'
    )
  })

  it('wraps every sentence, and gives a sentence and its translation the same bead in their pair', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    const pair = pairWith(root, 'Gerassimow äußerte')
    const german = sentences(column(pair, 'de'))
    const english = sentences(column(pair, 'en'))
    expect(german).toHaveLength(6)
    expect(english).toHaveLength(6)
    const said = german.find((sentence) => visibleText(sentence).startsWith('Gerassimow äußerte')) as Element
    // Focusable by script and the arrow keys, not a tab stop: the article is one (a roving tabindex).
    expect(attr(said, 'tabindex')).toBe('-1')
    const counterpart = english.filter((sentence) => attr(sentence, 'data-b') === attr(said, 'data-b'))
    expect(counterpart.map(visibleText)).toEqual([
      'Gerasimov said that the North Korean troops had made a significant contribution to the “liberation” of the Kursk region from Ukrainian soldiers.'
    ])
    // Nothing of the paragraph is outside a sentence but the spaces between them.
    const outside = column(pair, 'de').childNodes.filter((node) => !('tagName' in node)).map(textOf).join('')
    expect(outside.trim()).toBe('')
  })

  it('marks glossary names in the German column with the English form, kind and note', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    const names = select(root, 'span', 'name')
    const gerassimow = names.find((name) => visibleText(name) === 'Gerassimow') as Element
    const tipId = attr(gerassimow, 'aria-describedby')
    const tip = allElements(root).find((element) => attr(element, 'id') === tipId) as Element
    expect(attr(tip, 'role')).toBe('tooltip')
    expect(textOf(tip)).toBe('Gerasimovperson · surname of Valery Gerasimov')
    expect(select(tip, 'span', 'en-form').map(textOf)).toEqual(['Gerasimov'])
    expect(attr(gerassimow, 'tabindex')).toBe('-1')
    // Every name is in a German column, none in an English one.
    for (const name of names) expect(closest(root, name, (element) => hasClass(element, 'col'))?.attrs).toContainEqual({name: 'lang', value: 'de'})
    expect(names.map(visibleText)).toContain('Waleri Gerassimow')
    expect(names.map(visibleText)).toContain('Wolodymyr Selenskyj')
  })

  it('translates the Details labels in the English column through i18next, and leaves out a label without a value', async () => {
    const root = await page(`articles/${seedSlug}.html`)
    const labels = select(root, '*', 'item').map((item) => [
      select(column(item, 'de'), 'strong').map(visibleText).join(''),
      select(column(item, 'en'), 'strong').map(visibleText).join('')
    ])
    expect(labels).toEqual([
      ['Vorfall:', 'Incident:'],
      ['Ursache:', 'Cause:'],
      ['Ort:', 'Location:']
    ])
    // `- **Quellen:**` has no value in the seed: no empty bullet, in either language.
    expect(visibleText(select(root, 'article')[0] as Element)).not.toMatch(/Quellen|Sources/)
  })

  it('asks no other host: no external script, style, font or image, and a policy that forbids them', async () => {
    for (const href of ['index.html', `articles/${seedSlug}.html`, `articles/${xssSlug}.html`]) {
      const root = await page(href)
      expect(select(root, 'link')).toEqual([])
      expect(select(root, 'script').map((script) => attr(script, 'src'))).toEqual([undefined])
      for (const image of select(root, 'img')) expect(attr(image, 'src')).not.toMatch(/^(?:[a-z]+:|\/\/|\\)/i)
      for (const style of select(root, 'style')) expect(textOf(style)).not.toMatch(/@import|url\(|@font-face/)
      const policy = select(root, 'meta').find((meta) => attr(meta, 'http-equiv') === 'Content-Security-Policy')
      expect(policy && attr(policy, 'content')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src 'self' data:;/)
    }
  })

  it('follows --ui de: page language, toggles, column labels and name kinds in German', async () => {
    const german = await writeReaderSite({root: project.root, ui: 'de', outDir: 'site-de'})
    const root = parseHtml(await readFile(german.pages[1] as string, 'utf8'))
    expect(attr(root, 'lang')).toBe('de')
    expect(select(root, 'label').map(textOf)).toEqual(['Beide Sprachen', 'Nur Deutsch', 'Nur Englisch'])
    expect(select(root, 'div', 'columns').map(textOf)).toEqual(['DeutschEnglisch'])
    const tip = select(root, 'span', 'tip').find((element) => textOf(element).startsWith('Gerasimov')) as Element
    expect(select(tip, 'span', 'kind').map((kind) => [textOf(kind), attr(kind, 'lang')])).toEqual([['Person', 'de']])
    expect(select(root, 'a', 'skip').map(textOf)).toEqual(['Zum Text springen'])
    // The content's languages do not change with the interface's.
    expect(visibleText(column(pairWith(root, 'Gerassimow äußerte'), 'en'))).toContain('Gerasimov said')
  })

  it('shows a segment the memory lacks as not translated, with the German still aligned', async () => {
    await project.write('content/de/neu.md', '# Neuer Artikel\n\nEin Satz. Noch ein Satz.\n')
    const withNew = await writeReaderSite({root: project.root, outDir: 'site-new'})
    const root = parseHtml(await readFile(path.join(withNew.dir, 'articles', 'neu.html'), 'utf8'))
    const pair = pairWith(root, 'Ein Satz.')
    expect(sentences(column(pair, 'de')).map(visibleText)).toEqual(['Ein Satz.', 'Noch ein Satz.'])
    expect(select(column(pair, 'en'), 'span', 'missing').map(textOf)).toEqual(['not translated yet'])
    await rm(path.join(project.root, 'content', 'de', 'neu.md'))
  })
})

describe('the XSS article', () => {
  /** The vectors' payload; inert means it is only ever text. */
  const payload = 'window.__xss=1'
  // Scripts are checked apart: the page's own is the only one.
  const dangerousTags = ['iframe', 'object', 'embed', 'svg', 'math', 'base', 'form', 'frame', 'frameset', 'applet', 'details', 'body']

  it('renders every vector as inert text: no script but ours, no handler, no dangerous element or URL', async () => {
    const html = await readFile(path.join(site.dir, 'articles', `${xssSlug}.html`), 'utf8')
    const root = parseHtml(html)
    const elements = allElements(root)
    const scripts = select(root, 'script')
    expect(scripts.map(textOf)).toEqual([pageScript])
    for (const element of elements) {
      for (const {name, value} of element.attrs) {
        expect(name, `<${element.tagName} ${name}>`).not.toMatch(/^on/i)
        expect(name, `<${element.tagName} ${name}>`).not.toBe('style')
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'srcset'].includes(name)) {
          expect(value.replace(/[\u0000-\u0020]/g, '').toLowerCase(), `<${element.tagName} ${name}>`).not.toMatch(/^(?:javascript|vbscript|data):/)
        }
      }
      if (element !== root && dangerousTags.includes(element.tagName)) {
        // The page's own <body> is the only one.
        expect(element.tagName === 'body' && element.parentNode === root, `<${element.tagName}>`).toBe(true)
      }
    }
    expect(select(root, 'meta').map((meta) => attr(meta, 'http-equiv')).filter(Boolean)).toEqual(['Content-Security-Policy'])
    expect(select(root, 'input').map((input) => attr(input, 'type'))).toEqual(['radio', 'radio', 'radio'])
    // The payload is still there to read, as text, the same in both columns (the memory's target is the source).
    const count = (language: 'de' | 'en') =>
      select(root, '*', 'col', language)
        .map(visibleText)
        .join('\n')
        .split(payload).length - 1
    expect([count('de'), count('en')]).toEqual([14, 14])
  })

  it('keeps the front matter as text in the title and the heading', async () => {
    const root = await page(`articles/${xssSlug}.html`)
    const title = '<script>window.__xss=1</script>Titel "><img src=x onerror=window.__xss=1>'
    expect(textOf(select(root, 'title')[0] as Element)).toBe(`${title} | ${title}`)
    const heading = select(root, 'h1', 'pair')[0] as Element
    expect(visibleText(column(heading, 'de'))).toBe(title)
    expect(select(heading, 'img')).toEqual([])
    expect(select(root, 'div', 'lead').map((lead) => visibleText(column(lead, 'en')))).toEqual([
      '</title><svg/onload=window.__xss=1>Beschreibung',
      '\'"><iframe src=javascript:window.__xss=1></iframe> Zusammenfassung'
    ])
  })

  it('leaves no javascript:, vbscript: or data: link, keeps the safe ones, and loads no image from elsewhere', async () => {
    const root = await page(`articles/${xssSlug}.html`)
    const german = select(root, '*', 'col', 'de')
    const links = german.flatMap((element) => select(element, 'a'))
    expect(links.map((link) => [visibleText(link), attr(link, 'href')])).toEqual([
      ['acht', 'https://example.org/"onmouseover="window.__xss=1'],
      ['neun', 'https://example.org'],
      ['[fünf]', 'https://example.org/x.png'],
      ['Link', 'https://example.org/seite'],
      ['relativer', '../andere.html']
    ])
    const refused = german.flatMap((element) => select(element, 'span', 'unsafe-link')).map(visibleText)
    expect(refused).toEqual(['eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'zehn', 'javascript:window.__xss=1', '[eins]', '[drei]', '[vier]'])
    const images = german.flatMap((element) => select(element, 'img'))
    expect(images.map((image) => image.attrs)).toEqual([
      [
        {name: 'src', value: 'x.png'},
        {name: 'alt', value: 'zwei" onerror="window.__xss=1'},
        {name: 'loading', value: 'lazy'}
      ]
    ])
  })
})

describe('safeLinkUrl', () => {
  it('keeps web, mail and relative URLs as written', () => {
    for (const url of ['https://example.org/a?b=c#d', 'http://example.org', 'mailto:a@example.org', '../x.html', '/abs', '#frag', '?q=1', '//example.org/x']) {
      expect(safeLinkUrl(url), url).toBe(url)
    }
    expect(safeLinkUrl('  https://example.org/\t ')).toBe('https://example.org/')
  })

  it('refuses script, data and other schemes however they are spelt', () => {
    const refused = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'jav\u0000ascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/png;base64,iVBORw0KGgo=',
      'file:///etc/passwd',
      'livescript:alert(1)',
      'http://[bad'
    ]
    for (const url of refused) expect(safeLinkUrl(url), JSON.stringify(url)).toBeUndefined()
  })
})

describe('imageSource', () => {
  it('loads same-site and inlined raster images, links remote ones, refuses the rest', () => {
    expect(imageSource('pics/a.png')).toEqual({kind: 'inline', src: 'pics/a.png'})
    expect(imageSource('/assets/a.png')).toEqual({kind: 'inline', src: '/assets/a.png'})
    expect(imageSource('data:image/png;base64,iVBORw0KGgo=')).toEqual({kind: 'inline', src: 'data:image/png;base64,iVBORw0KGgo='})
    expect(imageSource('https://example.org/a.png')).toEqual({kind: 'remote', href: 'https://example.org/a.png'})
    expect(imageSource('//example.org/a.png')).toEqual({kind: 'remote', href: '//example.org/a.png'})
    expect(imageSource('\\\\example.org/a.png')).toEqual({kind: 'remote', href: '\\\\example.org/a.png'})
    for (const url of ['javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:text/html,<script>', 'mailto:a@example.org', 'vbscript:x']) {
      expect(imageSource(url), url).toEqual({kind: 'refused'})
    }
  })
})

describe('tandem site', () => {
  it('writes the site in the interface language asked for and says where', async () => {
    const run = await project.cli(['site', '--ui', 'de'])
    expect(run.code).toBe(0)
    expect(run.stderr).toEqual(['2 Artikel in site'])
    const index = parseHtml(await project.read('site/index.html'))
    expect(attr(index, 'lang')).toBe('de')
    expect(select(index, 'h1').map(textOf)).toEqual(['Artikel'])
  })

  it('reports a German file it cannot read and exits 1', async () => {
    await project.write('content/de/kaputt.md', Buffer.from([0x66, 0xff, 0x0a]))
    const run = await project.cli(['site'])
    expect(run.code).toBe(1)
    expect(run.stderr.join('\n')).toContain('content/de/kaputt.md:1:2')
    expect(run.stderr.join('\n')).toContain('invalid-utf8')
    expect(run.stderr.at(-1)).toBe('2 articles in site')
    await rm(path.join(project.root, 'content', 'de', 'kaputt.md'))
  })
})
