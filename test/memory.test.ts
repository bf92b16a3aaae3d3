import {mkdir, mkdtemp, readFile, readdir, rm, rmdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {MemoryError} from '../src/core/errors.ts'
import {memoryKey} from '../src/core/key.ts'
import {pairFiles as pairTranslations, type PairFilesOptions as PairOptions} from '../src/pipeline/pair-files.ts'
import {TranslationMemory, type MemoryRecord} from '../src/memory/translation-memory.ts'

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

async function openError(file: string): Promise<MemoryError> {
  try {
    await TranslationMemory.open(file)
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

  it('compacts to one line per key, sorted by key, with a fixed field order', async () => {
    await writeFile(
      memoryPath,
      [
        '{"date":"2025-04-28","targetLang":"en-US","sourceLang":"de","origin":"mt","target":"Target c","source":"Quelle c","key":"c"}',
        '{"key":"a","source":"Quelle a","target":"old","origin":"mt","sourceLang":"de","targetLang":"en-US","date":"2025-01-01"}',
        '{"billedCharacters":8,"model":"m","provider":"deepl","key":"b","source":"Quelle b","target":"Target b","origin":"human","sourceLang":"de","targetLang":"en-US","date":"2025-04-28"}',
        line('a').trimEnd(),
        ''
      ].join('\n')
    )
    const file = memoryPath
    const memory = await TranslationMemory.open(file)
    // The later line of a key wins.
    expect(memory.get('a')?.target).toBe('Target a')
    expect(await memory.compact()).toBe(true)
    expect(await readFile(file, 'utf8')).toBe(
      line('a') +
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

  it('drops a truncated last line (a crash mid-append) and repairs the file', async () => {
    const file = memoryPath
    await writeFile(file, line('b') + line('a') + '{"key":"c","source":"Quel')
    const memory = await TranslationMemory.open(file)
    expect(memory.size).toBe(2)
    expect(memory.get('c')).toBeUndefined()
    // Repaired at once, sorted, so that the next append starts on a line of its own.
    expect(await readFile(file, 'utf8')).toBe(line('a') + line('b'))
    await memory.append([record('c')])
    const reopened = await TranslationMemory.open(file)
    expect([...reopened.entries()].map((item) => item.key).sort()).toEqual(['a', 'b', 'c'])
    expect((await readdir(directory)).sort()).toEqual(['de-en.jsonl'])
  })

  it('throws a MemoryError naming path:line for a corrupt line in the middle', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + '{"key":"b","source":\n' + line('c'))
    const error = await openError(file)
    expect(error.message.startsWith(`${file}:2: not a JSON object: `)).toBe(true)
    expect(error.name).toBe('MemoryError')
    expect(error.cause).toBeInstanceOf(SyntaxError)
    // The file is left as it was for a person to repair.
    expect(await readFile(file, 'utf8')).toBe(line('a') + '{"key":"b","source":\n' + line('c'))
  })

  it('counts blank lines in the line number', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + '\n' + 'nonsense\n')
    expect((await openError(file)).message.startsWith(`${file}:3: not a JSON object: `)).toBe(true)
  })

  it('rejects a record with an invalid origin', async () => {
    const file = memoryPath
    await writeFile(file, line('a') + line('b').replace('"origin":"mt"', '"origin":"robot"'))
    expect((await openError(file)).message).toBe(`${file}:2: \`origin\` must be one of mt, human, import, not \`robot\``)
  })

  it('rejects a record with a missing or non-string field', async () => {
    const file = memoryPath
    await writeFile(file, line('a').replace('"target":"Target a",', ''))
    expect((await openError(file)).message).toBe(`${file}:1: field \`target\` must be a string`)
    await writeFile(file, line('a').replace('"date":"2025-04-28"', '"date":20250428'))
    expect((await openError(file)).message).toBe(`${file}:1: field \`date\` must be a string`)
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
      (await pairError('---\ntitle: Titel\n---\n', '---\ndescription: Title\n---\n')).message
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
