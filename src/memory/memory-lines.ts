import {readSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {MemoryError} from '../core/errors.ts'
import {findInvalidUtf8} from '../core/utf8.ts'
import {englishText, fileMessage, phrase, type Phrase} from '../core/phrase.ts'
import {scanJson} from './json-syntax.ts'
import type {MemoryOrigin, MemoryPart, MemoryRecord, PostEdit, TokenUsage} from './memory-record.ts'

/**
 * The lines of a memory file (design.md "Translation memory"): reading them one at a time from bytes or
 * from an open file, checking each, the fixed field order, and the order of the file.
 */

const originRank: Readonly<Record<MemoryOrigin, number>> = {human: 0, import: 1, mt: 2}

/** What decides the order of records of one key. */
export type Ranked = Pick<MemoryRecord, 'origin' | 'date'>

/**
 * Preference among records of one key: human, then import, then mt; then the newest date.
 * Negative when `a` is preferred. Records that tie are told apart by append order (`get`) or target (the file).
 */
export function compareRecords(a: Ranked, b: Ranked): number {
  return originRank[a.origin] - originRank[b.origin] || (a.date > b.date ? -1 : a.date < b.date ? 1 : 0)
}

/** What the order of the file looks at: a line's key, origin, date and target, then the line itself. */
export interface OrderedLine {
  record: Pick<MemoryRecord, 'key' | 'origin' | 'date' | 'target'>
  line: string
}

/** The order of the file: by key (code units), then preference, then target; then the line, so it is total. */
export function compareLines(a: OrderedLine, b: OrderedLine): number {
  const x = a.record
  const y = b.record
  if (x.key !== y.key) return x.key < y.key ? -1 : 1
  return compareRecords(x, y) || (x.target < y.target ? -1 : x.target > y.target ? 1 : 0) || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0)
}

/** A record with its line as the file holds it (fixed field order, no newline). */
export interface MemoryLine {
  record: MemoryRecord
  line: string
}

/**
 * A memory file's lines sorted, identical lines once, pieces of whole segments left out: what `serializeLines`
 * writes. `same` tells identical lines apart (by default, by `line`).
 */
export function orderLines<Line extends OrderedLine & {record: {part?: {of: string} | undefined}}>(
  entries: Iterable<Line>,
  same: (a: Line, b: Line) => boolean = (a, b) => a.line === b.line
): Line[] {
  const all = [...entries]
  const keys = new Set<string>()
  for (const entry of all) if (!entry.record.part) keys.add(entry.record.key)
  const sorted = all.filter((entry) => !entry.record.part || !keys.has(entry.record.part.of)).sort(compareLines)
  const kept: Line[] = []
  for (const entry of sorted) {
    const previous = kept.at(-1)
    if (previous === undefined || !same(previous, entry)) kept.push(entry)
  }
  return kept
}

/** The memory file's text for these records: sorted, identical lines once, pieces of whole segments left out. */
export function serializeLines(entries: Iterable<MemoryLine>): string {
  let text = ''
  for (const entry of orderLines(entries)) text += entry.line + '\n'
  return text
}

/** The line the file holds for `record`. */
export function recordLine(record: MemoryRecord): string {
  return JSON.stringify(normalizeRecord(record))
}

/** A fixed key order, so that the file diffs cleanly. */
function normalizeRecord(record: MemoryRecord): MemoryRecord {
  const {key, source, target, origin, sourceLang, targetLang, provider, model, date, billedCharacters, tokens, author, replaces, postEdit, note, part, alignedFrom} =
    record
  return {
    key,
    source,
    target,
    origin,
    sourceLang,
    targetLang,
    ...(provider === undefined ? {} : {provider}),
    ...(model === undefined ? {} : {model}),
    date,
    ...(billedCharacters === undefined ? {} : {billedCharacters}),
    ...(tokens === undefined ? {} : {tokens: {prompt: tokens.prompt, completion: tokens.completion}}),
    ...(author === undefined ? {} : {author}),
    ...(replaces === undefined ? {} : {replaces}),
    ...(postEdit === undefined ? {} : {postEdit: {characters: postEdit.characters, ter: postEdit.ter}}),
    ...(note === undefined ? {} : {note}),
    ...(part === undefined ? {} : {part: {of: part.of, index: part.index, count: part.count}}),
    ...(alignedFrom === undefined ? {} : {alignedFrom: {de: alignedFrom.de, en: alignedFrom.en, confidence: alignedFrom.confidence}})
  }
}

/** One line of a file, without its newline. */
export interface RawLine {
  /** From 1. */
  number: number
  /** Byte offset of the line's start in the file. */
  offset: number
  bytes: Buffer
  /** The last line, with no newline after it. */
  tail: boolean
}

