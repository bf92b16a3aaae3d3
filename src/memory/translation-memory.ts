import {closeSync, fstatSync, openSync, readSync} from 'node:fs'
import {mkdir, open} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {MemoryError} from '../core/errors.ts'
import {withLock, type LockOptions, type LockWait} from '../core/lock-file.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import type {MemoryRecord} from './memory-record.ts'
import {
  compareLines,
  compareRecords,
  linesOfBytes,
  linesOfFile,
  orderLines,
  recordLine,
  scanMemory,
  type MemoryLine,
  type OrderedLine,
  type Ranked
} from './memory-lines.ts'

export {compareLines, compareRecords, MemoryFileError, parseMemory, recordLine, serializeLines} from './memory-lines.ts'
export type {MemoryLine, ParsedMemory} from './memory-lines.ts'

export type {LockWait} from '../core/lock-file.ts'

export type {AlignedFrom, MemoryOrigin, MemoryPart, MemoryRecord, PostEdit, TokenUsage} from './memory-record.ts'

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

/**
 * The translation memory: a sorted JSONL file, appended to as results arrive (so a crash loses nothing
 * that was paid for) and re-sorted atomically by `compact()`. Several records may share a key (a machine
 * translation, the human edit that replaced it, an import). Appends, compaction and repairs hold
 * `<file>.lock`, so that several tandem processes can share one memory.
 *
 * It holds an index, not the records: each key's records as places in the file (byte offset and length),
 * read and parsed when asked for, through the file as it was opened (kept open, so that another process
 * replacing it changes nothing under this one). `close()` lets the file go; a memory that is dropped
 * without it closes it when it is garbage-collected.
 */
export class TranslationMemory {
  readonly path: string
  /** Messages about the file, relative to the root: a torn last line is a warning, a broken line an error. */
  readonly file: VFile
  private records = new Records()
  private queue: Promise<void> = Promise.resolve()
  private dirty = false
  private readonly lockOptions: LockOptions
  private readonly readOnly: boolean
  /** What the garbage collector closes if the memory is dropped unclosed. */
  private readonly opened: {file?: OpenFile} = {}

  private constructor(file: string, options: MemoryOpenOptions) {
    this.path = file
    const root = path.resolve(options.root ?? process.cwd())
    this.file = new VFile({path: path.resolve(file), cwd: root})
    this.lockOptions = {...options.lock, ...(options.onWait ? {onWait: options.onWait} : {})}
    this.readOnly = options.readOnly ?? false
    closeWhenDropped.register(this, this.opened, this.opened)
  }

  /**
   * Read the memory at `path`; a missing file is an empty memory. A torn last line (a crash mid-append) is
   * moved to `<file>.rejected` with a warning on `memory.file`; any other broken line throws a MemoryError
   * whose `file` has an error for each, and the file is left alone for a person to repair.
   */
  static async open(file: string, options: MemoryOpenOptions = {}): Promise<TranslationMemory> {
    const memory = new TranslationMemory(file, options)
    try {
      const first = memory.load()
      // A partial last line may be another process's append in progress: look again under the lock.
      if (!memory.readOnly && (first.torn || first.unterminated)) {
        await memory.locked(async () => {
          const read = memory.load()
          // Appending after a cut or unterminated line would glue the next record onto it.
          if (read.torn || read.unterminated) await memory.rewrite()
        })
      }
    } catch (error) {
      memory.drop()
      throw error
    }
    return memory
  }

  /** Number of records. */
  get size(): number {
    return this.records.count
  }

  /** The preferred record of `key`: human > import > mt, then the newest date, then the last appended. */
  get(key: string): MemoryRecord | undefined {
    const first = this.records.indexes(key)[0]
    return first === undefined ? undefined : this.records.record(first)
  }

  /** Every record of `key`, preferred first (the order of `get`). */
  all(key: string): MemoryRecord[] {
    return this.records.indexes(key).map((index) => this.records.record(index))
  }

  /**
   * Add records and append them to the file with fsync before resolving; identical records are kept once.
   * `get` finds them once it resolves.
   */
  async append(records: readonly MemoryRecord[]): Promise<void> {
    if (records.length === 0) return
    const lines = records.map((record) => recordLine(record))
    this.dirty = true
    const bytes = Buffer.from(lines.map((line) => line + '\n').join(''), 'utf8')
    return this.locked(async () => {
      await mkdir(path.dirname(this.path), {recursive: true})
      const written = await appendBytes(this.path, bytes)
      this.place(records, lines, written)
    })
  }

