import type {PhrasingContent, Text} from 'mdast'
import type {VFile} from 'vfile'
import {tandemData} from '../pipeline/data.ts'
import {memoryKey} from '../memory/key.ts'
import {keepText, normalizeTaggedText, toTaggedText} from '../segment/tagged-text.ts'
import type {Segment, SegmentNameMatch, SourcePoint} from '../segment/types.ts'
import {englishForm, type NameMatch, type NameMatcher} from './matcher.ts'

export interface Options {
  matcher: NameMatcher
  sourceLang: string
  targetLang: string
}

/**
 * Find glossary names in every segment, record them with their place, protect their English
 * form in the text sent to the provider, and key the memory on the entries matched.
 */
export default function applyNameGlossary(options: Options) {
  const {matcher} = options
  return function (_tree: unknown, file: VFile): undefined {
    for (const segment of tandemData(file).segments) {
      if (segment.source === '') continue
      const byNode = new Map<Text, NameMatch[]>()
      for (const node of textNodes(segment.sourceNodes)) {
        const found = matcher.match(node.value)
        if (found.length > 0) byNode.set(node, found)
      }
      if (byNode.size === 0) continue

      segment.matches = [...byNode].flatMap(([node, found]) => found.map((match) => located(match, node, segment)))
      segment.request = normalizeTaggedText(
        toTaggedText(segment.sourceNodes, {
          replace: (node) =>
            (byNode.get(node) ?? []).map((match) => ({start: match.start, end: match.end, markup: keepText(englishForm(match))}))
        }).text
      )
      const entries = new Map(segment.matches.map((match) => [match.de, {de: match.de, en: match.en}]))
      segment.key = memoryKey({
        source: segment.source,
        glossary: [...entries.values()],
        sourceLang: options.sourceLang,
        targetLang: options.targetLang
      })
    }
  }
}

export function* textNodes(nodes: readonly PhrasingContent[]): Generator<Text> {
  for (const node of nodes) {
    if (node.type === 'text') yield node
    else if ('children' in node) yield* textNodes(node.children)
  }
}

/** A match with its line:column in the file; front-matter text has no position of its own. */
function located(match: NameMatch, node: Text, segment: Segment): SegmentNameMatch {
  const start: SourcePoint = node.position?.start ?? segment.position
  const before = node.value.slice(0, match.start)
  const lastBreak = before.lastIndexOf('\n')
  const position =
    lastBreak === -1
      ? {line: start.line, column: start.column + before.length}
      : {line: start.line + before.split('\n').length - 1, column: before.length - lastBreak}
  return {text: match.text, de: match.entry.de, en: match.entry.en, english: englishForm(match), position}
}
