import type {Link, Paragraph, PhrasingContent, Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {TagError, fromTaggedText, normalizeTaggedText, toTaggedText} from '../src/segment/tagged-text.ts'

const parser = unified().use(remarkParse).use(remarkGfm)
const serializer = unified().use(remarkGfm).use(remarkStringify)

/** The inline content of the first paragraph of `markdown` (later blocks may hold definitions). */
function inline(markdown: string): PhrasingContent[] {
  const first = parser.parse(markdown).children[0]
  if (first?.type !== 'paragraph') throw new Error(`expected a paragraph first in ${JSON.stringify(markdown)}`)
  return first.children
}

function stringify(nodes: PhrasingContent[]): string {
  const paragraph: Paragraph = {type: 'paragraph', children: nodes}
  const root: Root = {type: 'root', children: [paragraph]}
  return serializer.stringify(root)
}

function tagError(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(TagError)
    return (error as TagError).message
  }
  throw new Error('expected a TagError')
}

function links(nodes: readonly PhrasingContent[]): Link[] {
  const found: Link[] = []
  for (const node of nodes) {
    if (node.type === 'link') found.push(node)
    if ('children' in node) found.push(...links(node.children as PhrasingContent[]))
  }
  return found
}

describe('toTaggedText', () => {
  it('turns strong, emphasis and delete into <b>, <i>, <s>', () => {
    expect(toTaggedText(inline('**fett**')).text).toBe('<b>fett</b>')
    expect(toTaggedText(inline('_kursiv_')).text).toBe('<i>kursiv</i>')
    expect(toTaggedText(inline('*kursiv*')).text).toBe('<i>kursiv</i>')
    expect(toTaggedText(inline('~~weg~~')).text).toBe('<s>weg</s>')
  })

  it('nests marks in source order', () => {
    expect(toTaggedText(inline('**fett _und kursiv_ hier**')).text).toBe('<b>fett <i>und kursiv</i> hier</b>')
    expect(toTaggedText(inline('***beides***')).text).toBe('<i><b>beides</b></i>')
  })

  it('numbers links <a id="n"> and keeps the link node, URL and title by id', () => {
    const result = toTaggedText(inline('Siehe [die Quelle](https://example.org/a "Titel") und [mehr](https://example.org/b).'))
    expect(result.text).toBe('Siehe <a id="1">die Quelle</a> und <a id="2">mehr</a>.')
    expect(result.placeholders.map((node) => node.type)).toEqual(['link', 'link'])
    expect(result.placeholders.map((node) => (node as Link).url)).toEqual(['https://example.org/a', 'https://example.org/b'])
    expect((result.placeholders[0] as Link).title).toBe('Titel')
    expect(result.text).not.toContain('example.org')
  })

  it('tags reference links like links', () => {
    const result = toTaggedText(inline('Die [Quelle][q] hier.\n\n[q]: https://example.org/q'))
    expect(result.text).toBe('Die <a id="1">Quelle</a> hier.')
    expect(result.placeholders.map((node) => node.type)).toEqual(['linkReference'])
  })

  it('replaces inline code, HTML, images and footnote references by <x id="n"/>', () => {
    const result = toTaggedText(
      inline('Mit `code`, <kbd>Strg</kbd>, ![Bild](b.png) und Fußnote[^1].\n\n[^1]: Die Notiz.')
    )
    expect(result.text).toBe('Mit <x id="1"/>, <x id="2"/>Strg<x id="3"/>, <x id="4"/> und Fußnote<x id="5"/>.')
    expect(result.placeholders.map((node) => node.type)).toEqual([
      'inlineCode',
      'html',
      'html',
      'image',
      'footnoteReference'
    ])
  })

  it('numbers links and placeholders in one sequence, depth first', () => {
    const result = toTaggedText(inline('`a` [b `c` d](u) ![e](f)'))
    expect(result.text).toBe('<x id="1"/> <a id="2">b <x id="3"/> d</a> <x id="4"/>')
  })

  it('escapes &, < and > in text (and quotes, as XML)', () => {
    expect(toTaggedText(inline('A & B < C > D')).text).toBe('A &amp; B &lt; C &gt; D')
    expect(toTaggedText(inline('"zitiert" und Boris\' Plan')).text).toBe('&quot;zitiert&quot; und Boris&apos; Plan')
    // An entity in the Markdown is a character in mdast, and is escaped once, not twice.
    expect(toTaggedText(inline('Tom &amp; Jerry')).text).toBe('Tom &amp; Jerry')
  })

  it('turns a soft line break into one space', () => {
    expect(toTaggedText(inline('erste Zeile\nzweite Zeile')).text).toBe('erste Zeile zweite Zeile')
    expect(toTaggedText(inline('**fett\n  weiter**')).text).toBe('<b>fett weiter</b>')
  })

  it('makes a hard break a placeholder, so that it survives translation', () => {
    const result = toTaggedText(inline('oben\\\nunten'))
    expect(result.text).toBe('oben<x id="1"/>unten')
    expect(result.placeholders).toEqual([{type: 'break', position: expect.anything()}])
  })

  it('returns empty text for no nodes', () => {
    expect(toTaggedText([])).toEqual({text: '', placeholders: []})
  })
})

