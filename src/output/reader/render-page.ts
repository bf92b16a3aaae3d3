import {createHash} from 'node:crypto'
import type {TFunction} from 'i18next'
import type {NameMatcher} from '../../glossary/matcher.ts'
import type {GlossaryEntry} from '../../glossary/names-file.ts'
import type {UiLanguage} from '../../i18n/index.ts'
import {alignSentences} from '../../align/align-sentences.ts'
import type {Block, ReaderArticle, Unit} from './article.ts'
import {pageScript, pageStyle} from './assets.ts'
import {attribute, escapeHtml} from './escape.ts'
import {renderSentences, sentenceRanges, type InlineContext} from './render-inline.ts'

export interface PageOptions {
  /** Interface language: the page's `lang`, its labels and tooltips. */
  ui: UiLanguage
  /** i18next `t` in the interface language. */
  t: TFunction
  matcher: NameMatcher
  /** From the page to the site's root folder: `''` or `../`. */
  toRoot: string
}

/** The German and the English HTML of one unit. */
interface PairHtml {
  de: string
  en: string
}

/** Numbers the beads of one `.pair`, across all the units in it (a table's cells). */
class BeadCounter {
  count = 0
  next(): number {
    return ++this.count
  }
}

/** One article's page. */
export function renderArticlePage(article: ReaderArticle, options: PageOptions): string {
  const {t} = options
  let ids = 0
  let maxBead = 0
  let pairs = 0
  const context = (matcher: NameMatcher | undefined): InlineContext => ({
    definitions: article.definitions,
    footnotes: article.footnotes,
    ...(matcher ? {matcher} : {}),
    nameTooltip: (entry) => nameTooltip(entry, options),
    strings: {unsafeLink: t('reader.unsafeLink'), image: t('reader.image')},
    nextId: () => `n${++ids}`
  })
  const german = context(options.matcher)
  const english = context(undefined)

  /** Both sides of a unit, sentences wrapped and numbered by their alignment beads. */
  const unitHtml = (unit: Unit, beads: BeadCounter): PairHtml => {
    const deRanges = sentenceRanges(unit.de)
    const enRanges = unit.translated ? sentenceRanges(unit.en) : []
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
    const missing = unit.translated ? '' : `<span class="missing">${escapeHtml(t('reader.missing'))}</span>`
    const aligned =
      unit.alignedConfidence === undefined
        ? ''
        : ` <span class="aligned" title="${escapeHtml(t('reader.alignedTitle'))}">${escapeHtml(t('reader.aligned', {confidence: unit.alignedConfidence.toFixed(2)}))}</span>`
    return {de: renderSentences(unit.de, deRanges, deBeads, german), en: renderSentences(unit.en, enRanges, enBeads, english) + missing + aligned}
  }

  const pairId = () => `p${++pairs}`
  const depthClass = (depth: number) => (depth > 0 ? ` depth-${Math.min(depth, 3)}` : '')

  /** `<tag class="pair">` with a German and an English column; `inner` wraps each column's content. */
  const pair = (tag: string, className: string, html: PairHtml, column = 'div', inner: (html: string) => string = (html) => html) =>
    `<${tag} class="pair${className}" id="${pairId()}" tabindex="-1">` +
    `<${column} class="col de" lang="de">${inner(html.de)}</${column}>` +
    `<${column} class="col en" lang="en">${inner(html.en)}</${column}></${tag}>\n`

  const block = (node: Block): string => {
    switch (node.type) {
      case 'heading':
        return pair(`h${node.level}`, '', unitHtml(node.unit, new BeadCounter()), 'span')
      case 'paragraph':
        return pair('div', depthClass(node.depth), unitHtml(node.unit, new BeadCounter()), 'p')
      case 'listItem': {
        const list = node.ordered ? 'ol' : 'ul'
        const start = node.ordered ? attribute('start', node.number) : ''
        const box = node.checked === null ? '' : `<input type="checkbox" class="task" disabled${node.checked ? ' checked' : ''}>`
        return pair('div', ` item${depthClass(node.depth)}`, unitHtml(node.unit, new BeadCounter()), 'div', (html) => `<${list}${start}><li>${box}${html}</li></${list}>`)
      }
      case 'table': {
        const beads = new BeadCounter()
        const rows = node.rows.map((row) => row.map((cell) => unitHtml(cell, beads)))
        const table = (side: 'de' | 'en') =>
          `<table>${rows
            .map((row, index) => {
              const cell = index === 0 ? 'th' : 'td'
              return `<tr>${row.map((html) => `<${cell}>${html[side]}</${cell}>`).join('')}</tr>`
            })
            .join('')}</table>`
        return pair('div', depthClass(node.depth), {de: table('de'), en: table('en')})
      }
      case 'code':
        // Code is not translated: one block across both columns, in every view.
        return `<div class="pair code${depthClass(node.depth)}" id="${pairId()}" tabindex="-1" translate="no"><pre><code${attribute('class', node.lang ? `language-${node.lang}` : undefined)}>${escapeHtml(node.value)}</code></pre></div>\n`
      case 'quote':
        return `<blockquote class="quote">\n${node.children.map(block).join('')}</blockquote>\n`
      case 'footnote': {
        const number = article.footnotes.indexOf(node.label) + 1
        return `<div class="footnote" id="fn-${number}"><div class="footnote-label">${number}</div>\n${node.children.map(block).join('')}</div>\n`
      }
      case 'rule':
        return '<hr>\n'
    }
  }

  const title = unitHtml(article.title, new BeadCounter())
  const header = pair('h1', '', title, 'span')
  const lead = article.lead.map((unit) => pair('div', ' lead', unitHtml(unit, new BeadCounter()), 'p')).join('')
  const body = article.blocks.map(block).join('')
  const plainTitle = [plainOf(article.title.de), article.title.translated ? plainOf(article.title.en) : ''].filter(Boolean).join(' | ')

  const main =
    `<div class="columns" aria-hidden="true"><span class="de">${escapeHtml(t('reader.columnSource'))}</span><span class="en">${escapeHtml(t('reader.columnTarget'))}</span></div>\n` +
    `<div class="hints"><p>${escapeHtml(t('reader.sentences'))} ${escapeHtml(t('reader.names'))}</p><p>${escapeHtml(t('reader.keys'))}</p></div>\n` +
    `<article>\n${header}${lead}${body}</article>\n`
  const footer = escapeHtml(t('reader.generated', {file: article.sourcePath}))
  return page({title: plainTitle, main, footer, beads: maxBead, options})
}

