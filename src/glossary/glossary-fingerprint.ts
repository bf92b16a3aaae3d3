import {decodeXML} from 'entities'
import {sha256} from '../core/hash.ts'
import type {GlossaryEntry} from '../core/types.ts'
import type {NameMatcher} from './matcher.ts'

/**
 * What an article's outputs depend on of the glossary: the sha256 of the entries matched in it, every field but the
 * line, in a fixed order; '' when it matches none. A change to names.tsv that touches none of them leaves it, and
 * so the article's English edition and its record, as they are (issue 15: a change rebuilds exactly what it affects).
 */
export function glossaryFingerprint(entries: Iterable<GlossaryEntry>): string {
  const lines = new Set<string>()
  for (const entry of entries) lines.add([entry.de, entry.en, entry.kind, entry.note].join('\t'))
  return lines.size === 0 ? '' : sha256([...lines].sort().join('\n'))
}

/**
 * The entries `matcher` finds in normalized tagged text, run by run between its tags, as `applyNameGlossary` finds
 * them in the text nodes the tags stand between (in order, with repeats). Whitespace is folded in tagged text, so
 * a run may join what a hard break kept apart: it then finds more, never fewer.
 */
export function entriesInTaggedText(matcher: NameMatcher, tagged: string): GlossaryEntry[] {
  return tagged.split(/<[^>]*>/).flatMap((run) => (run === '' ? [] : matcher.match(decodeXML(run)).map((match) => match.entry)))
}
