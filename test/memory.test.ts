import {createHash} from 'node:crypto'
import {mkdir, mkdtemp, readFile, readdir, rm, rmdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {MemoryError} from '../src/core/errors.ts'
import {memoryKey, recordId} from '../src/core/key.ts'
import {pairFiles as pairTranslations, type PairFilesOptions as PairOptions} from '../src/pipeline/pair-files.ts'
import {MemoryFileError, TranslationMemory, type MemoryRecord} from '../src/memory/translation-memory.ts'

let directory: string
let memoryPath: string

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tandem-memory-'))
  memoryPath = path.join(directory, 'de-en.jsonl')
})

afterEach(async () => {
  await rm(directory, {recursive: true, force: true})
})

function record(key: string, extra: Partial<MemoryRecord> = {}): MemoryRecord {
  return {
    key,
    source: `Quelle ${key}`,
    target: `Target ${key}`,
    origin: 'mt',
    sourceLang: 'de',
    targetLang: 'en-US',
    date: '2025-04-28',
    ...extra
  }
}

/** The file as the fixed-order JSON line compact() writes for `record(key)`. */
function line(key: string): string {
  return `{"key":"${key}","source":"Quelle ${key}","target":"Target ${key}","origin":"mt","sourceLang":"de","targetLang":"en-US","date":"2025-04-28"}\n`
}

/** `line:column: reason`, fatal, ruleId: a message as the CLI prints it, less the file name. */
function placed(message: VFileMessage): [string, boolean | null | undefined, string | undefined] {
  return [`${message.line}:${message.column}: ${message.reason}`, message.fatal, message.ruleId]
}

async function openError(file: string): Promise<MemoryError> {
  try {
    await TranslationMemory.open(file, {root: directory})
  } catch (error) {
    expect(error).toBeInstanceOf(MemoryError)
    return error as MemoryError
  }
  throw new Error('expected a MemoryError')
}

