/**
 * The reader's trees (hast), before they are HTML: the inline content with its safe links and
 * images, the sentence spans, the glossary names, the sanitizer's schema, the pages' structure,
 * the provenance markers and the order of the index.
 */
import type {Element, ElementContent, Root} from 'hast'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {PhrasingContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import type {GlossaryEntry} from '../src/core/types.ts'
import {NameMatcher} from '../src/glossary/matcher.ts'
import {createI18n} from '../src/i18n/index.ts'
import {articlePage, indexPage, readerSchema, sortEntries, type IndexEntry, type ReaderArticle, type Unit} from '../src/output/reader/index.ts'
import {markNames} from '../src/output/reader/mark-names.ts'
import {phrasingToHast} from '../src/output/reader/phrasing-to-hast.ts'
import {plainText, sentenceRanges, wrapSentences} from '../src/output/reader/wrap-sentences.ts'

const t = createI18n('en').t
const phrasing = {definitions: new Map(), footnotes: ['a'], strings: {unsafeLink: 'link removed: unsafe address', image: 'Image'}}
const text = (value: string): PhrasingContent => ({type: 'text', value})
const gerassimow: GlossaryEntry = {de: 'Gerassimow', en: 'Gerasimov', kind: 'person', note: 'surname', line: 3}
const matcher = new NameMatcher([gerassimow])

/** Elements below `nodes` whose class list has `name`, in document order. */
function byClass(nodes: readonly ElementContent[] | Root, name: string): Element[] {
  const found: Element[] = []
  const walk = (node: ElementContent | Root) => {
    if (node.type === 'element') {
      const classes = node.properties.className
      if (Array.isArray(classes) && classes.includes(name)) found.push(node)
    }
    if ('children' in node) for (const child of node.children) walk(child as ElementContent)
  }
  for (const node of Array.isArray(nodes) ? nodes : [nodes as Root]) walk(node)
  return found
}

describe('phrasingToHast', () => {
  it('keeps safe links, marks unsafe ones, links remote images and drops raw HTML', () => {
    const nodes: PhrasingContent[] = [
      {type: 'link', url: 'https://example.org', title: 'T', children: [text('web')]},
      {type: 'link', url: 'java\tscript:alert(1)', children: [text('bad')]},
      {type: 'image', url: 'https://example.org/a.png', alt: 'remote'},
      {type: 'image', url: 'a.png', alt: 'local'},
      {type: 'html', value: '<img src=x onerror=alert(1)>'},
      {type: 'html', value: '<br>'},
      {type: 'footnoteReference', identifier: 'a'},
      {type: 'text', value: 'a\n b'}
    ]
    expect(phrasingToHast(nodes, phrasing)).toEqual([
      h('a', {href: 'https://example.org', title: 'T', rel: ['noopener', 'noreferrer']}, 'web'),
      h('span.unsafe-link', {title: 'link removed: unsafe address'}, 'bad'),
      h('a.image-link', {href: 'https://example.org/a.png', rel: ['noopener', 'noreferrer']}, '[remote]'),
      h('img', {src: 'a.png', alt: 'local', loading: 'lazy'}),
      h('br'),
      h('sup', h('a.fnref', {href: '#fn-1'}, '1')),
      {type: 'text', value: 'a\n b'}
    ])
  })
})

describe('wrapSentences', () => {
  it('wraps each sentence, cutting a link that crosses a sentence end in two', () => {
    const nodes = phrasingToHast([text('Erster Satz mit '), {type: 'link', url: 'https://example.org', children: [text('Link. Und')]}, text(' zweiter Satz.')], phrasing)
    const ranges = sentenceRanges(nodes)
    expect(plainText(nodes)).toBe('Erster Satz mit Link. Und zweiter Satz.')
    expect(ranges.map((range) => range.text)).toEqual(['Erster Satz mit Link.', 'Und zweiter Satz.'])
    const link = (value: string) => h('a', {href: 'https://example.org', rel: ['noopener', 'noreferrer']}, value)
    expect(wrapSentences(nodes, ranges, [1, 2])).toEqual([
      h('span.s', {dataB: 1, tabIndex: -1}, ['Erster Satz mit ', link('Link.')]),
      {type: 'text', value: ' '},
      h('span.s', {dataB: 2, tabIndex: -1}, [link('Und'), ' zweiter Satz.'])
    ])
  })

  it('never ends a sentence inside code', () => {
    const nodes = phrasingToHast([text('Rufe '), {type: 'inlineCode', value: 'a. B'}, text(' auf. Fertig.')], phrasing)
    expect(sentenceRanges(nodes).map((range) => range.text)).toEqual(['Rufe \uFFFC auf.', 'Fertig.'])
    expect(byClass(wrapSentences(nodes, sentenceRanges(nodes), [1, 2]), 's')[0]?.children).toEqual([{type: 'text', value: 'Rufe '}, h('code', 'a. B'), {type: 'text', value: ' auf.'}])
  })
})

describe('markNames', () => {
  it('wraps a glossary name with its tooltip, outside code only', () => {
    let id = 0
    const marked = markNames([{type: 'text', value: 'Gerassimows Rede'}, h('code', 'Gerassimow')], {
      matcher,
      tooltip: (entry) => [{type: 'text', value: entry.en}],
      nextId: () => `n${++id}`
    })
    expect(marked).toEqual([
      h('span.name', {tabIndex: -1, ariaDescribedBy: ['n1']}, ['Gerassimows', h('span.tip', {role: 'tooltip', id: 'n1'}, 'Gerasimov')]),
      {type: 'text', value: ' Rede'},
      h('code', 'Gerassimow')
    ])
  })
})

describe('readerSchema', () => {
  it('keeps the reader’s own markup and removes everything else', () => {
    const dirty = h('div', {className: ['pair', 'evil'], id: 'user-chosen', onClick: 'x()', style: 'color:red', tabIndex: -1}, [
      h('script', 'alert(1)'),
      h('style', 'p{}'),
      h('a', {href: 'javascript:alert(1)', onMouseOver: 'x()'}, 'a'),
      h('a', {href: 'https://example.org', target: '_blank'}, 'b'),
      h('img', {src: 'https://example.org/x.png', alt: 'x'}),
      h('img', {src: 'data:image/png;base64,AAAA', alt: 'y'}),
      h('iframe', {src: 'https://example.org'}, 'c'),
      h('span.s', {dataB: 3, dataX: 'y'}, 'd'),
      h('code', {className: ['language-js', 'language-"><x']}, 'e'),
      h('input', {type: 'text', name: 'q'})
    ])
    expect(sanitize(dirty, readerSchema)).toEqual(
      h('div', {className: ['pair'], tabIndex: -1}, [
        h('a', 'a'),
        h('a', {href: 'https://example.org'}, 'b'),
        h('img', {alt: 'x'}),
        h('img', {src: 'data:image/png;base64,AAAA', alt: 'y'}),
        'c',
        h('span.s', {dataB: 3}, 'd'),
        h('code', {className: ['language-js']}, 'e'),
        // Only the toggle's name, and only radio buttons and check boxes.
        h('input')
      ])
    )
  })
})

/** A unit whose German and English are plain text. */
const unit = (de: string, en: string | undefined, provenance?: Unit['provenance']): Unit => ({
  de: [text(de)],
  en: en === undefined ? [] : [text(en)],
  translated: en !== undefined,
  ...(provenance ? {provenance} : {})
})

function article(overrides: Partial<ReaderArticle> = {}): ReaderArticle {
  return {
    slug: 'meldung',
    sourcePath: 'content/de/meldung.md',
    title: unit('Titel', 'Title', {origin: 'human', date: '2026-11-28'}),
    lead: [],
    blocks: [
      {type: 'paragraph', depth: 0, unit: unit('Gerassimow sprach. Dann ging er.', 'Gerasimov spoke. Then he left.', {origin: 'mt', provider: 'deepl', model: 'quality_optimized', date: '2026-11-30'})},
      {type: 'listItem', depth: 0, ordered: false, number: 1, checked: null, unit: unit('Punkt', undefined)}
    ],
    definitions: new Map(),
    footnotes: [],
    date: '2026-11-30',
    origins: {human: 1, import: 0, mt: 1, missing: 1},
    glossaryWarnings: 0,
    stalePostEdits: 0,
    ...overrides
  }
}

describe('articlePage', () => {
  const page = articlePage(article(), {ui: 'en', t, matcher, toRoot: '../'})
  const tree: Root = {type: 'root', children: page.body}

  it('is one pair per block, each sentence in a span with its bead, one tab stop in the article', () => {
    const pairs = byClass(tree, 'pair')
    expect(pairs.map((pair) => [pair.tagName, pair.properties.id])).toEqual([
      ['h1', 'p1'],
      ['div', 'p2'],
      ['div', 'p3']
    ])
    const paragraph = pairs[1] as Element
    const [de, en] = paragraph.children as Element[]
    expect(de?.properties).toEqual({className: ['col', 'de'], lang: 'de'})
    expect(byClass(de ? [de] : [], 's').map((span) => span.properties.dataB)).toEqual([1, 2])
    expect(byClass(en ? [en] : [], 's').map((span) => toHtml(span))).toEqual([
      '<span class="s" data-b="1" tabindex="-1">Gerasimov spoke.</span>',
      '<span class="s" data-b="2" tabindex="-1">Then he left.</span>'
    ])
    // The title's first sentence is the article's one tab stop.
    expect(byClass(tree, 's').filter((span) => span.properties.tabIndex === 0).map((span) => toHtml(span))).toEqual([
      '<span class="s" data-b="1" tabindex="0">Titel</span>'
    ])
    expect(byClass(tree, 'missing').map((element) => toHtml(element))).toEqual(['<span class="missing">not translated yet</span>'])
  })

  it('marks where each pair’s English came from, with provider, model and date in the tooltip', () => {
    expect(byClass(tree, 'origin').map((marker) => [marker.properties.className, marker.properties.ariaLabel, toHtml(byClass([marker], 'tip'))])).toEqual([
      [['origin', 'origin-human'], 'human translation', '<span class="tip" role="tooltip" id="o1"><span class="kind" lang="en">human translation</span><span class="note" lang="en"> · 2026-11-28</span></span>'],
      [
        ['origin', 'origin-mt'],
        'machine translation',
        '<span class="tip" role="tooltip" id="o3"><span class="kind" lang="en">machine translation</span><span class="note" lang="en"> · deepl · quality_optimized · 2026-11-30</span></span>'
      ]
    ])
  })

  it('shows the date, and splits the hints so that each can follow the language shown', () => {
    expect(toHtml(byClass(tree, 'meta'))).toBe('<p class="meta"><time datetime="2026-11-30">November 30, 2026</time></p>')
    expect(byClass(tree, 'hints')[0]?.children.map((hint) => (hint as Element).properties.className)).toEqual([['hint-sentences'], ['hint-names'], ['hint-keys']])
  })

  it('is already clean: the sanitizer changes nothing in it', () => {
    expect(sanitize(tree, readerSchema)).toEqual(tree)
  })
})

describe('the index', () => {
  const entry = (title: string, date?: string): IndexEntry => ({href: `articles/${title}.html`, title: unit(title, title.toUpperCase()), ...(date ? {date} : {})})

  it('puts dated articles first, newest first, then the rest by title in natural number order', () => {
    const entries = [entry('meldung-10'), entry('meldung-2'), entry('alt', '2024-05-01'), entry('Zuletzt', '2026-01-02'), entry('meldung-1')]
    expect(sortEntries(entries).map((found) => found.href)).toEqual([
      'articles/Zuletzt.html',
      'articles/alt.html',
      'articles/meldung-1.html',
      'articles/meldung-2.html',
      'articles/meldung-10.html'
    ])
  })

  it('shows each article’s date, its mix of origins as a bar, its glossary warnings and its stale post-edits', () => {
    const page = indexPage([{...entry('meldung', '2026-11-30'), origins: {human: 3, import: 0, mt: 1, missing: 0}, glossaryWarnings: 2, stalePostEdits: 1}], {ui: 'de', t: createI18n('de').t, toRoot: '', sourceDir: 'content/de'})
    expect(toHtml(byClass({type: 'root', children: page.body}, 'facts'))).toBe(
      '<div class="facts"><time datetime="2026-11-30">30. November 2026</time>' +
        '<span class="mix" id="mix-1" aria-hidden="true"><span class="mix-human"></span><span class="mix-mt"></span></span>' +
        '<span class="mix-label">3 Segmente von Menschen übersetzt, 1 maschinell</span><span class="warnings">2 Glossar-Warnungen</span>' +
        '<span class="stale-count">1 veraltete Nachbearbeitung</span></div>'
    )
    expect(page.style).toBe('#mix-1 .mix-human{flex-grow:3}\n#mix-1 .mix-mt{flex-grow:1}\n')
    // Nothing to review says nothing; two stale post-edits in English.
    const clean = indexPage([{...entry('sauber'), glossaryWarnings: 0, stalePostEdits: 0}], {ui: 'en', t, toRoot: '', sourceDir: 'content/de'})
    expect(byClass({type: 'root', children: clean.body}, 'facts')).toEqual([])
    const stale = indexPage([{...entry('alt'), stalePostEdits: 2}], {ui: 'en', t, toRoot: '', sourceDir: 'content/de'})
    expect(toHtml(byClass({type: 'root', children: stale.body}, 'facts'))).toBe('<div class="facts"><span class="stale-count">2 stale post-edits</span></div>')
  })
})
