import {englishText, phrase, type Phrase} from '../core/phrase.ts'

/**
 * Where a line of JSON goes wrong, for messages at line:column. `JSON.parse` says so only in
 * some of its messages, and in wording that changes between Node versions.
 */
export interface JsonSyntaxError {
  /** 0-based offset in the text (UTF-16 code units, as vfile columns count). */
  offset: number
  reason: Phrase
}

export interface JsonScan {
  error?: JsonSyntaxError
  /** Offset of each top-level member's value, to point at a field of the wrong type. */
  members: Map<string, number>
}

const maxDepth = 512

/** Scan `text` as strict JSON (RFC 8259); the first error, and the places of the top-level members. */
export function scanJson(text: string): JsonScan {
  const members = new Map<string, number>()
  let index = 0

  class Stop extends Error {
    constructor(readonly at: number, readonly reason: Phrase) {
      super(englishText(reason))
    }
  }
  // A reason of `undefined`: the text ends where a string was going on.
  const stop = (reason: Phrase | undefined, at = index): never => {
    throw new Stop(at, at >= text.length || !reason ? phrase('reasons.json.endsInside', 'the line ends inside the record') : reason)
  }
  const space = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index++
  }
  const expectColon = () => {
    space()
    if (text[index] !== ':') stop(phrase('reasons.json.colon', 'expected `:` after the field name'))
    index++
  }

  const string = (): string => {
    const start = index
    index++
    for (;;) {
      const character = text[index]
      if (character === undefined) return stop(undefined)
      if (character === '"') break
      if (character < ' ') stop(phrase('reasons.json.control', 'a control character inside a string; escape it'))
      if (character === '\\') {
        const escape = text[index + 1]
        if (escape === undefined) stop(undefined)
        else if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) stop(phrase('reasons.json.unicode', '`\\u` needs four hex digits'), index + 2)
          index += 4
        } else if (!'"\\/bfnrt'.includes(escape)) stop(phrase('reasons.json.escape', '`\\{{escape}}` is not a JSON escape', {escape}))
        index += 2
        continue
      }
      index++
    }
    index++
    return JSON.parse(text.slice(start, index)) as string
  }

  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index))
    if (!match) stop(phrase('reasons.json.value', 'expected a value'))
    index += match?.[0].length ?? 0
    if (/[0-9.eE+-]/.test(text[index] ?? '')) stop(phrase('reasons.json.number', 'not a JSON number'))
  }

  const value = (depth: number) => {
    if (depth > maxDepth) stop(phrase('reasons.json.deep', 'nested too deep'))
    space()
    const character = text[index]
    if (character === '{') {
      index++
      space()
      if (text[index] === '}') {
        index++
        return
      }
      for (;;) {
        space()
        if (text[index] !== '"') stop(phrase('reasons.json.name', 'expected a field name in double quotes'))
        const name = string()
        expectColon()
        space()
        if (depth === 0 && !members.has(name)) members.set(name, index)
        value(depth + 1)
        space()
        if (text[index] === ',') {
          index++
          continue
        }
        if (text[index] === '}') {
          index++
          return
        }
        stop(phrase('reasons.json.object', 'expected `,` or `}`'))
      }
    }
    if (character === '[') {
      index++
      space()
      if (text[index] === ']') {
        index++
        return
      }
      for (;;) {
        value(depth + 1)
        space()
        if (text[index] === ',') {
          index++
          continue
        }
        if (text[index] === ']') {
          index++
          return
        }
        stop(phrase('reasons.json.array', 'expected `,` or `]`'))
      }
    }
    if (character === '"') {
      string()
      return
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, index)) {
        index += word.length
        return
      }
    }
    if (character === '-' || (character !== undefined && character >= '0' && character <= '9')) {
      number()
      return
    }
    stop(phrase('reasons.json.value', 'expected a value'))
  }

  try {
    value(0)
    space()
    if (index < text.length) stop(phrase('reasons.json.after', 'unexpected text after the record'))
  } catch (error) {
    if (!(error instanceof Stop)) throw error
    return {error: {offset: Math.min(error.at, text.length), reason: error.reason}, members}
  }
  return {members}
}
