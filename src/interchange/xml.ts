import type {Element, ElementContent, Nodes, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {findInvalidUtf8} from '../core/utf8.ts'
import type {SourcePoint} from '../core/types.ts'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'

/** A fatal message on `file`: everything wrong with an interchange file is an error, and nothing is imported from it. */
export function fail(file: VFile, reason: Phrase, place: SourcePoint | undefined): void {
  fileMessage(file, 'error', reason, place ?? {line: 1, column: 1})
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal)
}

/**
 * Parse the bytes of a TMX, XLIFF or TBX file. Invalid UTF-8, a byte order mark, CR line endings and
 * XML that is not well-formed are errors at their line and column; the tree is returned only without them.
 */
export function readXml(file: VFile, bytes: Uint8Array): Root | undefined {
  const invalid = findInvalidUtf8(bytes)
  if (invalid !== -1) {
    fail(file, phrase('messages.xml-encoding', 'not valid UTF-8 at byte {{byte}}; save the file as UTF-8', {byte: invalid}), pointAfter(Buffer.from(bytes.subarray(0, invalid)).toString('utf8')))
    return undefined
  }
  const text = Buffer.from(bytes).toString('utf8')
  file.value = text
  if (text.startsWith('\uFEFF')) {
    fail(file, phrase('messages.xml-bom', 'the file starts with a byte order mark; save it as UTF-8 without BOM'), {line: 1, column: 1})
  }
  const cr = text.indexOf('\r')
  if (cr !== -1) fail(file, phrase('messages.xml-line-ending', 'the file has CRLF (or CR) line endings; save it with LF line endings'), pointAfter(text.slice(0, cr)))
  if (hasErrors(file)) return undefined
  try {
    return fromXml(text)
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error
    // parse-xml's own reason, without the excerpt it appends after the first line.
    const reason = error.cause instanceof Error ? (error.cause.message.split('\n')[0] ?? '').replace(/ \(line \d+, column \d+\)$/, '') : error.reason
    fail(file, phrase('messages.xml-not-well-formed', 'not well-formed XML: {{reason}}', {reason}), error.place && 'line' in error.place ? error.place : undefined)
    return undefined
  }
}

/** Line and column (1-based) just after `text`. */
function pointAfter(text: string): SourcePoint {
  const lines = text.split('\n')
  return {line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1}
}

/** The element's local name, namespace prefix dropped (TBX v3 and XLIFF 2.0 files are often prefixed). */
export function localName(element: Element): string {
  return element.name.slice(element.name.indexOf(':') + 1)
}

export function childElements(parent: Root | Element, name?: string): Element[] {
  const found: Element[] = []
  for (const node of parent.children) if (node.type === 'element' && (name === undefined || localName(node) === name)) found.push(node)
  return found
}

export function childElement(parent: Root | Element, name: string): Element | undefined {
  return childElements(parent, name)[0]
}

/** Every descendant element of that name, in document order. */
export function descendants(parent: Root | Element, name: string): Element[] {
  const found: Element[] = []
  for (const child of childElements(parent)) {
    if (localName(child) === name) found.push(child)
    found.push(...descendants(child, name))
  }
  return found
}

export function attribute(element: Element, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = element.attributes[name]
    if (typeof value === 'string') return value
  }
  return undefined
}

/** `xml:lang`, or TMX 1.1's `lang`. */
export function languageOf(element: Element): string | undefined {
  return attribute(element, 'xml:lang', 'lang')
}

/** The text inside an element, markup dropped. */
export function textContent(node: Root | ElementContent): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value
  if (node.type === 'element' || node.type === 'root') return node.children.map((child) => textContent(child as ElementContent)).join('')
  return ''
}

export function placeOf(node: Nodes): SourcePoint | undefined {
  const start = node.position?.start
  return start ? {line: start.line, column: start.column} : undefined
}

/** A language tag `candidate` is `wanted`, or `wanted` without region, in any case (`DE-DE` is `de`). */
export function sameLanguage(candidate: string | undefined, wanted: string): boolean {
  if (!candidate) return false
  const a = candidate.toLowerCase().replace(/_/g, '-')
  const b = wanted.toLowerCase()
  return a === b || a.split('-')[0] === b.split('-')[0]
}

/** Serialize a tree with an XML declaration and a final newline. */
export function writeXml(tree: Root): string {
  return toXml(tree, {closeEmptyElements: true}) + '\n'
}

/**
 * Indentation as text nodes between element children, so that files diff and read well;
 * never inside mixed content (`seg`, `source`, `target`, `term`…), where white space is data.
 */
export function indent(element: Element, keep: ReadonlySet<string>, depth = 0): Element {
  if (keep.has(element.name) || element.children.every((child) => child.type !== 'element')) return element
  const pad = '\n' + '  '.repeat(depth + 1)
  const children: ElementContent[] = []
  for (const child of element.children) {
    children.push({type: 'text', value: pad}, child.type === 'element' ? indent(child, keep, depth + 1) : child)
  }
  children.push({type: 'text', value: '\n' + '  '.repeat(depth)})
  return {...element, children}
}
