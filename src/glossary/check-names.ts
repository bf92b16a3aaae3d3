import type {VFile} from 'vfile'
import {taggedToPlain} from '../core/tagged-text.ts'
import type {SegmentNameMatch} from '../core/types.ts'
import {tandemData} from '../core/data.ts'
import {fileMessage, phrase} from '../core/phrase.ts'

export interface Options {
  /** Report violations as errors instead of warnings (default: false). */
  strict?: boolean
}

/**
 * Glossary QA on every translated segment, fresh or from the memory: each matched name's English
 * form must be in the English text (a possessive counts), and its German form must not be.
 */
export default function checkNames(options: Options = {}) {
  return function (_tree: unknown, file: VFile): undefined {
    for (const segment of tandemData(file).segments) {
      if (segment.target === undefined || segment.matches.length === 0) continue
      const english = taggedToPlain(segment.target)
      const reported = new Set<string>()
      for (const match of segment.matches) {
        if (reported.has(match.de)) continue
        reported.add(match.de)
        const place = match.position
        const problems = nameProblems(english, match)
        if (problems.missing) {
          const reason = phrase('messages.glossary-missing-name', '"{{text}}" should read "{{english}}" in the English text', {text: match.text, english: match.english})
          fileMessage(file, options.strict ? 'error' : 'warning', reason, place)
        }
        if (problems.german) {
          const reason = phrase('messages.glossary-german-name', 'the German "{{de}}" is still in the English text; it should read "{{en}}"', {de: match.de, en: match.en})
          fileMessage(file, options.strict ? 'error' : 'warning', reason, place)
        }
      }
    }
  }
}

/**
 * The glossary's rule for one name in an English text: its English form present (a plural, `Houthis`,
 * counts), its German form gone.
 */
export function nameProblems(english: string, match: Pick<SegmentNameMatch, 'de' | 'en'> & {english?: string}): {missing: boolean; german: boolean} {
  const plural = match.english !== undefined && match.english !== match.en && !/’s?$/.test(match.english) ? match.english : undefined
  return {
    missing: !containsName(english, match.en) && !(plural !== undefined && containsName(english, plural)),
    german: !match.en.includes(match.de) && containsName(english, match.de, {genitive: true})
  }
}

const wordCharacter = /[\p{L}\p{M}\p{N}]/u

/**
 * `name` as a whole word; what follows may be a possessive (`Zelensky's`, `Zelensky’s`),
 * and with `genitive`, a German `-s` too (`Selenskyjs` left in an English text).
 */
export function containsName(text: string, name: string, options: {genitive?: boolean} = {}): boolean {
  let from = 0
  for (;;) {
    const index = text.indexOf(name, from)
    if (index === -1) return false
    const before = text[index - 1]
    let end = index + name.length
    if (options.genitive && text[end] === 's') end++
    const after = text[end]
    if (!(before && wordCharacter.test(before)) && !(after && wordCharacter.test(after))) return true
    from = index + 1
  }
}
