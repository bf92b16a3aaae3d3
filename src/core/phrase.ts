import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/** Values of a phrase's `{{name}}` placeholders: text and numbers, or phrases of their own (said in the same language). */
export type PhraseParams = Readonly<Record<string, string | number | Phrase>>

/**
 * A sentence tandem says, in a form the CLI can say in the user's language (`--ui`): `key` is its i18next resource
 * (src/i18n/), `english` its English with a `{{name}}` for each of `params`, exactly as the `en` resource has it
 * (test/i18n.test.ts compares every `phrase(…)` in src/ with the resources). Stages stay language-free: they say
 * the English (`englishText`) in `reason`s and error messages, and keep the phrase beside it for the CLI.
 */
export interface Phrase {
  readonly key: string
  readonly english: string
  readonly params: PhraseParams
}

/** A phrase; `key` and `english` are literals, so that a test can read them from the source. */
export function phrase(key: string, english: string, params: PhraseParams = {}): Phrase {
  return {key, english, params}
}

/** The phrase in English, placeholders filled (nested phrases too) as i18next fills them; an unknown one stays as it is. */
export function englishText(said: Phrase): string {
  return said.english.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = said.params[name]
    return value === undefined ? whole : typeof value === 'object' ? englishText(value) : String(value)
  })
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** What a message of tandem's says, as a phrase: `reason` is its English; the CLI says it in the user's language. */
    phrase?: Phrase
  }
}

/** `fatal: true`, `false` and unset, as vfile and vfile-reporter name them. */
export type Severity = 'error' | 'warning' | 'info'

/**
 * The one way tandem reports on a file: a message with `source: 'tandem'`, whose rule id is the second part of
 * the phrase's key (`messages.<ruleId>`, or `messages.<ruleId>.<variant>` where one rule has several reasons),
 * whose `reason` is the phrase in English, and which keeps the phrase (`message.phrase`) for the CLI.
 * An error is what `file.fail` makes: throw the returned message where `file.fail` would throw.
 */
export function fileMessage(file: VFile, severity: Severity, said: Phrase, place?: Point | Position): VFileMessage {
  const [section, ruleId] = said.key.split('.')
  if (section !== 'messages' || !ruleId) throw new TypeError(`a message's phrase is keyed \`messages.<ruleId>\`, not \`${said.key}\``)
  const message = file.message(englishText(said), {...(place ? {place} : {}), ruleId, source: 'tandem'})
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined
  message.phrase = said
  return message
}
