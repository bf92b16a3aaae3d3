import {createHash} from 'node:crypto'
import type {Element, ElementContent, Root} from 'hast'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {TFunction} from 'i18next'
import type {PhrasingContent} from 'mdast'
import {alignSentences} from '../../align/align-sentences.ts'
import type {GlossaryEntry} from '../../core/types.ts'
import type {NameMatcher} from '../../glossary/matcher.ts'
import type {UiLanguage} from '../../i18n/index.ts'
import type {Block, Provenance, ReaderArticle, Unit} from './article.ts'
import {pageScript, pageStyle} from './assets.ts'
import {markNames} from './mark-names.ts'
import {phrasingToHast} from './phrasing-to-hast.ts'
import {readerSchema} from './schema.ts'
import {sentenceRanges, wrapSentences} from './wrap-sentences.ts'

export interface PageOptions {
  /** Interface language: the page's `lang`, its labels and tooltips. */
  ui: UiLanguage
  /** i18next `t` in the interface language. */
  t: TFunction
  matcher: NameMatcher
  /** From the page to the site's root folder: `''` or `../`. */
  toRoot: string
}

/** Numbers the beads of one `.pair`, across all the units in it (a table's cells). */
class BeadCounter {
  count = 0
  next(): number {
    return ++this.count
  }
}

/** The German and the English content of one unit. */
interface PairContent {
  de: ElementContent[]
  en: ElementContent[]
}

/** A page before it is written: the body's tree (sanitized) and what the head needs. */
export interface PageTree {
  title: string
  /** `<header>`, `<main>`, `<footer>`: sanitized with `readerSchema`. */
  body: Element[]
  /** Extra CSS, generated from numbers only (highlight rules, the index's bars). */
  style: string
}

/** One article's page as HTML. */
export function renderArticlePage(article: ReaderArticle, options: PageOptions): string {
  return pageHtml(articlePage(article, options), options)
}

