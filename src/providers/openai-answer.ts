import {phrase, type Phrase} from '../core/phrase.ts'
/**
 * Reading an LLM's answer to tandem's request contract, `{"translations": [{"id": "…", "text": "…"}]}`, as models
 * really send it: in a code fence, with prose before or after, with numbers for ids, or as a bare list.
 * Nothing here trusts the order of the items: `matchAnswer` goes by id.
 */

export interface AnswerItem {
  id: string
  text: string
}

export type ParsedAnswer = {items: AnswerItem[]} | {error: Phrase}

/** The translations in `content`, or why there are none. */
export function parseAnswer(content: string): ParsedAnswer {
  const candidates = [content.trim(), ...fencedBlocks(content), ...jsonValues(content)]
  let error = phrase('reasons.answer.noJson', 'no JSON object with `translations` in the answer')
  for (const candidate of candidates) {
    let value: unknown
    try {
      value = JSON.parse(candidate)
    } catch {
      continue
    }
    const items = translationsOf(value)
    if (Array.isArray(items)) return {items}
    error = items.error
  }
  return {error}
}

/** `{translations: [...]}`, or a bare list of items, as items; anything else is an error. */
function translationsOf(value: unknown): AnswerItem[] | {error: Phrase} {
  const list = Array.isArray(value) ? value : isRecord(value) ? value.translations : undefined
  if (!Array.isArray(list)) return {error: phrase('reasons.answer.noList', 'the answer has no `translations` list')}
  const items: AnswerItem[] = []
  for (const item of list) {
    if (!isRecord(item)) return {error: phrase('reasons.answer.notObject', 'an item of `translations` is not an object')}
    const {id, text} = item
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') {
      return {error: phrase('reasons.answer.noIdOrText', 'an item of `translations` lacks a string `id` or `text`')}
    }
    items.push({id: String(id), text})
  }
  return items
}

/** What a fenced code block (```json … ```) holds, each one. */
function fencedBlocks(content: string): string[] {
  return [...content.matchAll(/```[\w-]*[^\S\n]*\n?([\s\S]*?)```/g)].map((match) => (match[1] ?? '').trim())
}

/**
 * Every balanced `{…}` or `[…]` in `content`, outermost first, strings respected: the JSON among prose.
 * A scan, not a regular expression: braces nest, and `}` inside a string does not close anything.
 */
function jsonValues(content: string): string[] {
  const values: string[] = []
  for (let start = 0; start < content.length; start++) {
    const open = content.charAt(start)
    if (open !== '{' && open !== '[') continue
    const end = closingIndex(content, start)
    if (end === undefined) continue
    values.push(content.slice(start, end + 1))
    // An object found is not searched again for smaller ones: the first that parses is what counts.
    start = end
  }
  return values
}

function closingIndex(content: string, start: number): number | undefined {
  const stack: string[] = []
  let inString = false
  for (let index = start; index < content.length; index++) {
    const char = content.charAt(index)
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') inString = true
    else if (char === '{') stack.push('}')
    else if (char === '[') stack.push(']')
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return undefined
      if (stack.length === 0) return index
    }
  }
  return undefined
}

export type MatchedAnswer = {texts: Map<string, string>} | {error: Phrase}

/**
 * The answer's text for each asked id, or an error when the ids are not exactly the ones asked, each once:
 * a dropped, doubled or invented id means the model merged or split texts, so none of its items is trusted.
 */
export function matchAnswer(items: readonly AnswerItem[], ids: readonly string[]): MatchedAnswer {
  const asked = new Set(ids)
  const texts = new Map<string, string>()
  for (const item of items) {
    if (!asked.has(item.id)) return {error: phrase('reasons.answer.unasked', 'the answer has an id that was not asked for, `{{id}}`', {id: item.id})}
    if (texts.has(item.id)) return {error: phrase('reasons.answer.twice', 'the answer has id `{{id}}` twice', {id: item.id})}
    texts.set(item.id, item.text)
  }
  const missing = ids.filter((id) => !texts.has(id))
  if (missing.length > 0) {
    const list = missing.map((id) => `\`${id}\``).join(', ')
    return {
      error: missing.length === 1 ? phrase('reasons.answer.lacksOne', 'the answer lacks id {{ids}}', {ids: list}) : phrase('reasons.answer.lacksMany', 'the answer lacks ids {{ids}}', {ids: list})
    }
  }
  return {texts}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