describe('normalizeTaggedText', () => {
  it('folds whitespace, trims and composes to NFC', () => {
    expect(normalizeTaggedText('  a\t b \n c  ')).toBe('a b c')
    expect(normalizeTaggedText('U\u0308bung')).toBe('\u00dcbung')
  })
})

describe('fromTaggedText round trip', () => {
  // Each sample: inline Markdown and its tagged text. Back from the tagged text it must stringify the same.
  const samples: Array<[string, string]> = [
    ['Nur Text.', 'Nur Text.'],
    ['**fett**', '<b>fett</b>'],
    ['_kursiv_', '<i>kursiv</i>'],
    ['~~gestrichen~~', '<s>gestrichen</s>'],
    ['**fett _kursiv ~~weg~~_**', '<b>fett <i>kursiv <s>weg</s></i></b>'],
    ['Ein [Link](https://example.org "Titel") hier', 'Ein <a id="1">Link</a> hier'],
    ['[**fett** im Link](https://example.org)', '<a id="1"><b>fett</b> im Link</a>'],
    ['Ein [Verweis][ref].\n\n[ref]: https://example.org', 'Ein <a id="1">Verweis</a>.'],
    ['Code `x < y` im Satz', 'Code <x id="1"/> im Satz'],
    ['Ein <abbr title="Vereinte Nationen">UN</abbr>-Bericht', 'Ein <x id="1"/>UN<x id="2"/>-Bericht'],
    ['Ein ![Bild](bild.png "Titel") hier', 'Ein <x id="1"/> hier'],
    ['[![Bild](bild.png)](https://example.org)', '<a id="1"><x id="2"/></a>'],
    ['Satz[^n].\n\n[^n]: Notiz.', 'Satz<x id="1"/>.'],
    ['A & B < C > D', 'A &amp; B &lt; C &gt; D'],
    ['Sternchen \\* und Unterstrich \\_ bleiben', 'Sternchen * und Unterstrich _ bleiben'],
    ['oben\\\nunten', 'oben<x id="1"/>unten'],
    ['Über „Anführungszeichen“ – und Emoji 🎉', 'Über „Anführungszeichen“ – und Emoji 🎉']
  ]

  it.each(samples)('%j ↔ %j', (markdown, tagged) => {
    const nodes = inline(markdown)
    const result = toTaggedText(nodes)
    expect(result.text).toBe(tagged)
    expect(stringify(fromTaggedText(result.text, result.placeholders))).toBe(stringify(nodes))
  })

  it('gives back the same text node structure for marks', () => {
    expect(fromTaggedText('a <b>b <i>c</i></b> &amp; d', [])).toEqual([
      {type: 'text', value: 'a '},
      {
        type: 'strong',
        children: [
          {type: 'text', value: 'b '},
          {type: 'emphasis', children: [{type: 'text', value: 'c'}]}
        ]
      },
      {type: 'text', value: ' & d'}
    ])
  })

  it('restores the right URL for each link when the translation reorders them', () => {
    const {text, placeholders} = toTaggedText(
      inline('Laut [Reuters](https://reuters.example) und [AP](https://ap.example "AP") stimmt das.')
    )
    expect(text).toBe('Laut <a id="1">Reuters</a> und <a id="2">AP</a> stimmt das.')
    const restored = fromTaggedText('<a id="2">AP</a> and <a id="1">Reuters</a> confirm it.', placeholders)
    expect(stringify(restored)).toBe('[AP](https://ap.example "AP") and [Reuters](https://reuters.example) confirm it.\n')
    expect(links(restored).map((link) => [link.url, link.children])).toEqual([
      ['https://ap.example', [{type: 'text', value: 'AP'}]],
      ['https://reuters.example', [{type: 'text', value: 'Reuters'}]]
    ])
  })

  it('restores placeholders by id, whatever their order in the translation', () => {
    const {placeholders} = toTaggedText(inline('Erst `eins`, dann `zwei`.'))
    expect(stringify(fromTaggedText('First <x id="2"/>, then <x id="1"/>.', placeholders))).toBe('First `zwei`, then `eins`.\n')
  })

  it('does not share nodes with the placeholders it restores from', () => {
    const {text, placeholders} = toTaggedText(inline('[Link](https://example.org)'))
    const restored = fromTaggedText(text, placeholders)
    ;(restored[0] as Link).url = 'changed'
    expect((placeholders[0] as Link).url).toBe('https://example.org')
  })

  it('decodes entities the provider sends back', () => {
    expect(stringify(fromTaggedText('Tom &amp; Jerry &#38; &quot;Spike&quot; &apos;n&apos;', []))).toBe(
      'Tom & Jerry & "Spike" \'n\'\n'
    )
  })
})

