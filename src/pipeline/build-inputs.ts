import {sha256} from '../core/hash.ts'
import {memoryKey, recordId} from '../core/key.ts'
import type {GlossaryEntry} from '../core/types.ts'
import {packageVersion} from '../core/version.ts'
import {entriesInTaggedText, glossaryFingerprint} from '../glossary/glossary-fingerprint.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import type {WrittenState} from '../memory/written-state.ts'
import type {Project} from './project.ts'

export interface InputsOf {
  /** sha256 of the German text as read (`file.data.tandem.sourceHash`). */
  german: string
  /** `glossaryFingerprint()` of the glossary entries matched in it: a glossary change that touches none of them is no change. */
  glossary: string
  /** The memory keys of its segments, in order ('' for controlled vocabulary). */
  keys: readonly string[]
  /** The side-by-side view as written. */
  parallel: string
  /** The reader's interface language, when the build writes the reader. */
  ui?: string
}

/**
 * What an article's outputs depend on, as one hash (issue 15's no-change rebuild): the German, the glossary entries matched in it,
 * tandem's version, the settings that shape outputs, the memory record each segment used, the side-by-side view and the reader's language. Keyed
 * by content, not timestamps, so it survives `git checkout` and a fresh clone. The English edition itself is
 * checked apart: it must be byte for byte what tandem recorded (no post-edit).
 */
export function buildInputs(project: Project, memory: TranslationMemory, of: InputsOf): string {
  const records = of.keys.map((key) => {
    const record = key === '' ? undefined : memory.get(key)
    return record ? recordId(record) : ''
  })
  return sha256(JSON.stringify([packageVersion(), of.german, of.glossary, outputSettings(project), sha256(of.parallel), records, of.ui ?? '']))
}

/** The settings an article's outputs depend on (not, say, the concurrency or the price). */
function outputSettings(project: Project): unknown[] {
  const {sourceLang, targetLang, formality, frontmatterFields, targetDir, parallelDir, siteDir, siteUrl} = project.settings
  return [sourceLang, targetLang, formality, frontmatterFields, targetDir, parallelDir, siteDir, siteUrl]
}

/**
 * The fingerprint of the glossary entries an article matches, for the check before it is parsed: as recorded while the
 * names file is the one it was built with; otherwise found again, by matching the current glossary in the sources of
 * the memory records its segments used. Undefined when the glossary now changes a segment's key (it touches the
 * article) or a record is gone: the article must then be built.
 */
export function matchedGlossary(project: Project, memory: TranslationMemory, state: WrittenState): string | undefined {
  if (!state.glossary) return undefined
  if (state.glossary.file === project.glossaryHash) return state.glossary.matched
  if (project.glossaryBroken) return undefined
  const {sourceLang, targetLang, formality} = project.settings
  const entries: GlossaryEntry[] = []
  for (const segment of state.segments) {
    if (segment.key === '') continue
    const record = memory.get(segment.key)
    if (!record) return undefined
    const found = entriesInTaggedText(project.matcher, record.source)
    const keyed = new Map(found.map((entry) => [entry.de, {de: entry.de, en: entry.en}]))
    if (memoryKey({source: record.source, glossary: [...keyed.values()], sourceLang, targetLang, formality}) !== segment.key) return undefined
    entries.push(...found)
  }
  return glossaryFingerprint(entries)
}