export interface IndexEntry {
  /** The page's path from the site root, with `/`. */
  href: string
  title: Unit
}

/** The index of articles. */
export function renderIndexPage(entries: readonly IndexEntry[], options: Omit<PageOptions, 'matcher'> & {sourceDir: string}): string {
  const {t} = options
  const items = entries
    .map(
      (entry) =>
        `<li><a${attribute('href', entry.href.split('/').map(encodeURIComponent).join('/'))}>` +
        `<span class="de" lang="de">${escapeHtml(plainOf(entry.title.de))}</span>` +
        `<span class="en" lang="en">${entry.title.translated ? escapeHtml(plainOf(entry.title.en)) : `<span class="missing">${escapeHtml(t('reader.missing'))}</span>`}</span></a></li>`
    )
    .join('\n')
  const main =
    `<h1>${escapeHtml(t('reader.articles'))}</h1>\n<p>${escapeHtml(t('reader.intro'))}</p>\n` +
    `<ul class="articles">\n${items}\n</ul>\n`
  return page({title: t('reader.siteTitle'), main, footer: escapeHtml(t('reader.generatedSite', {dir: options.sourceDir})), beads: 0, options})
}

function page(parts: {title: string; main: string; footer: string; beads: number; options: Omit<PageOptions, 'matcher'>}): string {
  const {t, ui, toRoot} = parts.options
  const style = pageStyle(parts.beads)
  const script = pageScript
  // Only our own style and script may run, even if something slipped past the escaping; no other host is ever asked.
  const policy = [
    "default-src 'none'",
    `style-src '${sha256Source(style)}'`,
    `script-src '${sha256Source(script)}'`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  const toggle =
    `<fieldset class="show"><legend>${escapeHtml(t('reader.show'))}</legend>` +
    ([
      ['both', 'reader.showBoth'],
      ['de', 'reader.showSource'],
      ['en', 'reader.showTarget']
    ] as const)
      .map(
        ([value, key]) =>
          `<input type="radio" name="show" id="show-${value}" value="${value}"${value === 'both' ? ' checked' : ''}><label for="show-${value}">${escapeHtml(t(key))}</label>`
      )
      .join('') +
    '</fieldset>'
  return (
    `<!doctype html>\n<html${attribute('lang', ui)}>\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta http-equiv="Content-Security-Policy"${attribute('content', policy)}>\n` +
    `<meta name="referrer" content="no-referrer">\n<meta name="generator" content="tandem reader">\n` +
    `<title>${escapeHtml(parts.title)}</title>\n<style>${style}</style>\n</head>\n<body>\n` +
    `<a class="skip" href="#main">${escapeHtml(t('reader.skipToText'))}</a>\n` +
    `<header class="site-header"><nav><a${attribute('href', `${toRoot}index.html`)}>${escapeHtml(t('reader.siteTitle'))}</a></nav>${toggle}</header>\n` +
    `<main id="main" tabindex="-1">\n${parts.main}</main>\n` +
    `<footer class="site-footer"><p>${parts.footer}</p></footer>\n` +
    `<script>${script}</script>\n</body>\n</html>\n`
  )
}

/** A CSP source for inline content: `sha256-…` of its exact UTF-8 bytes. */
function sha256Source(content: string): string {
  return `sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}`
}

function nameTooltip(entry: GlossaryEntry, options: PageOptions): string {
  const kind = options.t(`reader.kinds.${entry.kind}`)
  // The English form and the note are English whatever the interface language; the kind is in the interface language.
  return (
    `<span class="en-form" lang="en">${escapeHtml(entry.en)}</span>` +
    `<span class="kind"${attribute('lang', options.ui)}>${escapeHtml(kind)}</span>` +
    (entry.note ? `<span class="note" lang="en"> · ${escapeHtml(entry.note)}</span>` : '')
  )
}

/** The text of inline nodes, for `<title>` and the index. */
function plainOf(nodes: Unit['de']): string {
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