  /**
   * Rewrite the file sorted, without identical lines or the pieces of whole segments; returns whether it changed.
   * Under the lock it re-reads the file first, so that records other processes appended are kept (a sorted union).
   * Afterwards the memory is what a fresh `open` of the file gives.
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
    const records = this.records
    for (const key of records.keys()) for (const index of records.indexes(key)) yield records.record(index, false)
  }

  /** Let the file go; the memory is empty afterwards. Waits for appends and compactions under way. */
  async close(): Promise<void> {
    await this.queue
    this.drop()
  }

  private drop(): void {
    this.records.file?.close()
    this.records = new Records()
    delete this.opened.file
  }

  /** Run `work` after everything queued before it, holding the lock file; later work runs even if it failed. */
  private locked(work: () => Promise<void>): Promise<void> {
    if (this.readOnly) return Promise.reject(new Error(`${this.file.basename ?? 'the memory'} was opened read-only`))
    const run = this.queue.then(() => withLock(`${this.path}.lock`, this.lockOptions, work))
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Index the file as it is now (records appended before are kept only if it still holds them). */
  private load(): {torn?: {line: number; offset: number}; unterminated: boolean} {
    this.drop()
    const file = OpenFile.open(this.path)
    if (!file) return {unterminated: false}
    const records = new Records(file)
    this.records = records
    this.opened.file = file
    let previous: MemoryLine | undefined
    const read = scanMemory(linesOfFile(file.fd), this.file, (line) => {
      if (previous && compareLines(previous, line) >= 0) this.dirty = true
      previous = line
      records.add(line.record, {offset: line.offset, length: line.length, canonical: line.canonical}, line.line)
    })
    if (!read.canonical) this.dirty = true
    return {...(read.torn ? {torn: read.torn} : {}), unterminated: read.unterminated}
  }

  /** Index appended lines where `appendBytes` wrote them: in the file this memory reads, or held when that was replaced. */
  private place(records: readonly MemoryRecord[], lines: readonly string[], written: {offset: number; identity: string}): void {
    if (!this.records.file) {
      // The first append to a memory that had no file: read the file it created.
      const file = OpenFile.open(this.path)
      if (file?.identity === written.identity) {
        this.records.file = file
        this.opened.file = file
      } else file?.close()
    }
    const inFile = this.records.file?.identity === written.identity
    let offset = written.offset
    for (const [index, record] of records.entries()) {
      const line = lines[index] ?? ''
      const length = Buffer.byteLength(line)
      this.records.add(record, inFile ? {offset, length, canonical: true} : {line}, line)
      offset += length + 1
    }
  }

  /**
   * Merge in what the file holds now and write it sorted; call holding the lock. A torn last line (its writer
   * was killed mid-append) is moved to `<file>.rejected` first, so that nothing is lost.
   */
  private async rewrite(): Promise<boolean> {
    const disk = OpenFile.open(this.path)
    try {
      const bytes = disk ? disk.readAll() : Buffer.alloc(0)
      const lines: StoredLine[] = []
      const onDisk = scanMemory(linesOfBytes(bytes), new VFile({path: this.file.path, cwd: this.file.cwd}), (line) => {
        lines.push(line.canonical ? new StoredLine(line.record, bytes, line.offset, line.offset + line.length) : new StoredLine(line.record, Buffer.from(line.line)))
      })
      if (onDisk.torn) {
        await appendBytes(`${this.path}.rejected`, Buffer.concat([bytes.subarray(onDisk.torn.offset), Buffer.from('\n')]))
        const reason = phrase(
          'messages.memory-torn-line.moved',
          'the last line is cut short (a crash while appending); moved to `{{rejected}}`, the records before it are kept',
          {rejected: `${path.basename(this.path)}.rejected`}
        )
        fileMessage(this.file, 'warning', reason, {line: onDisk.torn.line, column: 1})
      }
      // This memory's own records, unless the file on disk is the one they were read from (or appended to).
      const same = disk !== undefined && this.records.file?.identity === disk.identity
      for (const index of this.records.all()) {
        if (same && this.records.within(index, bytes.length)) continue
        const line = this.records.normalizedLine(index)
        lines.push(new StoredLine(this.records.record(index, false), Buffer.from(line)))
      }
      const kept = orderLines(lines, (a, b) => a.same(b))
      const places: number[] = []
      let size = 0
      for (const line of kept) {
        places.push(size)
        size += line.length + 1
      }
      const output = Buffer.allocUnsafe(size)
      for (const [index, line] of kept.entries()) {
        const at = places[index] ?? 0
        line.copyTo(output, at)
        output[at + line.length] = 0x0a
      }
      const changed = await writeFileAtomic(this.path, output)
      const file = changed ? OpenFile.open(this.path) : disk
      const records = new Records(file)
      for (const [index, line] of kept.entries()) {
        records.add(line.record, file ? {offset: places[index] ?? 0, length: line.length, canonical: true} : {line: line.line}, undefined)
      }
      this.records.file?.close()
      this.records = records
      if (file) this.opened.file = file
      else delete this.opened.file
      this.dirty = false
      return changed
    } finally {
      if (disk && this.records.file !== disk) disk.close()
    }
  }
}

const closeWhenDropped = new FinalizationRegistry<{file?: OpenFile}>((opened) => opened.file?.close())

/** A memory file open for reading at offsets: the file as it was opened, whatever replaces it on disk later. */
class OpenFile {
  readonly fd: number
  /** Device and inode: the same file, whatever its name. */
  readonly identity: string
  private closed = false