/** One article's page as a tree: German | English pairs, each sentence wrapped and numbered by its alignment bead. */
export function articlePage(article: ReaderArticle, options: PageOptions): PageTree {
  const {t} = options
  let ids = 0
  let maxBead = 0
  let pairs = 0
  const nextId = (prefix: string) => () => `${prefix}${++ids}`
  const phrasing = {
    definitions: article.definitions,
    footnotes: article.footnotes,
    strings: {unsafeLink: t('reader.unsafeLink'), image: t('reader.image')}
  }
  const tooltip = (entry: GlossaryEntry) => nameTooltip(entry, options)

  /** Both sides of a unit, sentences wrapped and numbered by their alignment beads, names marked in the German. */
  const unitContent = (unit: Unit, beads: BeadCounter): PairContent => {
    const de = phrasingToHast(unit.de, phrasing)
    const en = unit.translated ? phrasingToHast(unit.en, phrasing) : []
    const deRanges = sentenceRanges(de)
    const enRanges = sentenceRanges(en)
    const deBeads: number[] = []
    const enBeads: number[] = []
    for (const link of alignSentences(
      deRanges.map((range) => range.text),
      enRanges.map((range) => range.text)
    )) {
      const bead = beads.next()
      for (const index of link.de) deBeads[index] = bead
      for (const index of link.en) enBeads[index] = bead
    }
    maxBead = Math.max(maxBead, beads.count)
    const missing = unit.translated ? [] : [h('span.missing', t('reader.missing'))]
    const aligned =
      unit.alignedConfidence === undefined
        ? []
        : [{type: 'text' as const, value: ' '}, h('span.aligned', {title: t('reader.alignedTitle')}, t('reader.aligned', {confidence: unit.alignedConfidence.toFixed(2)}))]
    const stale = unit.stale === undefined ? [] : [{type: 'text' as const, value: ' '}, h('span.stale', {title: t('reader.staleTitle', {text: unit.stale})}, t('reader.stale'))]
    return {
      de: markNames(wrapSentences(de, deRanges, deBeads), {matcher: options.matcher, tooltip, nextId: nextId('n')}),
      en: [...wrapSentences(en, enRanges, enBeads), ...missing, ...aligned, ...stale]
    }
  }

  /** The provenance marker of the units shown in one pair: the least reviewed of them. */
  const marker = (units: readonly Unit[]): ElementContent[] => {
    const records = units.map((unit) => unit.provenance).filter((record) => record !== undefined)
    const rank = {mt: 0, import: 1, human: 2}
    const record = records.sort((a, b) => rank[a.origin] - rank[b.origin])[0]
    return record ? [originMarker(record, nextId('o')(), options)] : []
  }

  const pairId = () => `p${++pairs}`
  const depthClass = (depth: number) => (depth > 0 ? [`depth-${Math.min(depth, 3)}`] : [])

  /** `<tag class="pair">` with a German and an English column; `inner` wraps each column's content. */
  const pair = (tag: string, className: string[], content: PairContent, units: readonly Unit[], column = 'div', inner = (nodes: ElementContent[]) => nodes): Element =>
    h(tag, {className: ['pair', ...className], id: pairId(), tabIndex: -1}, [
      h(column, {className: ['col', 'de'], lang: 'de'}, inner(content.de)),
      h(column, {className: ['col', 'en'], lang: 'en'}, [...inner(content.en), ...marker(units)])
    ])

  const block = (node: Block): Element[] => {
    switch (node.type) {
      case 'heading':
        return [pair(`h${node.level}`, [], unitContent(node.unit, new BeadCounter()), [node.unit], 'span')]
      case 'paragraph':
        return [pair('div', depthClass(node.depth), unitContent(node.unit, new BeadCounter()), [node.unit], 'p')]
      case 'listItem': {
        const box = node.checked === null ? [] : [h('input.task', {type: 'checkbox', disabled: true, checked: node.checked})]
        const list = (children: ElementContent[]) => [
          h(node.ordered ? 'ol' : 'ul', {start: node.ordered ? node.number : undefined}, h('li', [...box, ...children]))
        ]
        return [pair('div', ['item', ...depthClass(node.depth)], unitContent(node.unit, new BeadCounter()), [node.unit], 'div', list)]
      }
      case 'table': {
        const beads = new BeadCounter()
        const rows = node.rows.map((row) => row.map((cell) => unitContent(cell, beads)))
        const table = (side: 'de' | 'en') =>
          h(
            'table',
            h(
              'tbody',
              rows.map((row, index) => h('tr', row.map((cell) => h(index === 0 ? 'th' : 'td', cell[side]))))
            )
          )
        return [pair('div', depthClass(node.depth), {de: [table('de')], en: [table('en')]}, node.rows.flat())]
      }
      case 'code':
        // Code is not translated: one block across both columns, in every view.
        return [
          h('div', {className: ['pair', 'code', ...depthClass(node.depth)], id: pairId(), tabIndex: -1, translate: 'no'}, [
            h('pre', h('code', {className: node.lang ? [`language-${node.lang}`] : undefined}, node.value))
          ])
        ]
      case 'quote':
        return [h('blockquote.quote', lines(node.children.flatMap(block)))]
      case 'footnote': {
        const number = article.footnotes.indexOf(node.label) + 1
        return [h('div.footnote', {id: `fn-${number}`}, [h('div.footnote-label', String(number)), ...lines(node.children.flatMap(block))])]
      }
      case 'rule':
        return [h('hr')]
    }
  }

  const header = pair('h1', [], unitContent(article.title, new BeadCounter()), [article.title], 'span')
  const date = article.date ? [h('p.meta', dateElement(article.date, options.ui))] : []
  const lead = article.lead.map((unit) => pair('div', ['lead'], unitContent(unit, new BeadCounter()), [unit], 'p'))
  const body = article.blocks.flatMap(block)
  const content = [header, ...date, ...lead, ...body]
  // The one tab stop of the article: its first sentence (the page script moves it as the reader moves).
  const first = findElement(content, (element) => hasClass(element, 's'))
  if (first) first.properties.tabIndex = 0

  const main = [
    h('div.columns', {ariaHidden: 'true'}, [h('span.de', t('reader.columnSource')), h('span.en', t('reader.columnTarget'))]),
    h('div.hints', [h('p.hint-sentences', t('reader.sentences')), h('p.hint-names', t('reader.names')), h('p.hint-keys', t('reader.keys'))]),
    h('article', lines(content))
  ]
  const plainTitle = [plainOf(article.title.de), article.title.translated ? plainOf(article.title.en) : ''].filter(Boolean).join(' | ')
  return {
    title: plainTitle,
    body: chrome(main, t('reader.generated', {file: article.sourcePath}), options),
    style: highlightRules(maxBead)
  }
}

export interface IndexEntry {
  /** The page's path from the site root, with `/`. */
  href: string
  title: Unit
  /** The article's `date` (`YYYY-MM-DD`): the index is newest first. */
  date?: string
  /** How many segments have English of each origin: the bar of the index. */
  origins?: ReaderArticle['origins']
  /** Glossary warnings on the German file. */
  glossaryWarnings?: number
  /** Stale post-edits: human translations whose German changed since. */
  stalePostEdits?: number
  /** The front matter's `author`: the feed entry's author. */
  author?: string
  /** The front matter's `sourceUrl` (http or https): the feed entry's `via` link. */
  sourceUrl?: string
  /** The English summary or first paragraph, as plain text: the feed's summary. */
  summary?: string
  /** The newest date of the memory records shown: the feed's `updated` when there is no `date`. */
  translated?: string
}

