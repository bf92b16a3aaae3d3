import type {PhrasingContent, Text} from 'mdast'
import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {keepText, normalizeTaggedText, toTaggedText} from '../core/tagged-text.ts'
import type {GlossaryEntry, SourcePoint} from '../core/types.ts'
import {composed, sourceIndexer} from '../core/source-offsets.ts'
import {location} from 'vfile-location'
import {glossaryFingerprint} from './glossary-fingerprint.ts'
import {englishForm, type NameMatch, type NameMatcher} from './matcher.ts'

export interface Options {
  /** The name glossary's matcher (`new NameMatcher(entries)`). */
  matcher: NameMatcher
}

/**
 * Find glossary names in every segment, record them with their place, and protect their English
 * form in the text sent to the provider. `keySegments` keys the memory on the entries matched.
 */
export default function applyNameGlossary(options: Options) {
  const {matcher} = options
  return function (_tree: unknown, file: VFile): undefined {
    const source = String(file.value)
    const lines = location(file)
    const data = tandemData(file)
    const matched: GlossaryEntry[] = []
    for (const segment of data.segments) {
      if (segment.source === '') continue
      const byNode = new Map<Text, NameMatch[]>()
      for (const node of textNodes(segment.sourceNodes)) {
        const text = composed(node.value)
        // Offsets go back to the node's own value, where protection replaces the name.
        const found = matcher.match(text.text).map((match) => ({...match, start: text.original(match.start), end: text.original(match.end)}))
        if (found.length > 0) byNode.set(node, found)
      }
      if (byNode.size === 0) continue
      for (const found of byNode.values()) for (const match of found) matched.push(match.entry)

      // One walk over each node's source for all its matches, which come in order.
      const indexers = new Map<Text, (index: number) => number>()
      const place = (match: NameMatch, node: Text): SourcePoint => {
        const start = node.position?.start
        if (start?.offset === undefined) return segment.position
        let indexer = indexers.get(node)
        if (!indexer) {
          indexer = sourceIndexer(node.value, source.slice(start.offset, node.position?.end.offset))
          indexers.set(node, indexer)
        }
        const point = lines.toPoint(start.offset + indexer(match.start))
        return point ? {line: point.line, column: point.column} : segment.position
      }
      segment.matches = [...byNode].flatMap(([node, found]) =>
        found.map((match) => ({
          text: match.text,
          de: match.entry.de,
          en: match.entry.en,
          english: englishForm(match),
          position: place(match, node)
        }))
      )
      segment.request = normalizeTaggedText(
        toTaggedText(segment.sourceNodes, {
          replace: (node) =>
            (byNode.get(node) ?? []).map((match) => ({start: match.start, end: match.end, markup: keepText(englishForm(match))}))
        }).text
      )
    }
    data.glossary = glossaryFingerprint(matched)
  }
}

export function* textNodes(nodes: readonly PhrasingContent[]): Generator<Text> {
  for (const node of nodes) {
    if (node.type === 'text') yield node
    else if ('children' in node) yield* textNodes(node.children)
  }
}
