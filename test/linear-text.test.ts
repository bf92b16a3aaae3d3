/**
 * remarkLinearText merges micromark's text data per line, so that a long paragraph parses in linear
 * time. It must change nothing else: the trees, positions included, are the same as without it,
 * on every CommonMark example and on random Markdown full of the constructs that cut text into runs.
 */
import spec from 'commonmark-spec'
import fc from 'fast-check'
import type {Root} from 'mdast'
import type {Event, Token} from 'micromark-util-types'
import remarkParse from 'remark-parse'
import {unified, type Pluggable} from 'unified'
import {describe, expect, it} from 'vitest'
import {markdownSyntax} from '../src/pipeline/processor.ts'
import remarkLinearText, {mergeAdjacentData} from '../src/segment/linear-text.ts'

const withMerge = unified().use(remarkParse).use(markdownSyntax)
const withoutMerge = unified()
  .use(remarkParse)
  .use({plugins: (markdownSyntax.plugins ?? []).filter((plugin: Pluggable) => plugin !== remarkLinearText)})

function parseBoth(markdown: string): {merged: Root; plain: Root} {
  return {merged: withMerge.parse(markdown), plain: withoutMerge.parse(markdown)}
}

/** micromark's own merge (`resolveAllText` in micromark/lib/initialize/text.js, MIT), as the oracle. */
function micromarkMerge(events: Event[]): Event[] {
  let index = -1
  let enter: number | undefined
  while (++index <= events.length) {
    if (enter === undefined) {
      if (events[index] && (events[index] as Event)[1].type === 'data') {
        enter = index
        index++
      }
    } else if (!events[index] || (events[index] as Event)[1].type !== 'data') {
      if (index !== enter + 2) {
        ;(events[enter] as Event)[1].end = (events[index - 1] as Event)[1].end
        events.splice(enter + 2, index - enter - 2)
        index = enter + 2
      }
      enter = undefined
    }
  }
  return events
}

describe('remarkLinearText', () => {
  it('is in the Markdown syntax tandem parses with', () => {
    expect(markdownSyntax.plugins).toContain(remarkLinearText)
  })

  it('merges data events exactly as micromark does', () => {
    const types = ['data', 'data', 'data', 'lineEnding', 'linePrefix', 'emphasis'] as const
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...types), {maxLength: 60}), fc.nat(8), (kinds, from) => {
        // Each token as an enter and an exit event, at offsets 0, 1, 2, …
        const build = (): Event[] =>
          kinds.flatMap((type, offset): Event[] => {
            const token = {type, start: point(offset), end: point(offset + 1)} as unknown as Token
            return [['enter', token, {} as Event[2]], ['exit', token, {} as Event[2]]]
          })
        const shape = (events: Event[]) => events.map(([kind, token]) => `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`)
        const start = Math.min(from, kinds.length) * 2
        const expected = build()
        const head = expected.slice(0, start)
        const oracle = [...head, ...micromarkMerge(expected.slice(start))]
        expect(shape(mergeAdjacentData(build(), start))).toEqual(shape(oracle))
      })
    )
  })

  it('parses every CommonMark example to the same tree', () => {
    const differing = spec.tests.filter((example) => {
      const {merged, plain} = parseBoth(example.markdown.replaceAll('→', '\t'))
      return JSON.stringify(merged) !== JSON.stringify(plain)
    })
    expect(differing.map((example) => example.number)).toEqual([])
  })

  it('parses random Markdown to the same tree, positions included', () => {
    const pieces = [
      'Wort', 'Straße', 'Kursk', 'Überfall', ' ', ' ', '  ', '\n', '\n', '  \n', '\\\n', '\r\n', '\n\n', '\t',
      '*', '**', '_', '__', '~~', '[', ']', '](https://example.org/a)', '![', '][ref]', '`', '``', '&amp;', '&#123;',
      '&nbsp;', '\\*', '\\', '<b>', '</b>', '<https://a.example>', 'www.example.com', 'a@b.de', 'https://x.org/y?z',
      '{{ titel }}', '{% include x %}', '$$', '$$\na+b\n$$', '> ', '- ', '1. ', '# ', '    ', '|', '| a | b |\n| - | - |\n',
      '---', '[^1]', '[^1]: Fußnote', '\n[ref]: /url', '.', '!', '?', ',', '"', '„', '“'
    ]
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 3})), {maxLength: 80}), (parts) => {
        const markdown = parts.join('')
        const {merged, plain} = parseBoth(markdown)
        expect(merged).toEqual(plain)
      }),
      {numRuns: 400}
    )
  })

  it('parses a long paragraph of many lines to the same tree', () => {
    const lines = Array.from({length: 800}, (_, index) => `Zeile ${index} mit *Betonung*, \`Code\` und [Link](/l${index}) &amp; mehr  `)
    const {merged, plain} = parseBoth(lines.join('\n'))
    expect(merged).toEqual(plain)
    expect(merged.children).toHaveLength(1)
  })
})

function point(offset: number) {
  return {line: 1, column: offset + 1, offset, _index: 0, _bufferIndex: offset}
}
