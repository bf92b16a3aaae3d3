import type {Link, Paragraph, PhrasingContent, Root} from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {TagError, fromDamagedText, fromTaggedText, normalizeTaggedText, toTaggedText} from '../src/core/tagged-text.ts'
import type {Placeholder} from '../src/core/types.ts'
import {phrase} from '../src/core/phrase.ts'
import {markdown} from './fidelity.ts'

// tandem's syntax: GFM, `$$` math and template tags.
const parser = markdown
const serializer = unified().use(remarkGfm).use(remarkMath).use(remarkStringify)

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

/** What each id stands for, in short: `a:link`, `x:inlineCode+text+html`. */
function kinds(placeholders: readonly Placeholder[]): string[] {
  return placeholders.map((entry) => (entry.tag === 'a' ? `a:${entry.node.type}` : `x:${entry.nodes.map((node) => node.type).join('+')}`))
}

function linkOf(placeholder: Placeholder | undefined): Link {
  if (placeholder?.tag !== 'a' || placeholder.node.type !== 'link') throw new Error('expected a link placeholder')
  return placeholder.node
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
    expect(kinds(result.placeholders)).toEqual(['a:link', 'a:link'])
    expect(result.placeholders.map((entry) => linkOf(entry).url)).toEqual(['https://example.org/a', 'https://example.org/b'])
    expect(linkOf(result.placeholders[0]).title).toBe('Titel')
    expect(result.text).not.toContain('example.org')
  })

  it('tags reference links like links', () => {
    const result = toTaggedText(inline('Die [Quelle][q] hier.\n\n[q]: https://example.org/q'))
    expect(result.text).toBe('Die <a id="1">Quelle</a> hier.')
    expect(kinds(result.placeholders)).toEqual(['a:linkReference'])
  })

  it('replaces inline code, HTML, images and footnote references by <x id="n"/>', () => {
    const result = toTaggedText(
      inline('Mit `code`, <kbd>Strg</kbd>, ![Bild](b.png) und Fußnote[^1].\n\n[^1]: Die Notiz.')
    )
    expect(result.text).toBe('Mit <x id="1"/>, <x id="2"/>Strg<x id="3"/>, <x id="4"/> und Fußnote<x id="5"/>.')
    expect(kinds(result.placeholders)).toEqual(['x:inlineCode', 'x:html', 'x:html', 'x:image', 'x:footnoteReference'])
  })

  it('numbers links and placeholders in one sequence, depth first', () => {
    const result = toTaggedText(inline('`a` [b `c` d](u) ![e](f)'))
    expect(result.text).toBe('<x id="1"/> <a id="2">b <x id="3"/> d</a> <x id="4"/>')
  })

  it('escapes &, < and > in text, and leaves quotes alone (nothing billed as an entity)', () => {
    expect(toTaggedText(inline('A & B < C > D')).text).toBe('A &amp; B &lt; C &gt; D')
    expect(toTaggedText(inline('"zitiert" und Boris\' Plan')).text).toBe('"zitiert" und Boris\' Plan')
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
    expect(result.placeholders).toEqual([{tag: 'x', nodes: [{type: 'break', position: expect.anything()}]}])
  })

  it('merges marks of one kind that touch or stand apart by white space only, without editing the source', () => {
    const nodes = inline('**fett** **weiter**, _a_\n_b_ und **x**__y__ aber **c** _d_')
    const before = structuredClone(nodes)
    const result = toTaggedText(nodes)
    expect(result.text).toBe('<b>fett weiter</b>, <i>a b</i> und <b>xy</b> aber <b>c</b> <i>d</i>')
    expect(nodes).toEqual(before)
    // One tag pair each: the same rendering, written once.
    expect(stringify(fromTaggedText(result.text, result.placeholders))).toBe('**fett weiter**, *a b* und **xy** aber **c** *d*\n')
  })

  it('gives neighbouring placeholders one id, with the white space between them', () => {
    const result = toTaggedText(inline('Siehe `a` `b` <br> und ![x](y.png)'))
    expect(result.text).toBe('Siehe <x id="1"/> und <x id="2"/>')
    expect(kinds(result.placeholders)).toEqual(['x:inlineCode+text+inlineCode+text+html', 'x:image'])
  })

  it('keeps a link or a mark without letters or digits whole, as one placeholder', () => {
    const result = toTaggedText(inline('Logo [![Logo](logo.png)](https://example.org) und [`npm`](https://npmjs.com) **→**'))
    expect(result.text).toBe('Logo <x id="1"/> und <x id="2"/>')
    expect(kinds(result.placeholders)).toEqual(['x:link', 'x:link+text+strong'])
  })

  it('sends no URL of an autolink, literal or in angle brackets', () => {
    const result = toTaggedText(inline('Mehr unter <https://example.org/a>, www.example.org und info@example.org.'))
    expect(result.text).toBe('Mehr unter <x id="1"/>, <x id="2"/> und <x id="3"/>.')
  })

  it('never sends a template tag, `$$` math or inline code, whatever they hold', () => {
    const result = toTaggedText(inline('Hallo {{ seite.titel | default: "Titel" }}, $$a < b$$ und `Code & mehr`.'))
    expect(result.text).toBe('Hallo <x id="1"/>, <x id="2"/> und <x id="3"/>.')
    expect(kinds(result.placeholders)).toEqual(['x:html', 'x:inlineMath', 'x:inlineCode'])
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
    ['[![Bild](bild.png)](https://example.org)', '<x id="1"/>'],
    ['Ein [![Bild](bild.png) mit Text](https://example.org)', 'Ein <a id="1"><x id="2"/> mit Text</a>'],
    ['Mit `a` `b`, <kbd>x</kbd> und $$x^2$$ {{ seite.titel }}', 'Mit <x id="1"/>, <x id="2"/>x<x id="3"/> und <x id="4"/>'],
    ['Nur **2025** und **:**', 'Nur <b>2025</b> und <x id="1"/>'],
    ['Ein ~~falscher~~ Satz', 'Ein <s>falscher</s> Satz'],
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
    expect(linkOf(placeholders[0]).url).toBe('https://example.org')
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

  it('says which kind of damage it found', () => {
    const damage = (text: string) => {
      try {
        fromTaggedText(text, placeholders)
      } catch (error) {
        if (error instanceof TagError) return error.damage
      }
      return 'none'
    }
    expect(damage('A <a id="1">link</a> and <x id="2"/>.')).toBe('none')
    // Ids in another order are a translation, not damage.
    expect(damage('<x id="2"/> and a <a id="1">link</a>.')).toBe('none')
    expect(damage('A link and <x id="2"/>.')).toBe('lost')
    expect(damage('<a id="1">A</a> <a id="1">B</a> <x id="2"/>')).toBe('duplicated')
    expect(damage('<a id="1">A</a> <x id="2"/> <x id="7"/>')).toBe('invented')
    expect(damage('<a id="1">A</a> <u>B</u> <x id="2"/>')).toBe('invented')
    expect(damage('</a>A<a id="1"> <x id="2"/>')).toBe('reordered')
    expect(damage('<b><a id="1">A</b></a> <x id="2"/>')).toBe('misnested')
    expect(damage('<a id="1">A</a> <b>B <x id="2"/>')).toBe('misnested')
    expect(damage('<a id="1">A</a> 1 < 2 <x id="2"/>')).toBe('malformed')
  })

  it('names TagError in its name', () => {
    expect(new TagError('lost', phrase('reasons.tags.lost', 'the tag with id `{{id}}` was lost', {id: 1})).name).toBe('TagError')
  })
})

