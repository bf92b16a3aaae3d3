import type {VFile} from 'vfile'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {taggedToPlain} from '../core/tagged-text.ts'

export interface Options {
  /** Path of the memory file, named in the hint. */
  memoryPath: string
  /** The environment variable that lets the provider translate, named in the hint (default: `DEEPL_AUTH_KEY`). */
  keyVariable?: string
}

export class MissingTranslationsError extends Error {
  override readonly name = 'MissingTranslationsError'
}

/** A missing translation is never silent: one error per segment, and the file is not written. */
export default function requireTranslations(options: Options) {
  return function (_tree: unknown, file: VFile): undefined {
    const missing = tandemData(file).segments.filter((segment) => segment.target === undefined)
    for (const segment of missing) {
      const reason = phrase('messages.no-translation', 'no translation for "{{text}}"; set {{variable}} or add it to {{memory}}', {
        text: excerpt(segment.source),
        variable: options.keyVariable ?? 'DEEPL_AUTH_KEY',
        memory: options.memoryPath
      })
      fileMessage(file, 'error', reason, segment.position)
    }
    if (missing.length > 0) throw new MissingTranslationsError(`${missing.length} segments have no translation`)
  }
}

/** The first few words of a segment, without tags, for a one-line message. */
export function excerpt(tagged: string, words = 3): string {
  const parts = taggedToPlain(tagged).split(/\s+/).filter(Boolean)
  return parts.length > words ? `${parts.slice(0, words).join(' ')}…` : parts.join(' ')
}
