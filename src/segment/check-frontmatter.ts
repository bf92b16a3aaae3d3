import type {Root, Yaml} from 'mdast'
import type {VFile} from 'vfile'
import {LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode} from 'yaml'
import {DEFAULTS} from '../core/defaults.ts'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'

export interface Options {
  /** Front-matter fields that are translated, and so must be strings (default: `DEFAULTS.frontmatterFields`). */
  frontmatterFields?: readonly string[]
}

/**
 * Front matter that tandem would get wrong is an error at its place, before anything of the file is sent:
 * YAML the `yaml` library cannot parse (at its own line and column), duplicate keys, front matter with no closing
 * `---`, a translated field that is not a string, and a file with nothing after it.
 * Otherwise the title would be sent and billed, then shipped in German in the English file.
 */
export default function checkFrontmatter(options: Options = {}) {
  const fields = new Set(options.frontmatterFields ?? DEFAULTS.frontmatterFields)
  return function (tree: Root, file: VFile): undefined {
    const [first, ...rest] = tree.children
    if (first?.type !== 'yaml') {
      // remark-frontmatter makes no node of front matter that is never closed: it would be translated as text.
      if (/^---[ \t]*\n[\w"'-][^\n]*:([ \t]|\n|$)/.test(String(file.value))) {
        throw fileMessage(file, 'error', phrase('messages.frontmatter-unclosed', 'the front matter has no closing `---`; add one after its last line'), {line: 1, column: 1})
      }
      return
    }
    checkYaml(first, file, fields)
    if (rest.length === 0) {
      const line = (first.position?.end.line ?? 1) + 1
      throw fileMessage(file, 'error', phrase('messages.empty-body', 'the file has front matter but no text after it'), {line, column: 1})
    }
  }
}

function checkYaml(node: Yaml, file: VFile, fields: ReadonlySet<string>) {
  const lineCounter = new LineCounter()
  const document = parseDocument(node.value, {lineCounter})
  // The YAML starts on the line after the opening `---`.
  const line = node.position?.start.line ?? 1
  const at = (offset: number) => {
    const place = lineCounter.linePos(offset)
    return {line: line + place.line, column: place.col}
  }
  const [error] = document.errors
  if (error) {
    const [start] = error.linePos ?? []
    const place = start ? {line: line + start.line, column: start.col} : at(error.pos[0])
    // The library's message ends with ` at line L, column C:` and an excerpt; the place is ours, in file lines.
    const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')
    // The reason is the yaml library's, in English.
    const said =
      error.code === 'DUPLICATE_KEY'
        ? phrase('messages.frontmatter-duplicate-key', 'the front matter is not valid YAML: {{reason}}', {reason})
        : phrase('messages.frontmatter-yaml', 'the front matter is not valid YAML: {{reason}}', {reason})
    throw fileMessage(file, 'error', said, place)
  }
  const contents = document.contents
  // Valid YAML that is no mapping has no field to translate: the English edition keeps it and says so (`englishEdition`).
  if (!isMap(contents)) return
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    const value = pair.value as YamlNode | null
    if (!key || !fields.has(key) || value === null) continue
    if (isScalar(value) && (typeof value.value === 'string' || value.value === null)) continue
    const said = isScalar(value)
      ? phrase('messages.frontmatter-not-a-string.scalar', '`{{key}}` must be a string, not a {{kind}}; quote it (`{{key}}: "{{value}}"`) to have it translated', {
          key,
          kind: scalarKind(value.value),
          value: String(value.value)
        })
      : phrase('messages.frontmatter-not-a-string.collection', '`{{key}}` must be a string, not a {{kind}}', {
          key,
          kind: isSeq(value) ? phrase('reasons.yamlKinds.list', 'list') : phrase('reasons.yamlKinds.mapping', 'mapping')
        })
    throw fileMessage(file, 'error', said, at(value.range?.[0] ?? 0))
  }
}

/** What a YAML scalar that is no string is, as the message names it. */
function scalarKind(value: unknown): Phrase | string {
  if (typeof value === 'number') return phrase('reasons.yamlKinds.number', 'number')
  if (typeof value === 'boolean') return phrase('reasons.yamlKinds.boolean', 'boolean')
  return typeof value
}