/** What the index and the feed say of an article: `href` is its page's path from the site root. */
export function indexEntry(article: ReaderArticle, href: string): IndexEntry {
  const units = [article.title, ...article.lead, ...article.blocks.flatMap(blockUnits)]
  const dates = units.map((unit) => unit.provenance?.date).filter((date): date is string => date !== undefined)
  const first = [...article.lead, ...article.blocks.filter((block) => block.type === 'paragraph').map((block) => block.unit)].find(
    (unit) => unit.translated && plainOf(unit.en) !== ''
  )
  return {
    href,
    title: article.title,
    ...(article.date ? {date: article.date} : {}),
    origins: article.origins,
    glossaryWarnings: article.glossaryWarnings,
    stalePostEdits: article.stalePostEdits,
    ...(article.author ? {author: article.author} : {}),
    ...(article.sourceUrl ? {sourceUrl: article.sourceUrl} : {}),
    ...(first ? {summary: plainOf(first.en)} : {}),
    ...(dates.length > 0 ? {translated: dates.reduce((a, b) => (a > b ? a : b))} : {})
  }
}

function blockUnits(block: Block): Unit[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
    case 'listItem':
      return [block.unit]
    case 'table':
      return block.rows.flat()
    case 'quote':
    case 'footnote':
      return block.children.flatMap(blockUnits)
    default:
      return []
  }
}

export interface IndexOptions extends Omit<PageOptions, 'matcher'> {
  /** The source folder, as the footer names it. */
  sourceDir: string
}

/** The index of articles as HTML. */
export function renderIndexPage(entries: readonly IndexEntry[], options: IndexOptions): string {
  return pageHtml(indexPage(entries, options), options)
}

/** The index of articles as a tree: newest first where they have a date, then by title in natural order. */
export function indexPage(entries: readonly IndexEntry[], options: IndexOptions): PageTree {
  const {t} = options
  let style = ''
  const items = sortEntries(entries).map((entry, index) => {
    const facts: ElementContent[] = []
    if (entry.date) facts.push(dateElement(entry.date, options.ui))
    if (entry.origins) {
      const id = `mix-${index + 1}`
      const kinds = (['human', 'import', 'mt', 'missing'] as const).filter((kind) => entry.origins && entry.origins[kind] > 0)
      const label = kinds.map((kind) => t(`reader.mix.${kind}`, {count: entry.origins?.[kind] ?? 0})).join(', ')
      if (kinds.length > 0) {
        // Widths are rules of the page's own style sheet: the policy allows no style attribute.
        for (const kind of kinds) style += `#${id} .mix-${kind}{flex-grow:${entry.origins[kind]}}\n`
        // The bar is a picture of the words beside it.
        facts.push(h('span.mix', {id, ariaHidden: 'true'}, kinds.map((kind) => h(`span.mix-${kind}`))), h('span.mix-label', label))
      }
    }
    if (entry.glossaryWarnings) facts.push(h('span.warnings', t('reader.glossaryWarnings', {count: entry.glossaryWarnings})))
    if (entry.stalePostEdits) facts.push(h('span.stale-count', t('reader.stalePostEdits', {count: entry.stalePostEdits})))
    return h('li', [
      h('a', {href: entry.href.split('/').map(encodeURIComponent).join('/')}, [
        h('span.de', {lang: 'de'}, plainOf(entry.title.de)),
        h('span.en', {lang: 'en'}, entry.title.translated ? plainOf(entry.title.en) : h('span.missing', t('reader.missing')))
      ]),
      ...(facts.length > 0 ? [h('div.facts', facts)] : [])
    ])
  })
  const main = [h('h1', t('reader.articles')), h('p', t('reader.intro')), h('ul.articles', lines(items))]
  return {title: t('reader.siteTitle'), body: chrome(main, t('reader.generatedSite', {dir: options.sourceDir}), options), style}
}

/** Newest first where there is a date; then the rest by German title, numbers in numeric order (`Meldung 2` before `Meldung 10`). */
export function sortEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  const collator = new Intl.Collator('de', {numeric: true})
  return [...entries].sort((a, b) => {
    if (a.date !== b.date) {
      if (!a.date) return 1
      if (!b.date) return -1
      return a.date < b.date ? 1 : -1
    }
    return collator.compare(plainOf(a.title.de), plainOf(b.title.de)) || collator.compare(a.href, b.href)
  })
}