/** The lines of `bytes`; a file that ends with a newline has no empty line after it. */
export function* linesOfBytes(bytes: Uint8Array): Generator<RawLine> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let number = 1
  let start = 0
  while (start < buffer.length) {
    const end = buffer.indexOf(0x0a, start)
    if (end === -1) {
      yield {number, offset: start, bytes: buffer.subarray(start), tail: true}
      return
    }
    yield {number: number++, offset: start, bytes: buffer.subarray(start, end), tail: false}
    start = end + 1
  }
}

/** The lines of the open file `fd`, read from its start in chunks, so that the file is never held whole. */
export function* linesOfFile(fd: number, chunkBytes = 1 << 20): Generator<RawLine> {
  let number = 1
  let position = 0
  /** Bytes read and not yet given out: the start of a line, and where it is in the file. */
  let pending: Buffer[] = []
  let pendingStart = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkBytes)
    const read = readSync(fd, chunk, 0, chunkBytes, position)
    if (read === 0) break
    const bytes = chunk.subarray(0, read)
    let start = 0
    for (;;) {
      const end = bytes.indexOf(0x0a, start)
      if (end === -1) break
      const piece = bytes.subarray(start, end)
      const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece])
      yield {number: number++, offset: pending.length === 0 ? position + start : pendingStart, bytes: line, tail: false}
      pending = []
      start = end + 1
    }
    if (start < read) {
      // The copy lets the chunk go; a long line collects its pieces until its newline.
      if (pending.length === 0) pendingStart = position + start
      pending.push(Buffer.from(bytes.subarray(start)))
    }
    position += read
  }
  if (pending.length > 0) yield {number, offset: pendingStart, bytes: Buffer.concat(pending), tail: true}
}

/** A record read from its line, with the line as the file should hold it. */
export interface ReadLine extends MemoryLine {
  offset: number
  /** Bytes of the line as it is in the file (without the newline). */
  length: number
  /** The file holds the line as `line` says (in the fixed field order). */
  canonical: boolean
}

export interface ScannedMemory {
  /** A last line without its newline that is not a whole record: what a crash mid-append leaves. */
  torn?: {line: number; offset: number}
  /** The file does not end with a newline. */
  unterminated: boolean
  /** Every line is in the fixed field order, with no blank lines. */
  canonical: boolean
}

/**
 * Check a memory file's lines one by one and hand each record to `onLine`. Each broken line other than a torn
 * last one is an error on `file` at its line and column, and then a MemoryError is thrown carrying `file`.
 */
export function scanMemory(lines: Iterable<RawLine>, file: VFile, onLine: (line: ReadLine) => void): ScannedMemory {
  const errors: LineError[] = []
  let cause: unknown
  const result: ScannedMemory = {unterminated: false, canonical: true}
  for (const raw of lines) {
    if (raw.tail) result.unterminated = true
    // A cut multi-byte character in a torn last line is part of the cut; a whole last line is read as it is.
    const invalid = raw.tail ? -1 : findInvalidUtf8(raw.bytes)
    if (invalid !== -1) {
      const before = raw.bytes.subarray(0, invalid).toString('utf8')
      // The first bad byte is the one reported: what is after it may be anything.
      errors.length = 0
      errors.push({reason: phrase('messages.memory-encoding', 'not valid UTF-8 at byte {{byte}}', {byte: raw.offset + invalid}), line: raw.number, column: before.length + 1})
      throwErrors(errors, file)
    }
    const line = raw.bytes.toString('utf8')
    if (line.trim() === '') {
      if (!raw.tail) result.canonical = false
      continue
    }
    const parsed = parseLine(line)
    if ('error' in parsed) {
      if (raw.tail && parsed.syntax) {
        // A record cut anywhere before its closing brace is never valid JSON.
        result.torn = {line: raw.number, offset: raw.offset}
        continue
      }
      cause ??= parsed.cause
      errors.push({reason: parsed.error, line: raw.number, column: parsed.column})
      continue
    }
    if (errors.length > 0) continue
    const normalized = recordLine(parsed.record)
    const canonical = normalized === line
    if (!canonical) result.canonical = false
    onLine({record: parsed.record, line: normalized, offset: raw.offset, length: raw.bytes.length, canonical})
  }
  if (errors.length > 0) throwErrors(errors, file, cause)
  return result
}

/** A broken line: the phrase's key gives the rule id (`memory-encoding`, `memory-json`, `memory-field`). */
interface LineError {
  reason: Phrase
  line: number
  column: number
}

function throwErrors(errors: readonly LineError[], file: VFile, cause?: unknown): never {
  const placed = errors.map((error) => {
    fileMessage(file, 'error', error.reason, {line: error.line, column: error.column})
    return `${relativeName(file)}:${error.line}:${error.column}: ${englishText(error.reason)}`
  })
  const more = placed.length > 1 ? ` (and ${placed.length - 1} more broken ${placed.length === 2 ? 'line' : 'lines'})` : ''
  throw new MemoryFileError((placed[0] ?? '') + more, file, cause === undefined ? {} : {cause})
}