describe('fromTaggedText errors', () => {
  const {placeholders} = toTaggedText(inline('Ein [Link](https://example.org) und `code`.'))

  it('is fine with the complete vocabulary', () => {
    expect(stringify(fromTaggedText('A <a id="1">link</a> and <x id="2"/>.', placeholders))).toBe(
      'A [link](https://example.org) and `code`.\n'
    )
  })

  it('reports a lost tag', () => {
    expect(tagError(() => fromTaggedText('A <a id="1">link</a> and code.', placeholders))).toBe(
      'the tag with id `2` was lost'
    )
    expect(tagError(() => fromTaggedText('A link and <x id="2"/>.', placeholders))).toBe('the tag with id `1` was lost')
  })

  it('reports a duplicated id', () => {
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <a id="1">B</a> <x id="2"/>', placeholders))).toBe(
      '`<a id="1">` appears twice'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <x id="2"/><x id="2"/>', placeholders))).toBe(
      '`<x id="2">` appears twice'
    )
  })

  it('reports an unknown (invented) id', () => {
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <x id="2"/> <x id="3"/>', placeholders))).toBe(
      '`<x>` refers to unknown id `3`'
    )
    expect(tagError(() => fromTaggedText('<a id="0">A</a> <x id="2"/>', placeholders))).toBe(
      '`<a>` refers to unknown id `0`'
    )
    expect(tagError(() => fromTaggedText('<a>A</a> <x id="2"/>', placeholders))).toBe('`<a>` refers to unknown id `NaN`')
  })

  it('reports an unclosed tag', () => {
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <b>bold <x id="2"/>', placeholders))).toBe(
      '`<b>` is never closed'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A <x id="2"/>', placeholders))).toBe('`<a>` is never closed')
  })

  it('reports wrongly nested tags and a closing tag without an opening one', () => {
    expect(tagError(() => fromTaggedText('<b><a id="1">A</b></a> <x id="2"/>', placeholders))).toBe(
      '`</b>` closes `<a>`'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A</a></i> <x id="2"/>', placeholders))).toBe(
      '`</i>` closes `<nothing>`'
    )
  })

  it('reports an unknown tag', () => {
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <u>B</u> <x id="2"/>', placeholders))).toBe(
      'unknown tag `<u>`'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <b/> <x id="2"/>', placeholders))).toBe(
      'unexpected self-closing `<b/>`'
    )
    expect(tagError(() => fromTaggedText('<a id="1"/> <x id="2"/>', placeholders))).toBe(
      'unexpected self-closing `<a/>`'
    )
  })

  it('reports a stray < or > in the text', () => {
    expect(tagError(() => fromTaggedText('<a id="1">A</a> 1 < 2 <x id="2"/>', placeholders))).toBe(
      'unexpected `<` or `>` in ` 1 < 2 `'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A</a> 2 > 1<x id="2"/>', placeholders))).toBe(
      'unexpected `<` or `>` in ` 2 > 1`'
    )
    expect(tagError(() => fromTaggedText('<a id="1">A</a> <B>x</B> <x id="2"/>', placeholders))).toBe(
      'unexpected `<` or `>` in ` <B>x</B> `'
    )
  })

  it('names TagError in its name', () => {
    expect(new TagError('x').name).toBe('TagError')
  })
})

describe('design gaps (expected to fail until src/ is fixed)', () => {
  it('a placeholder <x> that points at a link id is a tag error, not the German link', () => {
    // The provider turned `<a id="1">…</a>` into `<x id="1"/>`: restoring the German link text silently is wrong.
    const {placeholders} = toTaggedText(inline('Ein [Link](https://example.org).'))
    expect(() => fromTaggedText('A <x id="1"/>.', placeholders)).toThrow(TagError)
  })

  it('an autolink sends no URL as text to the provider (design.md: URLs are never translated)', () => {
    const result = toTaggedText(inline('Mehr unter <https://example.org/nachrichten> und www.example.org.'))
    expect(result.text).toBe('Mehr unter <x id="1"/> und <x id="2"/>.')
  })
})