describe('fromDamagedText', () => {
  const {placeholders} = toTaggedText(inline('Laut [Reuters](https://reuters.example) ist `x` **wahr** und `y` falsch.'))

  function restored(text: string): string {
    return stringify(fromDamagedText(text, placeholders))
  }

  it('keeps the text without marks, intact placeholders in place, and every link at the end', () => {
    expect(restored('According to Reuters, <x id="2"/> is <b>true</b> and <x id="3"/> false.')).toBe(
      'According to Reuters, `x` is true and `y` false. [Reuters](https://reuters.example)\n'
    )
  })

  it('adds what was lost, and keeps a duplicated placeholder once', () => {
    expect(restored('<a id="1">Reuters</a> says <x id="2"/> is true and <x id="2"/> false.')).toBe(
      'Reuters says `x` is true and false. [Reuters](https://reuters.example) `y`\n'
    )
  })

  it('drops invented, cut-off and misnested tags, and keeps stray brackets as text', () => {
    expect(restored('<u>Reuters</u> says <x id="9"/> <x id="2"/> <b is 1 < 2 and <x id="3"/> </i>false.')).toBe(
      'Reuters says `x` is 1 < 2 and `y` false. [Reuters](https://reuters.example)\n'
    )
  })
})

describe('design rules', () => {
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
