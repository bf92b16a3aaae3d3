import {phrase} from '../core/phrase.ts'
import type {Element} from 'xast'
import type {VFile} from 'vfile'
import {memoryKey} from '../core/key.ts'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {SourcePoint} from '../core/types.ts'
import type {NameMatcher} from '../glossary/matcher.ts'
import {fromXml} from 'xast-util-from-xml'
import {InlineCodeError, inlineToTagged, InlineIds, tagProblem, type Dialect} from './inline-codes.ts'
import {fail, placeOf} from './xml.ts'

/** A translation unit read from a TMX or XLIFF file, its text as tagged text. */
export interface InterchangeUnit {
  source: string
  target: string
  /** Where the unit starts in its file. */
  place: SourcePoint
  targetPlace: SourcePoint
  /** YYYY-MM-DD, when the file says. */
  date?: string
  author?: string
  note?: string
  /** XLIFF: the `original` of its file and its unit id. */
  original?: string
  id?: string
}

/**
 * Source and target of one unit as tagged text, each checked: the codes map to tandem's tags, pair,
 * and the target uses exactly the links and placeholders of the source. A problem is an error at
 * its place on `file`, and the result undefined.
 */
export function readUnitText(
  file: VFile,
  source: Element,
  target: Element,
  dialect: Dialect
): {source: string; target: string} | undefined {
  const ids = new InlineIds()
  let side: Element = source
  try {
    const sourceText = inlineToTagged(source.children, dialect, ids, 'source')
    ids.startTarget()
    side = target
    const targetText = inlineToTagged(target.children, dialect, ids, 'target')
    const placeholders = ids.placeholders()
    for (const [text, element] of [
      [sourceText, source],
      [targetText, target]
    ] as const) {
      const problem = tagProblem(text, placeholders)
      if (problem) {
        const reason =
          element === source
            ? phrase('messages.interchange-tags.source', 'the inline codes of this source do not pair: {{problem}}', {problem})
            : phrase('messages.interchange-tags.target', 'the inline codes of this target do not match its source: {{problem}}', {problem})
        fail(file, reason, placeOf(element))
        return undefined
      }
    }
    return {source: sourceText, target: targetText}
  } catch (error) {
    if (!(error instanceof InlineCodeError)) throw error
    fail(file, phrase('messages.interchange-tags.code', '{{problem}}', {problem: error.phrase}), error.place ?? placeOf(side))
    return undefined
  }
}

/**
 * The memory key a build gives a segment with this tagged source, found without its Markdown:
 * the glossary is matched in each run of text between tags, as the build matches it in each text node.
 */
export function keyTaggedSource(source: string, matcher: NameMatcher, languages: {sourceLang: string; targetLang: string; formality?: string}): string {
  const entries = new Map<string, {de: string; en: string}>()
  for (const run of textRuns(source)) {
    for (const match of matcher.match(run.normalize('NFC'))) entries.set(match.entry.de, {de: match.entry.de, en: match.entry.en})
  }
  return memoryKey({source, glossary: [...entries.values()], ...languages})
}

function textRuns(tagged: string): string[] {
  const runs: string[] = []
  const walk = (element: Element) => {
    for (const child of element.children) {
      if (child.type === 'text') runs.push(child.value)
      else if (child.type === 'element') walk(child)
    }
  }
  try {
    walk(fromXml(`<seg>${tagged}</seg>`).children[0] as Element)
  } catch {
    // Not tagged text tandem wrote (it could not be imported then): match the plain words.
    runs.push(taggedToPlain(tagged))
  }
  return runs
}

/** TMX's `20261128T101500Z` (or a bare date) as `2026-11-28`. */
export function isoDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value ?? '')
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined
}
