import type {Root, Text} from 'mdast'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {findCandidates} from '../src/glossary/find-candidates.ts'
import {NameMatcher} from '../src/glossary/matcher.ts'

function textNodes(markdown: string): Text[] {
  const tree: Root = unified().use(remarkParse).parse(markdown)
  const nodes: Text[] = []
  visit(tree, 'text', (node) => {
    nodes.push(node)
  })
  return nodes
}

const matcher = new NameMatcher([{de: 'Wladimir Putin', en: 'Vladimir Putin', kind: 'person', note: '', line: 2}])

function candidates(markdown: string) {
  return findCandidates([{path: 'x.md', nodes: textNodes(markdown)}], matcher).map(
    (candidate) => `${candidate.text} ${candidate.count} ${candidate.first.line}:${candidate.first.column} ${candidate.reason}`
  )
}

describe('findCandidates', () => {
  it('finds multi-word names, names after titles, transliterated surnames and acronyms, with counts and first places', () => {
    const text = [
      'Gestern traf Präsident Wladimir Putin den Gast Emmanuel Macron in Moskau.',
      '',
      'Dazu äußerte sich Außenministerin Baerbock, und auch Emmanuel Macron sprach.',
      '',
      'Der Abgeordnete Dmitrijew lobte die UNO. Auch lobte sie Schewtschenko.',
      '',
      'Die Kollegin Anna Schmidt nickte.'
    ].join('\n')
    expect(candidates(text)).toEqual([
      'Emmanuel Macron 2 1:48 multi-word',
      'Anna Schmidt 1 7:14 multi-word',
      'Baerbock 1 3:35 after-title',
      'Dmitrijew 1 5:17 after-title',
      'Schewtschenko 1 5:57 transliterated',
      'UNO 1 5:37 acronym'
    ])
  })

  it('leaves out glossary names, sentence starts, title-case headings, dates and quantities', () => {
    const text = [
      '# Besorgnis über die Militärische Zusammenarbeit',
      '',
      'Russische Truppen kamen Ende Februar mit acht Millionen Artillerie- und Raketengeschossen. Wladimir Putin schwieg.',
      '',
      'Ihre Arbeit wird von Ihrem Projekt gelesen.'
    ].join('\n')
    expect(candidates(text)).toEqual([])
  })
})
