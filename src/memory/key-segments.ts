import type {VFile} from 'vfile'
import type {Settings} from '../core/defaults.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {tandemData} from '../core/data.ts'
import {memoryKey} from '../core/key.ts'

export type Options = Partial<Pick<Settings, 'sourceLang' | 'targetLang' | 'formality'>>

/**
 * Give every segment its translation-memory key, once, after the glossary has recorded its matches:
 * tagged source + glossary entries matched in it + languages (design.md "Translation memory").
 * Without `applyNameGlossary` before it, segments are keyed with no entries.
 */
export default function keySegments(options: Options = {}) {
  const sourceLang = options.sourceLang ?? DEFAULTS.sourceLang
  const targetLang = options.targetLang ?? DEFAULTS.targetLang
  const formality = options.formality ?? DEFAULTS.formality
  return function (_tree: unknown, file: VFile): undefined {
    for (const segment of tandemData(file, 'keySegments').segments) {
      const entries = new Map(segment.matches.map((match) => [match.de, {de: match.de, en: match.en}]))
      segment.key = memoryKey({source: segment.source, glossary: [...entries.values()], sourceLang, targetLang, formality})
    }
  }
}
