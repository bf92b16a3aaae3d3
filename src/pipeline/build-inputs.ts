import {sha256} from '../core/hash.ts'
import {recordId} from '../core/key.ts'
import {packageVersion} from '../core/version.ts'
import type {TranslationMemory} from '../memory/translation-memory.ts'
import type {Project} from './project.ts'

export interface InputsOf {
  /** sha256 of the German text as read (`file.data.tandem.sourceHash`). */
  german: string
  /** The memory keys of its segments, in order ('' for controlled vocabulary). */
  keys: readonly string[]
  /** The side-by-side view as written. */
  parallel: string
  /** The reader's interface language, when the build writes the reader. */
  ui?: string
}

/**
 * What an article's outputs depend on, as one hash (issue 15's no-change rebuild): the German, the glossary,
 * tandem's version, the settings that shape outputs, the memory record each segment used, the side-by-side view and the reader's language. Keyed
 * by content, not timestamps, so it survives `git checkout` and a fresh clone. The English edition itself is
 * checked apart: it must be byte for byte what tandem recorded (no post-edit).
 */
export function buildInputs(project: Project, memory: TranslationMemory, of: InputsOf): string {
  const records = of.keys.map((key) => {
    const record = key === '' ? undefined : memory.get(key)
    return record ? recordId(record) : ''
  })
  return sha256(JSON.stringify([packageVersion(), of.german, project.glossaryHash, outputSettings(project), sha256(of.parallel), records, of.ui ?? '']))
}

/** The settings an article's outputs depend on (not, say, the concurrency or the price). */
function outputSettings(project: Project): unknown[] {
  const {sourceLang, targetLang, formality, frontmatterFields, targetDir, parallelDir, siteDir, siteUrl} = project.settings
  return [sourceLang, targetLang, formality, frontmatterFields, targetDir, parallelDir, siteDir, siteUrl]
}
