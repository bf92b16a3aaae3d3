import {readFile} from 'node:fs/promises'
import {VFile} from 'vfile'
import {findInvalidUtf8} from '../core/utf8.ts'
import {fileMessage, phrase, type Phrase} from '../core/phrase.ts'
import {glossaryKinds, type GlossaryEntry, type GlossaryKind} from '../core/types.ts'
import {unmatchable} from './matcher.ts'

export {glossaryKinds, type GlossaryEntry, type GlossaryKind} from '../core/types.ts'

export const namesHeader = ['de', 'en', 'kind', 'note'] as const

const kinds = new Set<string>(glossaryKinds)

/**
 * Parse and lint `names.tsv` (design.md "Name glossary"): every problem is a message on `file`
 * at its line and column; errors are fatal, and a build refuses a glossary with any.
 */
export function parseNamesFile(file: VFile, bytes: Uint8Array): GlossaryEntry[] {
  const fail = (reason: Phrase, line: number, column: number) => {
    fileMessage(file, 'error', reason, {line, column})
  }
  const invalid = findInvalidUtf8(bytes)
  if (invalid !== -1) {
    const line = Buffer.from(bytes.subarray(0, invalid)).toString('utf8').split('\n').length
    fail(phrase('messages.glossary-encoding', 'not valid UTF-8 at byte {{byte}}; save the glossary as UTF-8', {byte: invalid}), line, 1)
    return []
  }
  let text = Buffer.from(bytes).toString('utf8')
  if (text.startsWith('\uFEFF')) {
    fail(phrase('messages.glossary-bom', 'the glossary starts with a byte order mark; save it as UTF-8 without BOM'), 1, 1)
    text = text.slice(1)
  }
  if (text.includes('\r')) {
    const line = text.slice(0, text.indexOf('\r')).split('\n').length
    fail(phrase('messages.glossary-line-ending', 'the glossary has CRLF (or CR) line endings; save it with LF line endings'), line, 1)
    text = text.replace(/\r\n?/g, '\n')
  }

  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const header = lines[0]
  if (header === undefined || header.trim() === '') {
    fail(phrase('messages.glossary-header.empty', 'the glossary is empty; its first line must be the header `{{header}}`', {header: namesHeader.join('\\t')}), 1, 1)
    return []
  }
  // A file without a header still has its first row linted as an entry.
  let firstEntry = 1
  if (header !== namesHeader.join('\t')) {
    fail(phrase('messages.glossary-header.wrong', 'the first line must be the header `{{header}}`, not `{{found}}`', {header: namesHeader.join('\\t'), found: header.replace(/\t/g, '\\t')}), 1, 1)
    if (header.split('\t')[0] !== 'de') firstEntry = 0
  }

  const entries: GlossaryEntry[] = []
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    if (index < firstEntry || raw === '' || raw.startsWith('#')) continue
    const fields = raw.split('\t')
    if (fields.length !== namesHeader.length) {
      fail(phrase('messages.glossary-columns', 'expected {{expected}} tab-separated fields (de, en, kind, note), found {{found}}', {expected: namesHeader.length, found: fields.length}), line, 1)
      continue
    }
    let column = 1
    let ok = true
    for (const [position, field] of fields.entries()) {
      const name = namesHeader[position]
      if (field !== field.trim() || /\s{2,}/.test(field)) {
        fail(phrase('messages.glossary-whitespace', 'stray whitespace in `{{name}}` `{{field}}`', {name: name ?? '', field}), line, column)
        ok = false
      }
      if (field.trim() === '' && name !== 'note') {
        fail(phrase('messages.glossary-empty-field', '`{{name}}` is empty', {name: name ?? ''}), line, column)
        ok = false
      }
      column += [...field].length + 1
    }
    const [de = '', en = '', kind = '', note = ''] = fields
    if (kind.trim() !== '' && !kinds.has(kind)) {
      fail(phrase('messages.glossary-kind', '`kind` must be one of {{kinds}}, not `{{kind}}`', {kinds: glossaryKinds.join(', '), kind}), line, [...`${de}\t${en}\t`].length + 1)
      ok = false
    }
    const problem = ok ? unmatchable(de) : undefined
    if (problem) {
      fail(phrase('messages.glossary-unmatchable', '`{{de}}` {{problem}}, so it would never match', {de, problem}), line, 1)
      ok = false
    }
    if (ok) entries.push({de, en, kind: kind as GlossaryKind, note, line})
  }

  lintEntries(entries, fail)
  return entries
}