describe('TranslationMemory', () => {
  it('opens a missing file as an empty memory, without creating it', async () => {
    const file = path.join(directory, 'memory', 'de-en.jsonl')
    const memory = await TranslationMemory.open(file)
    expect(memory.size).toBe(0)
    expect(memory.get('a')).toBeUndefined()
    expect([...memory.entries()]).toEqual([])
    expect(await memory.compact()).toBe(false)
    await expect(readFile(file, 'utf8')).rejects.toMatchObject({code: 'ENOENT'})
  })

  it('creates the memory folder on the first append (a fresh project has no memory/ yet)', async () => {
    // The first paid batch of a new project must land on disk, not fail with ENOENT.
    const file = path.join(directory, 'memory', 'de-en.jsonl')
    const memory = await TranslationMemory.open(file)
    await memory.append([record('a')])
    expect(await readFile(file, 'utf8')).toBe(line('a'))
  })

  it('appends records that a reopened memory finds', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([record('b'), record('a', {provider: 'deepl', model: 'quality_optimized', billedCharacters: 12})])
    expect(memory.get('b')?.target).toBe('Target b')

    const reopened = await TranslationMemory.open(memoryPath)
    expect(reopened.size).toBe(2)
    expect(reopened.get('a')).toEqual(
      record('a', {provider: 'deepl', model: 'quality_optimized', billedCharacters: 12})
    )
    expect(reopened.get('b')).toEqual(record('b'))
    // Appended in call order, not yet sorted.
    expect(await readFile(memoryPath, 'utf8')).toBe(
      line('b') +
        '{"key":"a","source":"Quelle a","target":"Target a","origin":"mt","sourceLang":"de","targetLang":"en-US","provider":"deepl","model":"quality_optimized","date":"2025-04-28","billedCharacters":12}\n'
    )
  })

  it('ignores an empty append', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([])
    expect(await memory.compact()).toBe(false)
  })

  it('compacts sorted by key, then preference, with a fixed field order, keeping every record of a key', async () => {
    const oldA = '{"key":"a","source":"Quelle a","target":"old","origin":"mt","sourceLang":"de","targetLang":"en-US","date":"2025-01-01"}'
    await writeFile(
      memoryPath,
      [
        '{"date":"2025-04-28","targetLang":"en-US","sourceLang":"de","origin":"mt","target":"Target c","source":"Quelle c","key":"c"}',
        oldA,
        '{"billedCharacters":8,"model":"m","provider":"deepl","key":"b","source":"Quelle b","target":"Target b","origin":"human","sourceLang":"de","targetLang":"en-US","date":"2025-04-28"}',
        line('a').trimEnd(),
        ''
      ].join('\n')
    )
    const file = memoryPath
    const memory = await TranslationMemory.open(file)
    // The newer record of a key is preferred; the older one stays.
    expect(memory.get('a')?.target).toBe('Target a')
    expect(memory.all('a').map((entry) => entry.target)).toEqual(['Target a', 'old'])
    expect(memory.size).toBe(4)
    expect(await memory.compact()).toBe(true)
    expect(await readFile(file, 'utf8')).toBe(
      line('a') +
        oldA +
        '\n' +
        '{"key":"b","source":"Quelle b","target":"Target b","origin":"human","sourceLang":"de","targetLang":"en-US","provider":"deepl","model":"m","date":"2025-04-28","billedCharacters":8}\n' +
        line('c')
    )
    expect(await memory.compact()).toBe(false)
  })

  it('compact() after appends sorts them in, and returns false when nothing changed', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([record('m')])
    await memory.append([record('c'), record('x')])
    expect(await memory.compact()).toBe(true)
    expect(await readFile(memoryPath, 'utf8')).toBe(line('c') + line('m') + line('x'))
    expect(await memory.compact()).toBe(false)

    const reopened = await TranslationMemory.open(memoryPath)
    expect(await reopened.compact()).toBe(false)
    // Re-appending a record it already holds changes nothing once compacted.
    await reopened.append([record('m')])
    expect(await readFile(memoryPath, 'utf8')).toBe(line('c') + line('m') + line('x') + line('m'))
    expect(await reopened.compact()).toBe(true)
    expect(await readFile(memoryPath, 'utf8')).toBe(line('c') + line('m') + line('x'))
  })

  it('sorts keys by code unit, not by locale', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([record('b'), record('B'), record('ä'), record('a')])
    await memory.compact()
    expect(await readFile(memoryPath, 'utf8')).toBe(line('B') + line('a') + line('b') + line('ä'))
  })

  it('moves a truncated last line (a crash mid-append) to a side file with a warning, and repairs the file', async () => {
    const file = memoryPath
    await writeFile(file, line('b') + line('a') + '{"key":"c","source":"Quel')
    const memory = await TranslationMemory.open(file, {root: directory})
    expect(memory.size).toBe(2)
    expect(memory.get('c')).toBeUndefined()
    expect(memory.file.messages.map(placed)).toEqual([
      [
        '3:1: the last line is cut short (a crash while appending); moved to `de-en.jsonl.rejected`, the records before it are kept',
        false,
        'memory-torn-line'
      ]
    ])
    // Repaired at once, sorted, so that the next append starts on a line of its own; nothing is lost.
    expect(await readFile(file, 'utf8')).toBe(line('a') + line('b'))
    expect(await readFile(`${file}.rejected`, 'utf8')).toBe('{"key":"c","source":"Quel\n')
    await memory.append([record('c')])
    const reopened = await TranslationMemory.open(file)
    expect([...reopened.entries()].map((item) => item.key).sort()).toEqual(['a', 'b', 'c'])
    expect(reopened.file.messages).toEqual([])
    expect((await readdir(directory)).sort()).toEqual(['de-en.jsonl', 'de-en.jsonl.rejected'])
  })

  it('throws a MemoryError at path:line:column, relative to the root, for a corrupt line in the middle', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + '{"key":"b","source":\n' + line('c'))
    const error = await openError(file)
    expect(error.message).toBe('de-en.jsonl:2:21: not JSON: the line ends inside the record')
    expect(error.name).toBe('MemoryError')
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect(error).toBeInstanceOf(MemoryFileError)
    const messages = (error as MemoryFileError).file.messages
    expect(messages.map(placed)).toEqual([
      ['2:21: not JSON: the line ends inside the record', true, 'memory-json']
    ])
    // The file is left as it was for a person to repair.
    expect(await readFile(file, 'utf8')).toBe(line('a') + '{"key":"b","source":\n' + line('c'))
  })

  it('reports every broken line, each at the column JSON goes wrong', async () => {
    const lines = [
      line('a').trimEnd(),
      '<<<<<<< HEAD',
      '{"key":"b",}',
      '{"key":"b" "source":"x"}',
      '{"key":"b","source":"a\tb"}',
      '{"key":"b","source":"\\q"}',
      '{"key":01}',
      line('c').trimEnd() + ' x',
      '[1,2]',
      line('d').trimEnd()
    ]
    await writeFile(memoryPath, lines.join('\n') + '\n')
    const error = (await openError(memoryPath)) as MemoryFileError
    expect(error.message).toBe('de-en.jsonl:2:1: not JSON: expected a value (and 7 more broken lines)')
    expect(error.file.messages.map((message) => placed(message)[0])).toEqual([
      '2:1: not JSON: expected a value',
      '3:12: not JSON: expected a field name in double quotes',
      '4:12: not JSON: expected `,` or `}`',
      '5:23: not JSON: a control character inside a string; escape it',
      '6:22: not JSON: `\\q` is not a JSON escape',
      '7:9: not JSON: not a JSON number',
      `8:${line('c').length + 1}: not JSON: unexpected text after the record`,
      '9:1: not a JSON object'
    ])
  })

  it('counts blank lines in the line number', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + '\n' + 'nonsense\n')
    expect((await openError(file)).message).toBe('de-en.jsonl:3:1: not JSON: expected a value')
  })

  it('rejects a record with an invalid origin, at the origin', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + line('b').replace('"origin":"mt"', '"origin":"robot"'))
    expect((await openError(file)).message).toBe('de-en.jsonl:2:61: `origin` must be one of mt, human, import, not `robot`')
  })

  it('rejects a record with a missing or wrongly typed field, at the field', async () => {
    const file = memoryPath
    await writeFile(file, line('a').replace('"target":"Target a",', ''))
    expect((await openError(file)).message).toBe('de-en.jsonl:1:1: field `target` must be a string')
    // The column is that of the field's value.
    const wrong = async (from: string, to: string, value: string) => {
      const text = line('a').replace(from, to)
      await writeFile(file, text)
      return [(await openError(file)).message, text.indexOf(value) + 1]
    }
    expect(await wrong('"date":"2025-04-28"', '"date":20250428', '20250428')).toEqual(['de-en.jsonl:1:112: field `date` must be a string', 112])
    expect(await wrong('"date"', '"billedCharacters":-1,"date"', '-1')).toEqual([
      'de-en.jsonl:1:124: field `billedCharacters` must be a whole number',
      124
    ])
    expect(await wrong('"date"', '"postEdit":{"characters":1},"date"', '{"characters')).toEqual([
      'de-en.jsonl:1:116: field `postEdit` must be {characters, ter} with numbers',
      116
    ])
    expect(await wrong('"date"', '"author":7,"date"', '7,')).toEqual(['de-en.jsonl:1:114: field `author` must be a string', 114])
  })

  it('reports invalid UTF-8 at its line and column', async () => {
    await writeFile(memoryPath, Buffer.concat([Buffer.from(line('a') + '{"key":"'), Buffer.from([0xff]), Buffer.from('"}\n')]))
    expect((await openError(memoryPath)).message).toBe(`de-en.jsonl:2:9: not valid UTF-8 at byte ${Buffer.byteLength(line('a')) + 8}`)
  })

  it('lands every one of many concurrent appends, each line whole', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    const keys = Array.from({length: 40}, (_, index) => `k${String(index).padStart(2, '0')}`)
    await Promise.all(keys.map((key) => memory.append([record(key, {target: `Target ${key} `.repeat(50)})])))
    const reopened = await TranslationMemory.open(memoryPath)
    expect(reopened.size).toBe(40)
    expect([...reopened.entries()].map((item) => item.key).sort()).toEqual(keys)
    const lines = (await readFile(memoryPath, 'utf8')).split('\n')
    expect(lines).toHaveLength(41)
    expect(lines.at(-1)).toBe('')
  })

  it('keeps later appends working after one failed', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    // A folder in the memory's place makes the first append fail.
    await mkdir(memoryPath)
    await expect(memory.append([record('a')])).rejects.toMatchObject({code: 'EISDIR'})
    await rmdir(memoryPath)
    await memory.append([record('b')])
    expect(await readFile(memoryPath, 'utf8')).toBe(line('b'))
  })

  it('appends to a file whose last record lacks the final newline without gluing two records together', async () => {
    // Hand-edited or merged files often end without a newline; the record itself is whole.
    const file = memoryPath
    await writeFile(file, line('a') + line('b').trimEnd())
    const memory = await TranslationMemory.open(file)
    expect(memory.size).toBe(2)
    await memory.append([record('c')])
    const reopened = await TranslationMemory.open(file)
    expect([...reopened.entries()].map((item) => item.key).sort()).toEqual(['a', 'b', 'c'])
  })
})