  private constructor(fd: number, identity: string) {
    this.fd = fd
    this.identity = identity
  }

  /** The file at `name`, or undefined when there is none. */
  static open(name: string): OpenFile | undefined {
    let fd: number
    try {
      fd = openSync(name, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    try {
      return new OpenFile(fd, fileIdentity(fstatSync(fd, {bigint: true})))
    } catch (error) {
      closeSync(fd)
      throw error
    }
  }

  read(offset: number, length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const read = readSync(this.fd, buffer, done, length - done, offset + done)
      if (read === 0) break
      done += read
    }
    return done === length ? buffer : buffer.subarray(0, done)
  }

  /** Everything it holds now. */
  readAll(): Buffer {
    const chunks: Buffer[] = []
    for (let offset = 0; ; ) {
      const chunk = this.read(offset, 1 << 20)
      if (chunk.length === 0) break
      chunks.push(chunk)
      offset += chunk.length
    }
    return Buffer.concat(chunks)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
  }
}

function fileIdentity(stat: {dev: bigint; ino: bigint}): string {
  return `${stat.dev}:${stat.ino}`
}

/** Where a record is: a line of the open file (`canonical`: in the fixed field order), or held here (a line appended to a file since replaced). */
type Place = {offset: number; length: number; canonical: boolean} | {line: string}

/** A record's place among its key's others: how it ranks, and when it came (later ones win ties). */
interface Entry extends Ranked {
  index: number
}

/** How many parsed records the index keeps for lookups that come again (a file's segments are looked up more than once). */
const cachedRecords = 1024
/** And how many characters of their lines, at most: a few huge records should not be held. */
const cachedCharacters = 4_000_000

/**
 * The index: for each key its records' indexes, preferred first (a key with one record, by far the most,
 * holds the bare number); for each index, its place. A record is read and parsed when asked for.
 */
class Records {
  file: OpenFile | undefined
  count = 0
  private readonly byKey = new Map<string, number | Entry[]>()
  private readonly offsets: number[] = []
  private readonly lengths: number[] = []
  /** Records whose line in the file is not in the fixed field order. */
  private readonly unusual = new Set<number>()
  private readonly held = new Map<number, string>()
  /** Parsed records, with the length of their lines, oldest first. */
  private readonly cache = new Map<number, {record: MemoryRecord; length: number}>()
  private cachedLength = 0

  constructor(file?: OpenFile) {
    this.file = file
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys()
  }

  indexes(key: string): readonly number[] {
    const slot = this.byKey.get(key)
    if (slot === undefined) return []
    return typeof slot === 'number' ? [slot] : slot.map((entry) => entry.index)
  }

  /** Every index, key by key. */
  *all(): IterableIterator<number> {
    for (const key of this.byKey.keys()) yield* this.indexes(key)
  }

  /**
   * Add a record at `place`, unless its key has an identical line already (`line`, the fixed-order line,
   * is then compared; undefined when the caller knows the line is new).
   */
  add(record: Ranked & {key: string}, place: Place, line: string | undefined): boolean {
    const slot = this.byKey.get(record.key)
    if (slot !== undefined && line !== undefined) {
      for (const index of typeof slot === 'number' ? [slot] : slot.map((entry) => entry.index)) {
        if (this.normalizedLine(index) === line) return false
      }
    }
    const index = this.offsets.length
    if ('line' in place) {
      this.offsets.push(-1)
      this.lengths.push(0)
      this.held.set(index, place.line)
    } else {
      this.offsets.push(place.offset)
      this.lengths.push(place.length)
      if (!place.canonical) this.unusual.add(index)
    }
    this.count++
    if (slot === undefined) {
      this.byKey.set(record.key, index)
      return true
    }
    const entries: Entry[] = typeof slot === 'number' ? [this.entry(slot)] : slot
    const entry = {index, origin: record.origin, date: record.date}
    // Few records share a key: a sorted insert is enough. Of two that tie, the later one comes first.
    let at = 0
    while (at < entries.length && compareRecords(entries[at] as Entry, entry) < 0) at++
    entries.splice(at, 0, entry)
    this.byKey.set(record.key, entries)
    return true
  }