/** The problems between entries: duplicates, conflicts and chains. */
function lintEntries(entries: readonly GlossaryEntry[], fail: (reason: Phrase, line: number, column: number) => void) {
  const byGerman = new Map<string, GlossaryEntry>()
  for (const entry of entries) {
    const first = byGerman.get(entry.de)
    if (!first) {
      byGerman.set(entry.de, entry)
    } else if (first.en === entry.en) {
      fail(phrase('messages.glossary-duplicate', 'duplicate entry `{{de}}` (first on line {{line}})', {de: entry.de, line: first.line}), entry.line, 1)
    } else {
      fail(phrase('messages.glossary-conflict', '`{{de}}` is `{{first}}` on line {{line}} but `{{en}}` here', {de: entry.de, first: first.en, line: first.line, en: entry.en}), entry.line, 1)
    }
  }
  for (const entry of entries) {
    const other = byGerman.get(entry.en)
    if (other && other !== entry && other.en !== entry.en) {
      fail(
        phrase('messages.glossary-chain', 'the English `{{en}}` is itself a German entry (line {{line}}, → `{{other}}`)', {en: entry.en, line: other.line, other: other.en}),
        entry.line,
        [...entry.de].length + 2
      )
    }
  }
}

export interface NameGlossary {
  path: string
  entries: GlossaryEntry[]
  /** The file's bytes; undefined when there is no file. */
  bytes?: Uint8Array
  /** Set when there is no file: an empty glossary, which the project may or may not allow. */
  missing?: true
  /** Messages about the file; a build refuses to run when one is fatal. */
  file: VFile
}

/** Read and lint a names file; a missing file is an empty glossary marked `missing`, an unreadable one an error on `file`. */
export async function readNameGlossary(filePath: string, cwd: string): Promise<NameGlossary> {
  const file = new VFile({path: filePath, cwd})
  let bytes: Uint8Array
  try {
    bytes = await readFile(filePath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    if (code === 'ENOENT') return {path: filePath, entries: [], file, missing: true}
    const reason =
      code === 'EISDIR'
        ? phrase('messages.glossary-unreadable.folder', 'this is a folder, not the names file')
        : phrase('messages.glossary-unreadable.other', 'cannot read the glossary ({{code}})', {code})
    fileMessage(file, 'error', reason, {line: 1, column: 1})
    return {path: filePath, entries: [], file}
  }
  return {path: filePath, entries: parseNamesFile(file, bytes), file, bytes}
}

/**
 * `text` with `entry` on a line of its own before the first entry that sorts after it,
 * every other line (comments, blank lines, their order) left as it was.
 */
export function insertEntry(text: string, entry: Omit<GlossaryEntry, 'line'>): string {
  const lines = text.replace(/\n$/, '').split('\n')
  const row = [entry.de, entry.en, entry.kind, entry.note].join('\t')
  const at = lines.findIndex(
    (line, index) => index > 0 && line !== '' && !line.startsWith('#') && (line.split('\t')[0] ?? '').localeCompare(entry.de, 'de') > 0
  )
  lines.splice(at === -1 ? lines.length : at, 0, row)
  return lines.join('\n') + '\n'
}

/** The TSV text of `entries`, sorted by German form, with the header: what `glossary add` writes. */
export function formatNamesFile(entries: readonly Omit<GlossaryEntry, 'line'>[], comments: readonly string[] = []): string {
  const rows = [...entries]
    .sort((a, b) => a.de.localeCompare(b.de, 'de') || a.en.localeCompare(b.en, 'en'))
    .map((entry) => [entry.de, entry.en, entry.kind, entry.note].join('\t'))
  return [namesHeader.join('\t'), ...comments, ...rows].join('\n') + '\n'
}