describe('several records per key', () => {
  const mt = record('k', {target: 'machine', date: '2025-03-01', provider: 'deepl', billedCharacters: 9})
  const human = record('k', {
    target: 'by hand',
    origin: 'human',
    date: '2025-01-01',
    author: 'ed',
    replaces: recordId(mt),
    postEdit: {characters: 5, ter: 0.5},
    note: 'names'
  })
  const imported = record('k', {target: 'imported', origin: 'import', date: '2025-02-01'})

  it('prefers human over import over mt whatever the dates, and lists all of them in that order', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([mt, imported, human])
    expect(memory.get('k')).toEqual(human)
    expect(memory.all('k')).toEqual([human, imported, mt])
    expect(memory.all('missing')).toEqual([])
    const reopened = await TranslationMemory.open(memoryPath)
    expect(reopened.all('k')).toEqual([human, imported, mt])
  })

  it('prefers the newest date within an origin, then the last appended', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    const older = record('k', {target: 'older', date: '2025-01-01'})
    const newer = record('k', {target: 'newer', date: '2025-06-01'})
    const again = record('k', {target: 'again', date: '2025-06-01'})
    await memory.append([newer, older])
    expect(memory.get('k')?.target).toBe('newer')
    await memory.append([again])
    expect(memory.get('k')?.target).toBe('again')
    expect(memory.all('k').map((entry) => entry.target)).toEqual(['again', 'newer', 'older'])
  })

  it('keeps identical records once, in memory and in the compacted file', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    await memory.append([mt, {...mt}])
    await memory.append([mt])
    expect(memory.size).toBe(1)
    expect(memory.all('k')).toEqual([mt])
    await memory.compact()
    expect((await readFile(memoryPath, 'utf8')).split('\n')).toHaveLength(2)
  })

  it('writes the file sorted by key, origin (human, import, mt), newest date, then target, with the new fields in a fixed order', async () => {
    const memory = await TranslationMemory.open(memoryPath)
    const b = record('b', {target: 'z'})
    const b2 = record('b', {target: 'a'})
    await memory.append([mt, b, imported, b2, human, record('a')])
    await memory.compact()
    const lines = (await readFile(memoryPath, 'utf8')).trimEnd().split('\n')
    expect(lines.map((text) => {
      const entry = JSON.parse(text) as MemoryRecord
      return `${entry.key} ${entry.origin} ${entry.date} ${entry.target}`
    })).toEqual([
      'a mt 2025-04-28 Target a',
      'b mt 2025-04-28 a',
      'b mt 2025-04-28 z',
      'k human 2025-01-01 by hand',
      'k import 2025-02-01 imported',
      'k mt 2025-03-01 machine'
    ])
    expect(lines[3]).toBe(
      `{"key":"k","source":"Quelle k","target":"by hand","origin":"human","sourceLang":"de","targetLang":"en-US","date":"2025-01-01","author":"ed","replaces":"${recordId(mt)}","postEdit":{"characters":5,"ter":0.5},"note":"names"}`
    )
    // Sorted and canonical: a reopened memory has nothing to compact.
    expect(await (await TranslationMemory.open(memoryPath)).compact()).toBe(false)
  })

  it('recordId is the first 16 hex digits of sha256(key NUL origin NUL target)', () => {
    expect(recordId(mt)).toBe(createHash('sha256').update('k\0mt\0machine').digest('hex').slice(0, 16))
    expect(recordId(mt)).toMatch(/^[0-9a-f]{16}$/)
    const later: MemoryRecord = {...mt, date: '2030-01-01'}
    expect(recordId(later)).toBe(recordId(mt))
    expect(recordId(human)).not.toBe(recordId(mt))
  })
})