/** The page as HTML: the sanitized body, with the head and the page's own style and script around it. */
export function pageHtml(page: PageTree, options: Pick<PageOptions, 'ui'>): string {
  const style = pageStyle(page.style)
  const script = pageScript
  // Only our own style and script may run, even if something slipped past the sanitizer; no other host is ever asked.
  const policy = [
    "default-src 'none'",
    `style-src '${sha256Source(style)}'`,
    `script-src '${sha256Source(script)}'`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  const body = sanitize({type: 'root', children: lines(page.body)}, readerSchema)
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      {type: 'text', value: '\n'},
      h('html', {lang: options.ui}, lines([
        h('head', lines([
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('meta', {httpEquiv: 'Content-Security-Policy', content: policy}),
          h('meta', {name: 'referrer', content: 'no-referrer'}),
          h('meta', {name: 'generator', content: 'tandem reader'}),
          h('title', page.title),
          h('style', style)
        ])),
        h('body', [...(body.type === 'root' ? (body.children as ElementContent[]) : []), h('script', script), {type: 'text', value: '\n'}])
      ]))
    ]
  }
  return `${toHtml(tree)}\n`
}

/** Skip link, header with the language toggle, `<main>`, footer: what every page has. */
function chrome(main: ElementContent[], footer: string, options: Omit<PageOptions, 'matcher'>): Element[] {
  const {t} = options
  const choices = [
    ['both', 'reader.showBoth'],
    ['de', 'reader.showSource'],
    ['en', 'reader.showTarget']
  ] as const
  return [
    h('a.skip', {href: '#main'}, t('reader.skipToText')),
    h('header.site-header', [
      h('nav', h('a', {href: `${options.toRoot}index.html`}, t('reader.siteTitle'))),
      h('fieldset.show', [
        h('legend', t('reader.show')),
        ...choices.flatMap(([value, key]) => [
          h('input', {type: 'radio', name: 'show', id: `show-${value}`, value, checked: value === 'both'}),
          h('label', {htmlFor: `show-${value}`}, t(key))
        ])
      ])
    ]),
    h('main', {id: 'main', tabIndex: -1}, lines(main)),
    h('footer.site-footer', h('p', footer))
  ]
}

/** `nodes` one per line in the HTML, so that a page reads and diffs line by line. */
function lines<T extends ElementContent>(nodes: readonly T[]): Array<T | {type: 'text'; value: string}> {
  return nodes.flatMap((node) => [{type: 'text' as const, value: '\n'}, node]).concat(nodes.length > 0 ? [{type: 'text', value: '\n'}] : [])
}

/** A CSP source for inline content: `sha256-…` of its exact UTF-8 bytes. */
function sha256Source(content: string): string {
  return `sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`
}

/** Light up the other half of a bead while a sentence is hovered or focused, without script: one rule per bead number in use. */
function highlightRules(beads: number): string {
  let css = ''
  for (let bead = 1; bead <= beads; bead++) {
    css += `.pair:has(.s[data-b="${bead}"]:is(:hover,:focus-within)) .s[data-b="${bead}"]{background:var(--hl)}\n`
  }
  return css
}

function nameTooltip(entry: GlossaryEntry, options: PageOptions): ElementContent[] {
  // The English form and the note are English whatever the interface language; the kind is in the interface language.
  return [
    h('span.en-form', {lang: 'en'}, entry.en),
    h('span.kind', {lang: options.ui}, options.t(`reader.kinds.${entry.kind}`)),
    ...(entry.note ? [h('span.note', {lang: 'en'}, ` · ${entry.note}`)] : [])
  ]
}

/** The small marker of where a pair's English came from, with provider, model and date in its tooltip. */
function originMarker(record: Provenance, id: string, options: Omit<PageOptions, 'matcher'>): Element {
  const {t} = options
  const label = t(`reader.origin.${record.origin}`)
  const details = [record.provider, record.model, record.date].filter((part): part is string => Boolean(part))
  return h(`span.origin.origin-${record.origin}`, {role: 'img', ariaLabel: label, ariaDescribedBy: [id], tabIndex: -1}, [
    h('span.tip', {role: 'tooltip', id}, [h('span.kind', {lang: options.ui}, label), ...(details.length > 0 ? [h('span.note', {lang: 'en'}, ` · ${details.join(' · ')}`)] : [])])
  ])
}

function dateElement(date: string, ui: UiLanguage): Element {
  const format = new Intl.DateTimeFormat(ui, {dateStyle: 'long', timeZone: 'UTC'})
  return h('time', {dateTime: date}, format.format(new Date(`${date}T00:00:00Z`)))
}

function hasClass(element: Element, name: string): boolean {
  const value = element.properties.className
  return Array.isArray(value) && value.includes(name)
}

/** The first element in document order that passes `test`. */
function findElement(nodes: readonly ElementContent[], test: (element: Element) => boolean): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (test(node)) return node
    const found = findElement(node.children, test)
    if (found) return found
  }
  return undefined
}

/** The text of inline nodes, for `<title>` and the index. */
export function plainOf(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      if (node.type === 'text' || node.type === 'inlineCode') return node.value
      if ('children' in node) return plainOf(node.children)
      if (node.type === 'image') return node.alt ?? ''
      return ''
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}
