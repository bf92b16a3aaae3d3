import {mkdir, open, readFile} from 'node:fs/promises'
import path from 'node:path'
import {MemoryError} from '../core/errors.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'

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
  /** Who made a human record. */
  author?: string
  /** The `recordId()` of the record this human edit replaced; that record stays in the memory. */
  replaces?: string
  note?: string
  /**
   * Set on a piece of a segment too large for one request (key: `partKey()`): kept so that a build cut short
   * never pays for it again, and dropped by `compact()` once the whole segment is in the memory.
   */
  part?: MemoryPart
  /** Set on a pair found by `tandem memory align`: where each side was, and how sure the alignment was. */
  alignedFrom?: AlignedFrom
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

const origins = new Set<string>(['mt', 'human', 'import'])

/**
 * The translation memory: a sorted JSONL file, read whole, appended to as results arrive
 * (so a crash loses nothing that was paid for) and re-sorted atomically by `compact()`.
 */
export class TranslationMemory {
  readonly path: string
  private readonly records = new Map<string, MemoryRecord>()
  private appending: Promise<void> = Promise.resolve()
  private dirty = false

  private constructor(path: string) {
    this.path = path
  }

  /** Read the memory at `path`; a missing file is an empty memory. */
  static async open(path: string): Promise<TranslationMemory> {
    const memory = new TranslationMemory(path)
    let text = ''
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const lines = text.split('\n')
    let cut = false
    let previousKey = ''
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') {
        if (index < lines.length - 1) memory.dirty = true
        continue
      }
      // A crash can cut the last appended line short; what was whole before it still counts.
      const isUnfinished = index === lines.length - 1
      const record = parseRecord(line, `${path}:${index + 1}`, isUnfinished)
      if (!record) {
        cut = true
        continue
      }
      // Checked line by line: rebuilding the whole file to compare would double its memory.
      if (record.key <= previousKey || line !== JSON.stringify(normalizeRecord(record))) memory.dirty = true
      previousKey = record.key
      memory.records.set(record.key, record)
    }
    // Appending after a cut or unterminated line would glue the next record onto it.
    if (cut || (text !== '' && !text.endsWith('\n'))) {
      memory.dirty = true
      await memory.compact()
    }
    return memory
  }

  get size(): number {
    return this.records.size
  }

  get(key: string): MemoryRecord | undefined {
    return this.records.get(key)
  }

  /** Add records and append them to the file with fsync before resolving. */
  async append(records: readonly MemoryRecord[]): Promise<void> {
    if (records.length === 0) return
    for (const record of records) this.records.set(record.key, record)
    this.dirty = true
    const lines = records.map((record) => JSON.stringify(normalizeRecord(record)) + '\n').join('')
    const write = this.appending.then(async () => {
      await mkdir(path.dirname(this.path), {recursive: true})
      const handle = await open(this.path, 'a')
      try {
        await handle.appendFile(lines, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
    })
    // Later appends wait for this one, even if it failed.
    this.appending = write.catch(() => undefined)
    return write
  }

  /** Rewrite the file sorted by key, one record per key; returns whether it changed. */
  async compact(): Promise<boolean> {
    await this.appending
    if (!this.dirty) return false
    // Another build may have appended since this one read the file: keep its records (a sorted union).
    for (const record of await readRecords(this.path)) if (!this.records.has(record.key)) this.records.set(record.key, record)
    const changed = await writeFileAtomic(this.path, serialize(this.records))
    this.dirty = false
    return changed
  }

  /** Every record of `key` (the shared memory model keeps several; this store, until it lands, one). */
  all(key: string): MemoryRecord[] {
    const record = this.records.get(key)
    return record ? [record] : []
  }

  entries(): IterableIterator<MemoryRecord> {
    return this.records.values()
  }
}

function serialize(records: ReadonlyMap<string, MemoryRecord>): string {
  return [...records.values()]
    .filter((record) => !record.part || !records.has(record.part.of))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((record) => JSON.stringify(normalizeRecord(record)) + '\n')
    .join('')
}

/** A fixed key order, so that the file diffs cleanly. */
function normalizeRecord(record: MemoryRecord): MemoryRecord {
  const {key, source, target, origin, sourceLang, targetLang, provider, model, date, billedCharacters, author, replaces, note, part, alignedFrom} = record
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
    ...(author === undefined ? {} : {author}),
    ...(replaces === undefined ? {} : {replaces}),
    ...(note === undefined ? {} : {note}),
    ...(part === undefined ? {} : {part: {of: part.of, index: part.index, count: part.count}}),
    ...(alignedFrom === undefined ? {} : {alignedFrom: {de: alignedFrom.de, en: alignedFrom.en, confidence: alignedFrom.confidence}})
  }
}

function parseRecord(line: string, place: string, mayBeCut: boolean): MemoryRecord | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    if (mayBeCut) return undefined
    throw new MemoryError(`${place}: not a JSON object: ${(error as Error).message}`, {cause: error})
  }
  const record = value as Partial<Record<keyof MemoryRecord, unknown>>
  for (const field of ['key', 'source', 'target', 'origin', 'sourceLang', 'targetLang', 'date'] as const) {
    if (typeof record[field] !== 'string') throw new MemoryError(`${place}: field \`${field}\` must be a string`)
  }
  if (!origins.has(record.origin as string)) {
    throw new MemoryError(`${place}: \`origin\` must be one of mt, human, import, not \`${String(record.origin)}\``)
  }
  if (record.part !== undefined && !isPart(record.part)) throw new MemoryError(`${place}: \`part\` must be {of, index, count}`)
  return value as MemoryRecord
}

function isPart(value: unknown): value is MemoryPart {
  const part = value as Partial<Record<keyof MemoryPart, unknown>> | null
  return typeof part === 'object' && part !== null && typeof part.of === 'string' && Number.isInteger(part.index) && Number.isInteger(part.count)
}

/** The records in the file now; a missing file or a cut last line is no error here. */
async function readRecords(file: string): Promise<MemoryRecord[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const lines = text.split('\n')
  return lines.flatMap((line, index) =>
    line.trim() === '' ? [] : (parseRecord(line, `${file}:${index + 1}`, index === lines.length - 1) ?? [])
  )
}