describe('pairTranslations', () => {
  const options: PairOptions = {
    sourceLang: 'de',
    targetLang: 'en-US',
    frontmatterFields: ['title', 'description', 'summary'],
    origin: 'human',
    date: '2025-04-28'
  }

  const german = `---
title: Russland gesteht
lang: de
---

# Nordkoreanische Soldaten

Laut [Reuters](https://reuters.example) kämpfen sie in **Kursk**.

## Details

- **Vorfall:** Terrorismus
- **Quellen:**
`

  const english = `---
title: Russia admits
lang: en
translation:
  of: content/de/a.md
---

# North Korean soldiers

According to [Reuters](https://reuters.example), they fight in **Kursk**.

## Details

- **Incident:** Terrorism
- **Sources:**
`

  function files(de: string, en: string): [VFile, VFile] {
    return [new VFile({path: 'content/de/a.md', value: de}), new VFile({path: 'content/en/a.md', value: en})]
  }

  async function pairError(de: string, en: string): Promise<{message: string; german: VFile; english: VFile}> {
    const [germanFile, englishFile] = files(de, en)
    try {
      await pairTranslations(germanFile, englishFile, options)
    } catch (error) {
      return {message: String(error), german: germanFile, english: englishFile}
    }
    throw new Error('expected pairTranslations to fail')
  }

  it('pairs the blocks of a German and an English file into human records', async () => {
    const [germanFile, englishFile] = files(german, english)
    const key = (source: string) => memoryKey({source, glossary: [], sourceLang: 'de', targetLang: 'en-US'})
    const common = {origin: 'human', sourceLang: 'de', targetLang: 'en-US', date: '2025-04-28'} as const
    expect(await pairTranslations(germanFile, englishFile, options)).toEqual([
      {key: key('Russland gesteht'), source: 'Russland gesteht', target: 'Russia admits', ...common},
      {key: key('Nordkoreanische Soldaten'), source: 'Nordkoreanische Soldaten', target: 'North Korean soldiers', ...common},
      {
        key: key('Laut <a id="1">Reuters</a> kämpfen sie in <b>Kursk</b>.'),
        source: 'Laut <a id="1">Reuters</a> kämpfen sie in <b>Kursk</b>.',
        target: 'According to <a id="1">Reuters</a>, they fight in <b>Kursk</b>.',
        ...common
      },
      {key: key('Terrorismus'), source: 'Terrorismus', target: 'Terrorism', ...common}
    ])
    expect(germanFile.messages).toEqual([])
  })

  it('fails when the German file has more blocks, at the first unpaired German block', async () => {
    const result = await pairError('# Kopf\n\nEins.\n\nZwei.\n', '# Head\n\nOne.\n')
    expect(result.message).toBe('content/de/a.md:5:1: the German file has more blocks than the other (3 German, 2 English)')
  })

  it('fails when a block kind differs, naming both kinds and the English position', async () => {
    const result = await pairError('# Kopf\n\nEins.\n', 'Head\n\n- One.\n')
    expect(result.message).toBe('content/de/a.md:1:1: block 1 does not pair: German heading against English paragraph at 1:1')
    expect(result.german.messages.map((message) => message.ruleId)).toEqual(['pair-mismatch'])
  })

  it('fails when a front-matter field or Details label differs', async () => {
    expect(
      // With a body: a file of front matter alone is refused before pairing (`empty-body`).
      (await pairError('---\ntitle: Titel\n---\n\nText.\n', '---\ndescription: Title\n---\n\nText.\n')).message
    ).toBe('content/de/a.md:2:8: block 1 does not pair: German front-matter `title` against English front-matter `description` at 2:14')
    expect(
      (await pairError('## Details\n\n- **Ort:** Kursk\n', '## Details\n\n- **Cause:** Kursk\n')).message
    ).toBe(
      'content/de/a.md:3:12: block 2 does not pair: German detail `details.labels.place` against English detail `details.labels.cause` at 3:14'
    )
  })

  it('fails when a block has a different number of links or placeholders', async () => {
    const result = await pairError('Mit [Link](https://x.example) und `code`.\n', 'With a link and `code`.\n')
    expect(result.message).toBe('content/de/a.md:1:1: block 1 has 2 links or placeholders in German and 1 in English')
  })

  it('fails when the English file has more blocks, at a place in the English file', async () => {
    // The extra block is at 5:1 in the English file; the German file has only 3 lines.
    const result = await pairError('# Kopf\n\nEins.\n', '# Head\n\nOne.\n\nExtra.\n')
    expect(result.message).toBe('content/en/a.md:5:1: the English file has more blocks than the other (2 German, 3 English)')
  })
})
