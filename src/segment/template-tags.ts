import type {Html, PhrasingContent} from 'mdast'
import type {CompileContext, Extension as FromMarkdownExtension, Token} from 'mdast-util-from-markdown'
import type {Options as ToMarkdownOptions} from 'mdast-util-to-markdown'
import type {Code, Construct, Effects, Extension, State} from 'micromark-util-types'
import type {Processor} from 'unified'

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    templateTag: 'templateTag'
    templateTagData: 'templateTagData'
  }
}

const leftBrace = 123
const rightBrace = 125
const percent = 37

/**
 * `{% … %}` and `{{ … }}` (Liquid, Jekyll, Hugo, Jinja) in running text. Template engines run
 * before Markdown, so a tag is taken whole, escapes and all, and may span lines of its paragraph.
 */
const templateTagConstruct: Construct = {name: 'templateTag', tokenize: tokenizeTemplateTag}

function tokenizeTemplateTag(effects: Effects, ok: State, nok: State): State {
  // `%` for `{% … %}`, `}` for `{{ … }}`: the character before the final `}`.
  let last: number = percent
  return start

  function start(code: Code): State | undefined {
    effects.enter('templateTag')
    effects.enter('templateTagData')
    effects.consume(code)
    return open
  }

  function open(code: Code): State | undefined {
    if (code !== percent && code !== leftBrace) return nok(code)
    last = code === percent ? percent : rightBrace
    effects.consume(code)
    return inside
  }

  function inside(code: Code): State | undefined {
    if (code === null) return nok(code)
    // A line ending is a token of its own, as in inline HTML: consumed as data, it breaks micromark's
    // subtokenizer where the paragraph's lines are chunks (`{{ <a\nb> }}`; found by test/fuzz.test.ts).
    if (isLineEnding(code)) {
      effects.exit('templateTagData')
      return lineEnding(code)
    }
    effects.consume(code)
    return code === last ? closing : inside
  }

  function lineEnding(code: Code): State | undefined {
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return lineStart
  }

  function lineStart(code: Code): State | undefined {
    if (code === null) return nok(code)
    if (isLineEnding(code)) return lineEnding(code)
    effects.enter('templateTagData')
    return inside(code)
  }

  function closing(code: Code): State | undefined {
    if (code !== rightBrace) return inside(code)
    effects.consume(code)
    effects.exit('templateTagData')
    effects.exit('templateTag')
    return ok
  }
}

/** micromark's codes for CR, LF and CRLF are -5, -4 and -3. */
function isLineEnding(code: Code): boolean {
  return code !== null && code < -2
}

export const templateTagSyntax: Extension = {text: {[leftBrace]: templateTagConstruct}}

/** A template tag becomes raw inline HTML: written back byte for byte, and never translated. */
export const templateTagFromMarkdown: FromMarkdownExtension = {
  enter: {
    templateTag(this: CompileContext, token: Token) {
      const node: Html = {type: 'html', value: this.sliceSerialize(token), data: {templateTag: true}}
      this.enter(node, token)
    }
  },
  exit: {
    templateTag(this: CompileContext, token: Token) {
      this.exit(token)
    }
  }
}

declare module 'mdast' {
  interface HtmlData {
    /** Set on inline HTML that is a template tag (`{% … %}`, `{{ … }}`). */
    templateTag?: boolean
  }
}

/**
 * Text that reads `{{` or `{%` (the German had `\{{`) is written with the `{` escaped, or it would come back
 * a template tag, kept untranslated (found by test/fuzz.test.ts). Not in URLs, titles and alt texts: those are
 * plain strings, in which a tag is always a tag (`splitTemplateTags`).
 */
export const templateTagToMarkdown: ToMarkdownOptions = {
  unsafe: [
    {
      character: '{',
      after: '[{%]',
      inConstruct: 'phrasing',
      notInConstruct: ['image', 'destinationLiteral', 'destinationRaw', 'titleQuote', 'titleApostrophe']
    }
  ]
}

/** remark plugin: parse template tags as untranslatable inline HTML. */
export default function remarkTemplateTags(this: Processor): undefined {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(templateTagSyntax)
  ;(data.fromMarkdownExtensions ??= []).push(templateTagFromMarkdown)
  ;(data.toMarkdownExtensions ??= []).push(templateTagToMarkdown)
}

const templateTagPattern = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g

/**
 * A plain string (a front-matter field, an alt text, a title) as text and template tags, so that
 * its tags are placeholders too: strings are not parsed as Markdown, so the syntax above never sees them.
 */
export function splitTemplateTags(value: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  let last = 0
  for (const match of value.matchAll(templateTagPattern)) {
    if (match.index > last) nodes.push({type: 'text', value: value.slice(last, match.index)})
    nodes.push({type: 'html', value: match[0], data: {templateTag: true}})
    last = match.index + match[0].length
  }
  if (last < value.length) nodes.push({type: 'text', value: value.slice(last)})
  return nodes
}
