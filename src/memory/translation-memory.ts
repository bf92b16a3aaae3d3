import {mkdir, open, readFile} from 'node:fs/promises'
import path from 'node:path'
import {MemoryError} from '../errors.ts'
import {writeFileAtomic} from '../output/write-file-atomic.ts'

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
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue
      // A crash can cut the last appended line short; what was whole before it still counts.
      const isUnfinished = index === lines.length - 1
      const record = parseRecord(line, `${path}:${index + 1}`, isUnfinished)
      if (record) memory.records.set(record.key, record)
      else cut = true
    }
    if (text !== serialize(memory.records)) memory.dirty = true
    // Appending after a cut or unterminated line would glue the next record onto it.
    if (cut || (text !== '' && !text.endsWith('\n'))) await memory.compact()
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
    const changed = await writeFileAtomic(this.path, serialize(this.records))
    this.dirty = false
    return changed
  }

  entries(): IterableIterator<MemoryRecord> {
    return this.records.values()
  }
}

function serialize(records: ReadonlyMap<string, MemoryRecord>): string {
  return [...records.values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((record) => JSON.stringify(normalizeRecord(record)) + '\n')
    .join('')
}

/** A fixed key order, so that the file diffs cleanly. */
function normalizeRecord(record: MemoryRecord): MemoryRecord {
  const {key, source, target, origin, sourceLang, targetLang, provider, model, date, billedCharacters} = record
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
    ...(billedCharacters === undefined ? {} : {billedCharacters})
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
  return value as MemoryRecord
}