  /** The record at `index`, parsed; `cache` keeps it for the next lookup. */
  record(index: number, cache = true): MemoryRecord {
    const cached = this.cache.get(index)
    if (cached) return cached.record
    const text = this.text(index)
    let record: MemoryRecord
    try {
      record = JSON.parse(text) as MemoryRecord
    } catch (cause) {
      throw this.changed(cause)
    }
    // A line where the index says: the same key, or the file is not what was read.
    const slot = typeof record === 'object' && record !== null && typeof record.key === 'string' ? this.byKey.get(record.key) : undefined
    if (slot !== index && !(Array.isArray(slot) && slot.some((entry) => entry.index === index))) throw this.changed()
    if (cache) {
      this.cache.set(index, {record, length: text.length})
      this.cachedLength += text.length
      for (const [old, stored] of this.cache) {
        if (this.cache.size <= cachedRecords && this.cachedLength <= cachedCharacters) break
        this.cache.delete(old)
        this.cachedLength -= stored.length
      }
    }
    return record
  }

  /** The line the file should hold for the record at `index`. */
  normalizedLine(index: number): string {
    return this.unusual.has(index) ? recordLine(this.record(index, false)) : this.text(index)
  }

  /** Whether the record at `index` is a line of the open file that ends before `size`. */
  within(index: number, size: number): boolean {
    const offset = this.offsets[index] ?? -1
    return offset >= 0 && offset + (this.lengths[index] ?? 0) <= size
  }

  private text(index: number): string {
    const held = this.held.get(index)
    if (held !== undefined) return held
    const offset = this.offsets[index] ?? -1
    const length = this.lengths[index] ?? 0
    if (!this.file || offset < 0) throw this.changed()
    const bytes = this.file.read(offset, length)
    if (bytes.length !== length) throw this.changed()
    return bytes.toString('utf8')
  }

  private entry(index: number): Entry {
    const {origin, date} = this.record(index, false)
    return {index, origin, date}
  }

  private changed(cause?: unknown): MemoryError {
    return new MemoryError(
      phrase('errors.memory.changedInPlace', 'the memory file was changed in place while tandem read it (not by tandem, which replaces it whole); run again'),
      cause === undefined ? {} : {cause}
    )
  }
}

/**
 * A line of the file being rewritten: what its order needs (its target only for ties), and where its bytes
 * are, in the fixed field order. The records themselves are not kept: a large memory is rewritten in little more
 * than its bytes.
 */
class StoredLine implements OrderedLine {
  readonly record: Ranked & {key: string; part?: {of: string}; readonly target: string}
  private readonly source: Buffer
  private readonly start: number
  private readonly end: number

  constructor(record: MemoryRecord, source: Buffer, start = 0, end = source.length) {
    this.source = source
    this.start = start
    this.end = end
    const {key, origin, date, part} = record
    let target: string | undefined
    const read = () => (JSON.parse(this.line) as MemoryRecord).target
    this.record = {
      key,
      origin,
      date,
      ...(part ? {part: {of: part.of}} : {}),
      get target() {
        return (target ??= read())
      }
    }
  }

  get length(): number {
    return this.end - this.start
  }

  get line(): string {
    return this.source.toString('utf8', this.start, this.end)
  }

  same(other: StoredLine): boolean {
    return this.length === other.length && this.source.compare(other.source, other.start, other.end, this.start, this.end) === 0
  }

  copyTo(target: Buffer, at: number): void {
    this.source.copy(target, at, this.start, this.end)
  }
}

/** Append `bytes` to `file` with fsync; resolves to where they went: the offset, and which file (device and inode). */
async function appendBytes(file: string, bytes: Buffer): Promise<{offset: number; identity: string}> {
  const handle = await open(file, 'a')
  try {
    const stat = await handle.stat({bigint: true})
    await handle.appendFile(bytes)
    await handle.sync()
    return {offset: Number(stat.size), identity: fileIdentity(stat)}
  } finally {
    await handle.close()
  }
}
