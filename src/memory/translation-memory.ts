import {mkdir, open, readFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {MemoryError} from '../core/errors.ts'
import {withLock, type LockOptions, type LockWait} from '../core/lock-file.ts'
import {findInvalidUtf8} from '../core/utf8.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {scanJson} from './json-syntax.ts'
import {englishText, fileMessage, phrase, type Phrase} from '../core/phrase.ts'

export type {LockWait} from '../core/lock-file.ts'

export type MemoryOrigin = 'mt' | 'human' | 'import'

/** One line of `memory/de-en.jsonl` (design.md "Translation memory"). */
export interface MemoryRecord {
  key: string
  source: string
  target: string
  origin: MemoryOrigin
  sourceLang: string
  targetLang: string
  provider?: string
  model?: string
  /** ISO date (YYYY-MM-DD) the translation was made. */
  date: string
  billedCharacters?: number
  /** An LLM's `usage` for this text: its share of the request's prompt and completion tokens. */
  tokens?: TokenUsage
  /** Who made a human record. */
  author?: string
  /** The `recordId()` of the record this human edit replaced; that record stays in the memory. */
  replaces?: string
  /** How much a post-edit changed the machine translation it replaced. */
  postEdit?: PostEdit
  note?: string
  /**
   * Set on a piece of a segment too large for one request (key: `partKey()`): kept so that a build cut short
   * never pays for it again, and dropped by `compact()` once the whole segment is in the memory.
   */
  part?: MemoryPart
  /** Set on a pair found by `tandem memory align`: where each side was, and how sure the alignment was. */
  alignedFrom?: AlignedFrom
}

export interface TokenUsage {
  prompt: number
  completion: number
}

export interface AlignedFrom {
  /** `file:line:column` of the German block. */
  de: string
  /** `file:line:column` of the (first) English block. */
  en: string
  /** The alignment's confidence, 0–1, rounded to two decimals. */
  confidence: number
}

export interface MemoryPart {
  /** Key of the whole segment. */
  of: string
  /** From 0. */
  index: number
  count: number
}

export interface PostEdit {
  /** Characters inserted, deleted or substituted. */
  characters: number
  /** Translation edit rate: edits per word of the edited text. */
  ter: number
}

export interface MemoryOpenOptions {
  /** Messages name the file relative to this folder, the project root (default: `process.cwd()`). */
  root?: string
  /** Told when this process waits for another's lock on the memory (another build is compacting or appending). */
  onWait?: (wait: LockWait) => void
  /** Lock timings, for tests. */
  lock?: Omit<LockOptions, 'onWait'>
  /**
   * Only read: never write, lock or repair (a dry run, a check, the reader). A torn last line is then left
   * out silently; the next build moves it aside and says so.
   */
  readOnly?: boolean
}

const originRank: Readonly<Record<MemoryOrigin, number>> = {human: 0, import: 1, mt: 2}

/**
 * Preference among records of one key: human, then import, then mt; then the newest date.
 * Negative when `a` is preferred. Records that tie are told apart by append order (`get`) or target (the file).
 */
export function compareRecords(a: MemoryRecord, b: MemoryRecord): number {
  return originRank[a.origin] - originRank[b.origin] || (a.date > b.date ? -1 : a.date < b.date ? 1 : 0)
}

/** The order of the file: by key (code units), then preference, then target; then the line, so it is total. */
export function compareLines(a: MemoryLine, b: MemoryLine): number {
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

interface Stored extends MemoryLine {
  /** Append order, for the last tie-break of `get`. */
  order: number
}

/**
 * The translation memory: a sorted JSONL file, read whole, appended to as results arrive
 * (so a crash loses nothing that was paid for) and re-sorted atomically by `compact()`.
 * Several records may share a key (a machine translation, the human edit that replaced it, an import).
 * Appends, compaction and repairs hold `<file>.lock`, so that several tandem processes can share one memory.
 */
export class TranslationMemory {
  readonly path: string
  /** Messages about the file, relative to the root: a torn last line is a warning, a broken line an error. */
  readonly file: VFile
  private readonly byKey = new Map<string, Stored[]>()
  private count = 0
  private order = 0
  private queue: Promise<void> = Promise.resolve()
  private dirty = false
  private readonly lockOptions: LockOptions
  private readonly readOnly: boolean

  private constructor(file: string, options: MemoryOpenOptions) {
    this.path = file
    const root = path.resolve(options.root ?? process.cwd())
    this.file = new VFile({path: path.resolve(file), cwd: root})
    this.lockOptions = {...options.lock, ...(options.onWait ? {onWait: options.onWait} : {})}
    this.readOnly = options.readOnly ?? false
  }

  /**
   * Read the memory at `path`; a missing file is an empty memory. A torn last line (a crash mid-append) is
   * moved to `<file>.rejected` with a warning on `memory.file`; any other broken line throws a MemoryError
   * whose `file` has an error for each, and the file is left alone for a person to repair.
   */
  static async open(file: string, options: MemoryOpenOptions = {}): Promise<TranslationMemory> {
    const memory = new TranslationMemory(file, options)
    const first = memory.load(await readBytes(file))
    // A partial last line may be another process's append in progress: look again under the lock.
    if (!memory.readOnly && (first.torn || first.unterminated)) {
      await memory.locked(async () => {
        memory.clear()
        const read = memory.load(await readBytes(file))
        // Appending after a cut or unterminated line would glue the next record onto it.
        if (read.torn || read.unterminated) await memory.rewrite()
      })
    }
    return memory
  }

  /** Number of records. */
  get size(): number {
    return this.count
  }

  /** The preferred record of `key`: human > import > mt, then the newest date, then the last appended. */
  get(key: string): MemoryRecord | undefined {
    return this.byKey.get(key)?.[0]?.record
  }

  /** Every record of `key`, preferred first (the order of `get`). */
  all(key: string): MemoryRecord[] {
    return (this.byKey.get(key) ?? []).map((stored) => stored.record)
  }

  /** Add records and append them to the file with fsync before resolving; identical records are kept once. */
  async append(records: readonly MemoryRecord[]): Promise<void> {
    if (records.length === 0) return
    const lines = records.map((record) => JSON.stringify(normalizeRecord(record)))
    for (const [index, record] of records.entries()) this.add(record, lines[index] ?? '')
    this.dirty = true
    const text = lines.map((line) => line + '\n').join('')
    return this.locked(async () => {
      await mkdir(path.dirname(this.path), {recursive: true})
      await appendBytes(this.path, Buffer.from(text, 'utf8'))
    })
  }

  /**
   * Rewrite the file sorted, without identical lines or the pieces of whole segments; returns whether it changed.
   * Under the lock it re-reads the file first, so that records other processes appended are kept (a sorted union).
   */
  async compact(): Promise<boolean> {
    let changed = false
    await this.locked(async () => {
      if (!this.dirty) return
      changed = await this.rewrite()
    })
    return changed
  }

  /** Every record, key by key in no set order, each key's records preferred first. */
  *entries(): IterableIterator<MemoryRecord> {
    for (const stored of this.byKey.values()) for (const entry of stored) yield entry.record
  }

  /** Run `work` after everything queued before it, holding the lock file; later work runs even if it failed. */
  private locked(work: () => Promise<void>): Promise<void> {
    if (this.readOnly) return Promise.reject(new Error(`${this.file.basename ?? 'the memory'} was opened read-only`))
    const run = this.queue.then(() => withLock(`${this.path}.lock`, this.lockOptions, work))
    this.queue = run.catch(() => undefined)
    return run
  }

  /**
   * Merge in what the file holds now and write it sorted; call holding the lock. A torn last line (its writer
   * was killed mid-append) is moved to `<file>.rejected` first, so that nothing is lost.
   */
  private async rewrite(): Promise<boolean> {
    const bytes = await readBytes(this.path)
    const onDisk = parseMemory(bytes, this.file.path, this.file.cwd)
    if (onDisk.torn) {
      await appendBytes(`${this.path}.rejected`, Buffer.concat([bytes.subarray(onDisk.torn.offset), Buffer.from('\n')]))
      const reason = phrase(
        'messages.memory-torn-line.moved',
        'the last line is cut short (a crash while appending); moved to `{{rejected}}`, the records before it are kept',
        {rejected: `${path.basename(this.path)}.rejected`}
      )
      fileMessage(this.file, 'warning', reason, {line: onDisk.torn.line, column: 1})
    }
    for (const entry of onDisk.lines) this.add(entry.record, entry.line)
    const changed = await writeFileAtomic(this.path, serializeLines(this.lines()))
    this.dirty = false
    return changed
  }

  private *lines(): IterableIterator<MemoryLine> {
    for (const stored of this.byKey.values()) yield* stored
  }

  private clear(): void {
    this.byKey.clear()
    this.count = 0
  }

  private add(record: MemoryRecord, line: string): void {
    const stored = this.byKey.get(record.key)
    const entry = {record, line, order: this.order++}
    if (!stored) {
      this.byKey.set(record.key, [entry])
      this.count++
      return
    }
    if (stored.some((other) => other.line === line)) return
    // Few records share a key: a sorted insert is enough.
    let at = 0
    while (at < stored.length && preferStored(stored[at] as Stored, entry) < 0) at++
    stored.splice(at, 0, entry)
    this.count++
  }

  /** Fill the memory from the file's bytes; throws a MemoryError for broken lines other than a torn last one. */
  private load(bytes: Buffer): {torn?: {line: number; offset: number}; unterminated: boolean} {
    const parsed = parseMemory(bytes, this.file.path, this.file.cwd, this.file)
    let previous: MemoryLine | undefined
    for (const entry of parsed.lines) {
      if (previous && compareLines(previous, entry) >= 0) this.dirty = true
      previous = entry
      this.add(entry.record, entry.line)
    }
    if (!parsed.canonical) this.dirty = true
    return {...(parsed.torn ? {torn: parsed.torn} : {}), unterminated: parsed.unterminated}
  }
}

function preferStored(a: Stored, b: Stored): number {
  return compareRecords(a.record, b.record) || b.order - a.order
}

export interface ParsedMemory {
  lines: MemoryLine[]
  /** A last line without its newline that is not a whole record: what a crash mid-append leaves. */
  torn?: {line: number; offset: number}
  /** The file does not end with a newline. */
  unterminated: boolean
  /** Every line is in the fixed field order, with no blank lines. */
  canonical: boolean
}

/**
 * Parse memory file bytes. Each broken line other than a torn last one is an error on `file` (created when not
 * given) at its line and column, and then a MemoryError is thrown carrying `file`. `name` is the file's path,
 * `root` what messages are relative to.
 */
export function parseMemory(bytes: Uint8Array, name: string, root: string, file = new VFile({path: path.resolve(name), cwd: root})): ParsedMemory {
  const errors: string[] = []
  let cause: unknown
  const fail = (reason: Phrase, line: number, column: number) => {
    fileMessage(file, 'error', reason, {line, column})
    errors.push(`${relativeName(file)}:${line}:${column}: ${englishText(reason)}`)
  }
  const unterminated = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a
  const lastNewline = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(0x0a)
  const tailOffset = lastNewline + 1
  const result: ParsedMemory = {lines: [], unterminated, canonical: true}

  const invalid = findInvalidUtf8(bytes.subarray(0, unterminated ? tailOffset : bytes.length))
  if (invalid !== -1) {
    const before = Buffer.from(bytes.subarray(0, invalid)).toString('utf8')
    const line = before.split('\n').length
    fail(phrase('messages.memory-encoding', 'not valid UTF-8 at byte {{byte}}', {byte: invalid}), line, before.length - before.lastIndexOf('\n'))
    throw new MemoryFileError(errors[0] ?? '', file)
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      if (index < lines.length - 1) result.canonical = false
      continue
    }
    const isTail = unterminated && index === lines.length - 1
    const parsed = parseLine(line)
    if ('error' in parsed) {
      if (isTail && parsed.syntax) {
        // A record cut anywhere before its closing brace is never valid JSON.
        result.torn = {line: index + 1, offset: tailOffset}
        continue
      }
      cause ??= parsed.cause
      fail(parsed.error, index + 1, parsed.column)
      continue
    }
    const normalized = JSON.stringify(normalizeRecord(parsed.record))
    if (normalized !== line) result.canonical = false
    result.lines.push({record: parsed.record, line: normalized})
  }
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more broken ${errors.length === 2 ? 'line' : 'lines'})` : ''
    throw new MemoryFileError(errors[0] + more, file, cause === undefined ? {} : {cause})
  }
  return result
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

/** The memory file's text for these records: sorted, identical lines once, pieces of whole segments left out. */
export function serializeLines(entries: Iterable<MemoryLine>): string {
  const all = [...entries]
  const keys = new Set(all.filter((entry) => !entry.record.part).map((entry) => entry.record.key))
  const kept = all.filter((entry) => !entry.record.part || !keys.has(entry.record.part.of)).sort(compareLines)
  let text = ''
  let previous = ''
  for (const entry of kept) {
    if (entry.line === previous) continue
    text += entry.line + '\n'
    previous = entry.line
  }
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

const origins = new Set<string>(['mt', 'human', 'import'])
const requiredStrings = ['key', 'source', 'target', 'origin', 'sourceLang', 'targetLang', 'date'] as const
const optionalStrings = ['provider', 'model', 'author', 'replaces', 'note'] as const

/** A record, or what is wrong with the line: a phrase keyed `messages.memory-json` (not JSON) or `messages.memory-field.*`. */
type LineResult = {record: MemoryRecord} | {error: Phrase; column: number; syntax: boolean; cause?: unknown}

function parseLine(line: string): LineResult {
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

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0)
    throw error
  }
}

async function appendBytes(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'a')
  try {
    await handle.appendFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