export interface ParsedMemory extends ScannedMemory {
  lines: MemoryLine[]
}

/**
 * Parse memory file bytes. Each broken line other than a torn last one is an error on `file` (created when not
 * given) at its line and column, and then a MemoryError is thrown carrying `file`. `name` is the file's path,
 * `root` what messages are relative to.
 */
export function parseMemory(bytes: Uint8Array, name: string, root: string, file = new VFile({path: path.resolve(name), cwd: root})): ParsedMemory {
  const lines: MemoryLine[] = []
  const scanned = scanMemory(linesOfBytes(bytes), file, (line) => lines.push({record: line.record, line: line.line}))
  return {...scanned, lines}
}

/** Broken lines in a memory file: `file` has an error at each, for the CLI to report like any other file's. */
export class MemoryFileError extends MemoryError {
  override readonly name: string = 'MemoryError'
  readonly file: VFile

  constructor(message: string, file: VFile, options: ErrorOptions = {}) {
    super(message, options)
    this.file = file
  }
}

function relativeName(file: VFile): string {
  return path.relative(file.cwd, file.path).split(path.sep).join('/')
}

const origins = new Set<string>(['mt', 'human', 'import'])
const requiredStrings = ['key', 'source', 'target', 'origin', 'sourceLang', 'targetLang', 'date'] as const
const optionalStrings = ['provider', 'model', 'author', 'replaces', 'note'] as const

/** A record, or what is wrong with the line: a phrase keyed `messages.memory-json` (not JSON) or `messages.memory-field.*`. */
type LineResult = {record: MemoryRecord} | {error: Phrase; column: number; syntax: boolean; cause?: unknown}

/** A line as JSON, checked field by field. */
export function parseLine(line: string): LineResult {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (cause) {
    const {error} = scanJson(line)
    const reason = error?.reason ?? phrase('reasons.json.unreadable', 'unreadable')
    return {error: phrase('messages.memory-json', 'not JSON: {{reason}}', {reason}), column: (error?.offset ?? 0) + 1, syntax: true, cause}
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {error: phrase('messages.memory-field.object', 'not a JSON object'), column: 1, syntax: false}
  }
  const record = value as Partial<Record<keyof MemoryRecord, unknown>>
  const at = (field: string) => (scanJson(line).members.get(field) ?? 0) + 1
  const wrong = (field: string, error: Phrase): LineResult => ({error, column: at(field), syntax: false})
  const notString = (field: string) => wrong(field, phrase('messages.memory-field.string', 'field `{{field}}` must be a string', {field}))
  for (const field of requiredStrings) if (typeof record[field] !== 'string') return notString(field)
  if (!origins.has(record.origin as string)) {
    return wrong('origin', phrase('messages.memory-field.origin', '`origin` must be one of mt, human, import, not `{{origin}}`', {origin: String(record.origin)}))
  }
  for (const field of optionalStrings) if (record[field] !== undefined && typeof record[field] !== 'string') return notString(field)
  if (record.billedCharacters !== undefined && !isCount(record.billedCharacters)) {
    return wrong('billedCharacters', phrase('messages.memory-field.billedCharacters', 'field `billedCharacters` must be a whole number'))
  }
  if (record.tokens !== undefined && !isTokens(record.tokens)) {
    return wrong('tokens', phrase('messages.memory-field.tokens', 'field `tokens` must be {prompt, completion} with whole numbers'))
  }
  if (record.postEdit !== undefined && !isPostEdit(record.postEdit)) {
    return wrong('postEdit', phrase('messages.memory-field.postEdit', 'field `postEdit` must be {characters, ter} with numbers'))
  }
  if (record.part !== undefined && !isPart(record.part)) return wrong('part', phrase('messages.memory-field.part', '`part` must be {of, index, count}'))
  return {record: value as MemoryRecord}
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0
}

function isTokens(value: unknown): value is TokenUsage {
  const tokens = value as Partial<Record<keyof TokenUsage, unknown>> | null
  return typeof tokens === 'object' && tokens !== null && isCount(tokens.prompt) && isCount(tokens.completion)
}

function isPart(value: unknown): value is MemoryPart {
  const part = value as Partial<Record<keyof MemoryPart, unknown>> | null
  return typeof part === 'object' && part !== null && typeof part.of === 'string' && Number.isInteger(part.index) && Number.isInteger(part.count)
}

function isPostEdit(value: unknown): value is PostEdit {
  const edit = value as Partial<Record<keyof PostEdit, unknown>> | null
  return typeof edit === 'object' && edit !== null && isCount(edit.characters) && typeof edit.ter === 'number' && Number.isFinite(edit.ter)
}
