import type {Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {VFile} from 'vfile'
import {Document} from 'yaml'
import {detailsLabelByGerman} from '../i18n/index.ts'
import {de} from '../i18n/resources.ts'
import {markdownStyle} from '../core/markdown-options.ts'
import {DEFAULTS} from '../core/defaults.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {isValidSlug, slugify} from './slugify.ts'
import {findInvalidUtf8} from '../core/utf8.ts'

export {isValidSlug, slugify} from './slugify.ts'

export interface ImportOptions {
  /**
   * Slug of the article (`content/de/<slug>.md`); lowercase ASCII letters, digits and hyphens.
   * Default: `slugify(title)`.
   */
  slug?: string
  /** File name recorded as `source` in the front matter. Default: `file.basename`. */
  sourceName?: string
  /** The article's date, `YYYY-MM-DD`, recorded as `date`: the reader's index and feed are ordered by it. Default: none. */
  date?: string
  /** Who wrote the article, recorded as `author`: the feed's entry author. Default: none. */
  author?: string
  /** Where the article was published (an http or https address), recorded as `sourceUrl`. Default: none. */
  sourceUrl?: string
}

export interface ImportedArticle {
  /** The slug: `options.slug`, or the one made from the title. */
  slug: string
  /** German Markdown with YAML front matter (`title`, `date`, `author`, `lang`, `source`, `sourceUrl`), ending in a newline. */
  markdown: string
}

/** One line of the input, without its line ending, trailing and leading whitespace. */
interface Line {
  text: string
  /** 1-based line in the original file. */
  line: number
  /** 1-based column of `text` in the original line. */
  column: number
}

/** Lines between blank lines. */
type Block = Line[]

/** A line ends a sentence: . ! ? : ; , … possibly followed by closing quotes or brackets. */
const endPunctuation = /[.!?:;,…]["'“”‘’»«›‹)\]]*$/u

/** Bare web addresses in text; they become links so that the reader does not see escaped `https\://`. */
const urlPattern = /\bhttps?:\/\/[^\s<>"„“”»«]+/giu

/** Characters that end a sentence rather than a URL. */
const urlTrailing = /[.,;:!?'’)\]]$/u

/** Known German Details labels, longest first, so that a label that starts another one does not win. */
const detailsLabels = [...detailsLabelByGerman.keys()].sort((a, b) => b.length - a.length)

const processor = unified()
  .use(remarkFrontmatter)
  .use(remarkGfm)
  .use(remarkStringify, markdownStyle)
  .freeze()

/**
 * Turn a plain-text article into German Markdown.
 *
 * The format: the title on line 1; paragraphs separated by blank lines;
 * section headings as short stand-alone lines without end punctuation;
 * a closing `Details` line followed by label–value lines (`Vorfall Terrorismus`).
 *
 * Problems with the content are reported on `file`: warnings with `file.message`,
 * and fatal ones with `file.fail`, which throws the `VFileMessage`
 * (also kept in `file.messages`). Places are line:column in the original file.
 */
export function importPlainText(file: VFile, options: ImportOptions = {}): ImportedArticle {
  const text = decode(file)

  if (text.trim() === '') {
    throw fileMessage(file, 'error', phrase('messages.empty-file.import', 'Cannot import an empty file; expected the title on line 1'), {line: 1, column: 1})
  }

  const blocks = toBlocks(text)
  const titleBlock = blocks.shift()
  const titleLine = titleBlock?.shift()
  // `text` is not blank, so there is at least one block with one line.
  if (!titleBlock || !titleLine) throw new Error('unreachable: a non-blank file without lines')

  if (titleBlock.length > 0) {
    const next = titleBlock[0]
    const reason = phrase('messages.title-not-separated', 'Unexpected text right after the title; expected a blank line after line 1')
    fileMessage(file, 'warning', reason, next ? {line: next.line, column: next.column} : undefined)
    blocks.unshift(titleBlock)
  }

  const title = titleLine.text
  const slug = resolveSlug(file, title, titleLine, options.slug)
  checkFacts(file, options)

  const frontMatter: Record<string, string> = {title}
  if (options.date !== undefined) frontMatter.date = options.date
  if (options.author !== undefined) frontMatter.author = options.author.trim()
  frontMatter.lang = DEFAULTS.sourceLang
  const sourceName = options.sourceName ?? file.basename
  if (sourceName !== undefined) frontMatter.source = sourceName
  if (options.sourceUrl !== undefined) frontMatter.sourceUrl = options.sourceUrl

  const tree: Root = {
    type: 'root',
    children: [
      {type: 'yaml', value: new Document(frontMatter).toString({lineWidth: 0}).trimEnd()},
      ...toBody(file, blocks)
    ]
  }

  return {slug, markdown: processor.stringify(tree)}
}

/** The file's text: UTF-8 checked, BOM removed. */
function decode(file: VFile): string {
  const value: unknown = file.value
  let text: string

  if (value === undefined || value === null) {
    text = ''
  } else if (typeof value === 'string') {
    text = value
  } else if (value instanceof Uint8Array) {
    const offset = findInvalidUtf8(value)
    if (offset !== -1) {
      const before = lines(stripBom(new TextDecoder('utf-8', {ignoreBOM: true}).decode(value.subarray(0, offset))))
      const line = before.length
      const column = (before.at(-1) ?? '').length + 1
      const byte = (value[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')
      const reason = phrase(
        'messages.invalid-utf8.import',
        'Cannot import invalid UTF-8: unexpected byte `0x{{byte}}` at line {{line}}, column {{column}} (byte offset {{offset}}); save the file as UTF-8 (is it Latin-1 or Windows-1252?)',
        {byte, line, column, offset}
      )
      throw fileMessage(file, 'error', reason, {line, column})
    }
    text = new TextDecoder('utf-8', {ignoreBOM: true}).decode(value)
  } else {
    throw new TypeError('Expected `file.value` to be a string or a Uint8Array')
  }

  const withoutBom = stripBom(text)
  if (withoutBom !== text) {
    fileMessage(file, 'info', phrase('messages.bom-removed', 'Removed the UTF-8 byte order mark'), {line: 1, column: 1})
  }

  return withoutBom
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/** Split on LF, CRLF and lone CR, so that line numbers match any editor's. */
function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

/** Group the non-blank lines into blocks; whitespace around each line is dropped. */
function toBlocks(text: string): Block[] {
  const blocks: Block[] = []
  let current: Block = []

  for (const [index, raw] of lines(text).entries()) {
    const trimmed = raw.trim()
    if (trimmed === '') {
      if (current.length > 0) blocks.push(current)
      current = []
      continue
    }
    current.push({text: trimmed, line: index + 1, column: raw.length - raw.trimStart().length + 1})
  }

  if (current.length > 0) blocks.push(current)
  return blocks
}

function resolveSlug(file: VFile, title: string, titleLine: Line, explicit: string | undefined): string {
  if (explicit !== undefined) {
    if (!isValidSlug(explicit)) {
      const reason = phrase('messages.invalid-slug', 'Unexpected slug `{{slug}}`; expected lowercase ASCII letters and digits joined by single hyphens, such as `{{example}}`', {
        slug: explicit,
        example: slugify(explicit) || 'mein-artikel'
      })
      throw fileMessage(file, 'error', reason)
    }
    return explicit
  }

  const slug = slugify(title)
  if (slug === '') {
    const reason = phrase('messages.empty-slug', 'Cannot make a slug from the title `{{title}}`; pass one explicitly', {title})
    throw fileMessage(file, 'error', reason, {line: titleLine.line, column: titleLine.column})
  }
  return slug
}

/** `date`, `author` and `sourceUrl` as the front matter and the reader need them; the article's text has no place for them. */
function checkFacts(file: VFile, options: ImportOptions): void {
  if (options.date !== undefined && !isCalendarDate(options.date)) {
    throw fileMessage(file, 'error', phrase('messages.invalid-date', 'Unexpected date `{{date}}`; expected a calendar date as `YYYY-MM-DD`, such as `2026-11-30`', {date: options.date}))
  }
  if (options.author !== undefined && options.author.trim() === '') {
    throw fileMessage(file, 'error', phrase('messages.empty-author', 'Unexpected empty author; pass a name, or leave `--author` out'))
  }
  if (options.sourceUrl !== undefined && !isWebAddress(options.sourceUrl)) {
    const reason = phrase('messages.invalid-source-url', 'Unexpected source URL `{{url}}`; expected an absolute http or https address, such as `https://example.org/artikel`', {
      url: options.sourceUrl
    })
    throw fileMessage(file, 'error', reason)
  }
}

/** `2026-11-30`, and a day that exists (no `2026-02-30`). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

function toBody(file: VFile, blocks: Block[]): RootContent[] {
  const nodes: RootContent[] = []

  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] ?? []
    const [first, ...rest] = block
    if (!first) continue

    if (first.text === de.details.heading) {
      // `Details` with its label lines right below, or alone followed by a block of label lines.
      let detailLines: Line[] | undefined
      if (rest.length > 0) detailLines = rest
      else {
        const next = blocks[index + 1]
        if (next?.[0] && parseDetailsLine(next[0].text)) {
          detailLines = next
          index++
        }
      }

      if (detailLines) {
        nodes.push(heading(de.details.heading), detailsList(file, detailLines))
        continue
      }
    }

    if (rest.length === 0 && isHeadingLike(first.text)) {
      nodes.push(heading(first.text))
      continue
    }

    const paragraph: Paragraph = {type: 'paragraph', children: phrasing(block.map((line) => line.text).join(' '))}
    nodes.push(paragraph)
  }

  return nodes
}

/** A short line without end punctuation (a question or a sentence stays a paragraph). */
function isHeadingLike(text: string): boolean {
  return (
    [...text].length <= DEFAULTS.import.maxHeadingLength &&
    text.split(/\s+/).length <= DEFAULTS.import.maxHeadingWords &&
    !endPunctuation.test(text)
  )
}

function heading(text: string): Heading {
  return {type: 'heading', depth: 2, children: phrasing(text)}
}

function detailsList(file: VFile, detailLines: Line[]): List {
  const items: ListItem[] = detailLines.map((line) => {
    const parsed = parseDetailsLine(line.text)
    let children: PhrasingContent[]

    if (parsed) {
      children = [{type: 'strong', children: [{type: 'text', value: `${parsed.label}:`}]}]
      if (parsed.value !== '') children.push(...phrasing(` ${parsed.value}`))
    } else {
      const word = line.text.split(/[\s:]/, 1)[0] ?? line.text
      const reason = phrase('messages.unknown-details-label', 'Unexpected Details label `{{word}}`; expected one of {{labels}}', {
        word,
        labels: detailsLabels.map((label) => `\`${label}\``).join(', ')
      })
      fileMessage(file, 'warning', reason, {start: {line: line.line, column: line.column}, end: {line: line.line, column: line.column + word.length}})
      children = phrasing(line.text)
    }

    return {type: 'listItem', spread: false, children: [{type: 'paragraph', children}]}
  })

  return {type: 'list', ordered: false, spread: false, children: items}
}

/**
 * `Vorfall Terrorismus`, `Vorfall: Terrorismus`, `Vorfall\tTerrorismus`, `Quellen` → label and value.
 * The label is matched case-insensitively and returned as the vocabulary spells it.
 */
function parseDetailsLine(text: string): {label: string; value: string} | undefined {
  for (const label of detailsLabels) {
    if (text.slice(0, label.length).toLowerCase() !== label.toLowerCase()) continue
    const rest = text.slice(label.length)
    if (rest !== '' && !/^[\s:]/.test(rest)) continue
    return {label, value: rest.replace(/^\s*:?\s*/, '')}
  }

  return undefined
}

/** Text nodes, with bare http(s) addresses as links. */
function phrasing(text: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  let last = 0

  for (const match of text.matchAll(urlPattern)) {
    let url = match[0]
    while (urlTrailing.test(url) && !(url.endsWith(')') && balanced(url))) url = url.slice(0, -1)
    if (!/^https?:\/\/[^/?#]/i.test(url)) continue

    const start = match.index
    if (start > last) nodes.push({type: 'text', value: text.slice(last, start)})
    nodes.push({type: 'link', url, children: [{type: 'text', value: url}]})
    last = start + url.length
  }

  if (last < text.length) nodes.push({type: 'text', value: text.slice(last)})
  return nodes
}

/** Whether the parentheses in a URL are balanced (so a final `)` belongs to it, as in Wikipedia links). */
function balanced(url: string): boolean {
  let depth = 0
  for (const character of url) {
    if (character === '(') depth++
    else if (character === ')') depth--
  }
  return depth === 0
}
