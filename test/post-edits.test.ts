/**
 * Post-edits (issue 12, design.md "Post-edits"): an editor's changes to content/en survive every build, go into
 * the memory as human records, are flagged when the German changes under them, and an English edition that no
 * longer pairs is never overwritten. From the committed seed (whose translation is already human), and from
 * articles translated through the local DeepL server (machine records, post-edit distance).
 */
import {readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {afterEach, describe, expect, it} from 'vitest'
import {recordId} from '../src/core/key.ts'
import {taggedToPlain} from '../src/core/tagged-text.ts'
import {characterDistance, postEditDistance, translationEditRate} from '../src/memory/post-edit-distance.ts'
import {postEditReport} from '../src/memory/post-edit-report.ts'
import type {MemoryRecord} from '../src/memory/translation-memory.ts'
import {closeServers, copyFromRepo, createProject, deeplEnv, listFiles, removeProjects, startServer, type Project} from './project.ts'

afterEach(async () => {
  await removeProjects()
  await closeServers()
})

const slug = 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk.md'
const en = `content/en/${slug}`
const de = `content/de/${slug}`

async function seedProject(): Promise<Project> {
  const project = await createProject()
  await copyFromRepo(project, 'content/de', 'content/en', 'content/parallel', 'memory', 'glossary')
  return project
}

/** Every file of the project but the reader's, by path, as bytes in hex: what "changes no byte" compares. */
async function snapshot(project: Project, ...dirs: string[]): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const dir of dirs) {
    for (const file of await listFiles(path.join(project.root, dir))) {
      result[`${dir}/${file}`] = (await readFile(path.join(project.root, dir, file))).toString('hex')
    }
  }
  return result
}

/** The blocks of an English edition after its front matter. */
function blocks(markdown: string): string[] {
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n/, '').split('\n\n')
}

describe('post-edits in the seed article', () => {
  it('reads the committed seed as unchanged: a build adds no human record and changes no byte', async () => {
    const project = await seedProject()
    const before = await snapshot(project, 'content', 'memory')
    const run = await project.cli(['build'])
    expect(run).toEqual({code: 0, stdout: [], stderr: ['1 file: 0 built, 1 unchanged, 0 failed']})
    expect(await snapshot(project, 'content', 'memory')).toEqual(before)
  })

  it('keeps two edited paragraphs and the title everywhere, as human records beside the ones they replaced; a rebuild changes no byte; the memory brings them back', async () => {
    const project = await seedProject()
    const original = await project.read(en)
    const memoryBefore = await project.memory()
    const [, second] = blocks(original)
    const edited = original
      .replace('Russia has confirmed for the first time', 'Moscow has for the first time confirmed')
      .replace(second ?? '', (second ?? '').replace('Gerasimov also stated', 'Gerasimov further said'))
      .replace('title: "Russia admits: North Korean soldiers are fighting in Kursk!"', 'title: "Russia admits North Korean troops fight in Kursk"')
    expect(edited).not.toBe(original)
    await project.write(en, edited)

    const run = await project.cli(['build', '--author', 'Erika Editor'])
    expect(run.code, run.stderr.join('\n')).toBe(0)
    expect(run.stderr.at(-1)).toBe('1 file: 1 built, 0 unchanged, 0 failed; 3 post-edits kept as human translations')
    const english = await project.read(en)
    for (const text of ['Moscow has for the first time confirmed', 'Gerasimov further said', 'Russia admits North Korean troops fight in Kursk']) {
      expect(english).toContain(text)
      expect(await project.read(`content/parallel/${slug}`)).toContain(text)
      expect(await project.read(`site/articles/${slug.replace(/\.md$/, '.html')}`)).toContain(text)
    }

    const memory = await project.memory()
    // Every record from before is still there; three human ones were added, each naming the record it replaced.
    expect(memory).toEqual(expect.arrayContaining(memoryBefore))
    const added = memory.filter((record) => !memoryBefore.some((old) => JSON.stringify(old) === JSON.stringify(record)))
    expect(added).toHaveLength(3)
    for (const record of added) {
      expect(record).toMatchObject({origin: 'human', author: 'Erika Editor', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)})
      const replaced = memoryBefore.find((old) => old.key === record.key)
      expect(replaced).toBeDefined()
      expect(record.replaces).toBe(recordId(replaced as MemoryRecord))
    }
    expect(added.map((record) => taggedToPlain(record.target)).join('\n')).toContain('Moscow has for the first time confirmed')

    // A second build changes no byte.
    const built = await snapshot(project, 'content', 'memory', 'site')
    expect((await project.cli(['build'])).code).toBe(0)
    expect(await snapshot(project, 'content', 'memory', 'site')).toEqual(built)

    // The memory brings the human text back.
    await rm(path.join(project.root, en))
    expect((await project.cli(['build'])).code).toBe(0)
    expect(await project.read(en)).toBe(english)
  })

  it('flags a stale post-edit at the German line, sends the old human text as context, keeps it in the memory, lists it in status, and keeps it with --keep-stale', async () => {
    const project = await seedProject()
    await project.write(en, (await project.read(en)).replace('Russia has confirmed for the first time', 'Moscow has for the first time confirmed'))
    expect((await project.cli(['build'])).code).toBe(0)
    const human = (await project.memory()).find((record) => record.origin === 'human' && record.target.includes('Moscow has for the first time confirmed'))
    expect(human).toBeDefined()

    await project.write(de, (await project.read(de)).replace('Russland hat nun erstmals bestätigt', 'Russland hat jetzt erstmals bestätigt'))
    const deepl = await startServer()
    const run = await project.cli(['build'], deeplEnv(deepl))
    expect(run.code, run.stderr.join('\n')).toBe(0)
    const warning = run.stderr.find((line) => line.endsWith('stale-post-edit'))
    expect(warning).toMatch(
      new RegExp(`^content/de/${slug.replace(/\./g, '\\.')}:7:1  warning  the German changed under a human translation; it is replaced by a new translation, and kept in the memory: “Kursk, Russia — Moscow has for the first time confirmed`)
    )
    // The one changed paragraph went alone, with the old human translation as its context.
    const requests = deepl.translateRequests()
    expect(requests).toHaveLength(1)
    expect(requests[0]?.params.texts).toHaveLength(1)
    expect(requests[0]?.params.context).toContain('Moscow has for the first time confirmed')
    expect(await project.read(en)).not.toContain('Moscow has for the first time confirmed')
    expect(await project.read(`content/parallel/${slug}`)).toContain('⚠ stale post-edit: the German changed; the human translation was “Kursk, Russia — Moscow has')
    expect(await project.read(`site/articles/${slug.replace(/\.md$/, '.html')}`)).toContain('class="stale"')
    // The index says so beside the article, for the editor to review.
    expect(await project.read('site/index.html')).toContain('<span class="stale-count">1 stale post-edit</span>')
    expect(await project.memory()).toContainEqual(human)

    const status = await project.cli(['status'])
    expect(status.code).toBe(0)
    expect(status.stdout[0]).toMatch(/; 1 stale post-edit$/)
    expect(status.stdout[1]).toMatch(new RegExp(`^  content/de/${slug.replace(/\./g, '\\.')}:7:1  stale post-edit: “Kursk, Russia — Moscow has for the first time confirmed`))

    const kept = await project.cli(['build', '--keep-stale'])
    expect(kept.code, kept.stderr.join('\n')).toBe(0)
    expect(kept.stderr.find((line) => line.endsWith('stale-post-edit'))).toContain('which is kept as --keep-stale asks')
    expect(await project.read(en)).toContain('Moscow has for the first time confirmed')

    // Once the editor post-edits the paragraph of the new German, it is no longer stale.
    await project.write(en, (await project.read(en)).replace('Moscow has for the first time confirmed', 'Moscow has now confirmed for the first time'))
    const fixed = await project.cli(['build'])
    expect(fixed.code, fixed.stderr.join('\n')).toBe(0)
    expect(fixed.stderr.filter((line) => line.endsWith('stale-post-edit'))).toEqual([])
    expect(await project.read(en)).toContain('Moscow has now confirmed for the first time')
    expect((await project.cli(['status'])).stdout[0]).not.toContain('stale')
  })

  it('leaves an English edition with a deleted paragraph byte for byte as the editor left it, with an error at its line; --force rebuilds it and keeps the other post-edits', async () => {
    const project = await seedProject()
    const parts = blocks(await project.read(en))
    const english = await project.read(en)
    const deleted = parts[4] ?? ''
    expect(deleted).toMatch(/^In addition to these troops/)
    const edited = english.replace(`${deleted}\n\n`, '').replace('Gerasimov also stated', 'Gerasimov further said')
    await project.write(en, edited)

    const run = await project.cli(['build'])
    expect(run.code).toBe(1)
    const line = edited.split('\n').findIndex((text) => text.startsWith('## Facts and figures')) + 1
    expect(run.stderr).toContain(
      `content/en/${slug}:${line}:1  error  the English edition has 14 translated blocks where tandem wrote 15: a block was added, removed or merged near here; the file is left as it is (\`--force\` overwrites it, after what pairs is harvested)  post-edit-unpaired`
    )
    expect(await project.read(en)).toBe(edited)
    // What pairs was harvested all the same.
    expect((await project.memory()).some((record) => record.origin === 'human' && record.target.includes('Gerasimov further said'))).toBe(true)

    const forced = await project.cli(['build', '--force'])
    expect(forced.code, forced.stderr.join('\n')).toBe(0)
    const rebuilt = await project.read(en)
    expect(rebuilt).toContain(deleted)
    expect(rebuilt).toContain('Gerasimov further said')
  })

  it('reports an edit that breaks a link at its English line, keeps the file, and stores the edit', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Bericht\n\nDie Soldaten kämpfen in [Kursk](https://example.org/kursk).\n'}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const english = await project.read('content/en/a.md')
    expect(english).toContain('](https://example.org/kursk)')
    const broken = english.replace('](https://example.org/kursk)', '')
    await project.write('content/en/a.md', broken)
    const run = await project.cli(['build'])
    expect(run.code).toBe(1)
    const line = broken.split('\n').findIndex((text) => text.includes('[')) + 1
    expect(run.stderr.find((text) => text.endsWith('post-edit-markup'))).toBe(
      `content/en/a.md:${line}:1  error  this edit has 0 links or inline codes where the German has 1, or other ones: is a link unclosed?; the file is left as it is (\`--force\` overwrites it, after what pairs is harvested)  post-edit-markup`
    )
    expect(await project.read('content/en/a.md')).toBe(broken)
  })

  it('never overwrites an English edition that an editor saved while the build ran', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Bericht\n\nDie Soldaten kämpfen.\n'}})
    // The server answers late; the editor saves meanwhile.
    const deepl = await startServer({delayMs: 400})
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    await project.write('content/de/a.md', '# Bericht\n\nDie Soldaten kämpfen weiter.\n')
    deepl.reset()
    const building = project.cli(['build'], deeplEnv(deepl))
    // Once the build has read the edition and sent its request, the editor saves.
    while (deepl.translateRequests().length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const saved = (await project.read('content/en/a.md')).replace(/^# (.*)$/m, '# $1, edited')
    expect(saved).toContain(', edited')
    await project.write('content/en/a.md', saved)
    const run = await building
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('content/de/a.md:1:1  error  `content/en/a.md` was changed while this build ran; it is left as it is: build again to keep the change  post-edit-during-build')
    expect(await project.read('content/en/a.md')).toBe(saved)
    const again = await project.cli(['build'], deeplEnv(deepl))
    expect(again.code, again.stderr.join('\n')).toBe(0)
    expect(await project.read('content/en/a.md')).toContain(', edited')
  })
})

describe('post-edits of machine translations', () => {
  const article = '# Die Truppen\n\nDie Soldaten kämpfen in der Region.\n\nDer Krieg ist nicht vorbei.\n\nRussland liefert Munition.\n'

  it('stores the exact post-edit distance, reports it per provider and model, and `tandem harvest` stores without building', async () => {
    const project = await createProject({files: {'content/de/a.md': article}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const machine = (await project.memory()).filter((record) => record.origin === 'mt')
    expect(machine).toHaveLength(4)
    const english = await project.read('content/en/a.md')
    const line = english.split('\n').find((text) => text.includes('Soldiers'))
    expect(line).toBeDefined()
    // One word substituted: TER 1 / (words of the human text), Levenshtein of the two words.
    const human = (line ?? '').replace('Soldiers', 'troops')
    await project.write('content/en/a.md', english.replace(line ?? '', human))

    const harvested = await project.cli(['harvest', '--author', 'E'])
    expect(harvested).toEqual({code: 0, stdout: [], stderr: ['1 post-edit kept as a human translation']})
    expect(await project.read('content/en/a.md')).toBe(english.replace(line ?? '', human))
    const record = (await project.memory()).find((entry) => entry.origin === 'human')
    const replaced = machine.find((entry) => entry.key === record?.key)
    expect(record).toMatchObject({target: human, author: 'E', replaces: recordId(replaced as MemoryRecord)})
    const words = human.split(' ').length
    expect(record?.postEdit).toEqual({characters: characterDistance('Soldiers', 'troops'), ter: Math.round((1 / words) * 10_000) / 10_000})

    const status = await project.cli(['status', '--json'])
    const parsed = JSON.parse(status.stdout.join('\n')) as {postEditing: unknown[]}
    expect(parsed.postEditing).toEqual([
      {provider: 'deepl', model: 'default', segments: 4, postEdited: 1, meanTer: record?.postEdit?.ter, meanCharacters: record?.postEdit?.characters, untouched: 0.75}
    ])
    // Harvesting again adds nothing.
    expect((await project.cli(['harvest'])).stderr).toEqual(['0 post-edits kept as human translations'])
  })

  it('`tandem memory import` of an edited English file marks only the pairs that changed as human', async () => {
    const project = await createProject({files: {'content/de/a.md': article}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const english = await project.read('content/en/a.md')
    expect(english.match(/ not /g)).toHaveLength(1)
    await project.write('edited.md', english.replace(' not ', ' not yet '))
    const run = await project.cli(['memory', 'import', 'content/de/a.md', 'edited.md'])
    expect(run).toEqual({code: 0, stdout: [], stderr: ['1 pair added to memory/de-en.jsonl']})
    const memory = await project.memory()
    expect(memory.filter((record) => record.origin === 'human').map((record) => record.target)).toEqual([expect.stringContaining(' not yet ')])
    expect(memory.filter((record) => record.origin === 'mt')).toHaveLength(4)
  })

  it('loses no human text over random edits of the English and random changes of the German between builds', async () => {
    const paragraphs = ['Die Soldaten kämpfen in der Region.', 'Der Krieg ist nicht vorbei.', 'Russland liefert Munition.', 'Die Ukraine bleibt.', 'Der Vertrag gilt.']
    const deepl = await startServer()
    const edit = fc.record({
      paragraph: fc.nat({max: paragraphs.length - 1}),
      kind: fc.constantFrom('change', 'delete', 'insert'),
      at: fc.nat({max: 10}),
      word: fc.stringMatching(/^[a-z]{3,8}$/)
    })
    const step = fc.record({edits: fc.array(edit, {maxLength: 3}), german: fc.option(fc.record({paragraph: fc.nat({max: paragraphs.length - 1}), word: fc.constantFrom('jetzt', 'heute', 'weiter')}))})
    await fc.assert(
      fc.asyncProperty(fc.array(step, {minLength: 1, maxLength: 3}), async (steps) => {
        const project = await createProject({files: {'content/de/a.md': `# Bericht\n\n${paragraphs.join('\n\n')}\n`}})
        expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
        for (const {edits, german} of steps) {
          const file = await project.read('content/en/a.md')
          const [head, ...body] = file.split('\n\n')
          for (const {paragraph, kind, at, word} of edits) {
            const index = paragraph + 1
            const words = (body[index] ?? '').split(' ')
            const place = at % words.length
            if (kind === 'change') words[place] = `Z${word}`
            else if (kind === 'delete' && words.length > 2) words.splice(place, 1)
            else words.splice(place, 0, `Z${word}`)
            body[index] = words.join(' ')
          }
          await project.write('content/en/a.md', [head, ...body].join('\n\n'))
          if (german) {
            const source = await project.read('content/de/a.md')
            const target = paragraphs[german.paragraph] ?? ''
            const [current] = source.split('\n\n').filter((block) => block.trimEnd().endsWith(target.slice(-8)))
            if (current) await project.write('content/de/a.md', source.replace(current.trimEnd(), `${german.word} ${current.trimEnd()}`))
          }
          // The human texts in content/en before the build: every paragraph with an edited word in it.
          const humanTexts = (await project.read('content/en/a.md'))
            .split('\n\n')
            .map((block) => block.trim())
            .filter((block) => /\bZ[a-z]/.test(block))
          const run = await project.cli(['build'], deeplEnv(deepl))
          expect(run.code, run.stderr.join('\n')).toBe(0)
          const after = await project.read('content/en/a.md')
          const stored = new Set((await project.memory()).filter((record) => record.origin === 'human').map((record) => taggedToPlain(record.target)))
          for (const text of humanTexts) expect(after.includes(text) || stored.has(text), text).toBe(true)
        }
      }),
      {numRuns: 8, seed: 12}
    )
  })
})

describe('post-edit distance', () => {
  it('counts a substitution and a shift as two edits: TER 2/7 (counted by hand)', () => {
    const machine = 'Russia has confirmed for the first time'.split(' ')
    const human = 'Moscow has for the first time confirmed'.split(' ')
    expect(translationEditRate(machine, human)).toBeCloseTo(2 / 7, 10)
    expect(postEditDistance('Russia has confirmed for the first time', 'Moscow has for the first time confirmed')).toEqual({
      // Russia → Moscow is 5 substitutions (the s in the middle stays); confirmed moves: 10 deleted, 10 inserted.
      characters: 5 + 20,
      ter: 0.2857
    })
  })

  it('ignores tags, and scores no edit as 0', () => {
    expect(postEditDistance('<b>Russia</b> has <a id="1">confirmed</a>', 'Russia has confirmed')).toEqual({characters: 0, ter: 0})
    expect(postEditDistance('The war', 'This war')).toEqual({characters: 2, ter: 0.5})
  })

  it('is never more than the larger side, and 0 only for the same words (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), {maxLength: 12}), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), {maxLength: 12}), (x, y) => {
        const ter = translationEditRate(x, y)
        expect(ter * Math.max(1, y.length)).toBeLessThanOrEqual(Math.max(x.length, y.length))
        expect(ter === 0).toBe(x.join(' ') === y.join(' '))
      }),
      {seed: 7}
    )
  })

  it('reports per provider and model from the records alone', () => {
    const mt = (key: string, target: string, model?: string): MemoryRecord => ({
      key,
      source: key,
      target,
      origin: 'mt',
      sourceLang: 'de',
      targetLang: 'en-US',
      date: '2026-01-01',
      provider: 'deepl',
      ...(model ? {model} : {})
    })
    const a = mt('a', 'A')
    const b = mt('b', 'B')
    const edit = {...a, origin: 'human' as const, target: 'AA', replaces: recordId(a), postEdit: {characters: 1, ter: 1}}
    expect(postEditReport([a, b, mt('c', 'C', 'next'), edit])).toEqual([
      {provider: 'deepl', model: 'default', segments: 2, postEdited: 1, meanTer: 1, meanCharacters: 1, untouched: 0.5},
      {provider: 'deepl', model: 'next', segments: 1, postEdited: 0, meanTer: 0, meanCharacters: 0, untouched: 1}
    ])
  })
})

describe('orphans', () => {
  it('status names the outputs of a removed German file, clean removes them, and a post-edited one only with --force after storing its edits', async () => {
    const project = await createProject({
      files: {'content/de/a.md': '# Die Truppen\n\nDie Soldaten kämpfen.\n', 'content/de/b.md': '# Der Krieg\n\nRussland liefert Munition.\n'}
    })
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    // b.md's English was post-edited before its German was removed.
    await project.write('content/en/b.md', (await project.read('content/en/b.md')).replace('Ammunition', 'munitions'))
    await rm(path.join(project.root, 'content/de/a.md'))
    await rm(path.join(project.root, 'content/de/b.md'))
    await project.write('content/de/c.md', '# Die Ukraine\n')

    const status = await project.cli(['status'])
    expect(status.stdout.filter((line) => line.includes('gone'))).toEqual([
      'content/de/a.md  gone; its outputs remain: content/en/a.md, content/parallel/a.md, memory/written/a.md.json (`tandem clean` removes them)',
      'content/de/b.md  gone; its outputs remain: content/en/b.md, content/parallel/b.md, memory/written/b.md.json (`tandem clean` removes them; it holds post-edits: `tandem clean --force` stores them first)'
    ])
    expect(await project.cli(['clean', '--dry-run'])).toEqual({
      code: 0,
      stdout: ['would remove content/en/a.md, content/parallel/a.md, memory/written/a.md.json'],
      stderr: ['content/en/b.md: kept, it holds post-edits and content/de/b.md is gone; `tandem clean --force` stores them in the memory, then removes it']
    })
    expect(await project.exists('content/en/a.md')).toBe(true)

    const clean = await project.cli(['clean'])
    expect(clean.code).toBe(0)
    expect(clean.stderr.at(-1)).toBe('1 of 2 orphans removed')
    expect(await project.exists('content/en/a.md')).toBe(false)
    expect(await project.exists('content/parallel/a.md')).toBe(false)
    expect(await project.exists('memory/written/a.md.json')).toBe(false)
    expect(await project.exists('content/en/b.md')).toBe(true)

    const forced = await project.cli(['clean', '--force', '--author', 'E'])
    expect(forced.code, forced.stderr.join('\n')).toBe(0)
    expect(await project.exists('content/en/b.md')).toBe(false)
    const human = (await project.memory()).filter((record) => record.origin === 'human')
    expect(human).toEqual([expect.objectContaining({source: 'Russland liefert Munition.', author: 'E', target: expect.stringContaining('munitions')})])
    expect((await project.cli(['status'])).stdout.filter((line) => line.includes('gone'))).toEqual([])
  })
})

describe('a stale post-edit with an LLM', () => {
  it('asks the model to revise the human English for the new German, and the revision stays close to it', async () => {
    const {startOpenAIServer} = await import('./servers/openai.ts')
    const server = await startOpenAIServer()
    const env = {OPENAI_API_KEY: server.apiKey, OPENAI_BASE_URL: server.url}
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n\nDie Soldaten kämpfen in der Region.\n\nDer Krieg ist nicht vorbei.\n'}})
    expect((await project.cli(['build', '--provider', 'openai'], env)).code).toBe(0)
    const english = await project.read('content/en/a.md')
    const machine = english.split('\n').find((line) => /region/i.test(line)) ?? ''
    const human = 'Our soldiers fight on in that region.'
    await project.write('content/en/a.md', english.replace(machine, human))
    expect((await project.cli(['build', '--provider', 'openai'], env)).stderr.at(-1)).toContain('1 post-edit kept as a human translation')

    await project.write('content/de/a.md', (await project.read('content/de/a.md')).replace('kämpfen', 'warnen'))
    const run = await project.cli(['build', '--provider', 'openai'], env)
    expect(run.code, run.stderr.join('\n')).toBe(0)
    expect(run.stderr.find((line) => line.endsWith('stale-post-edit'))).toMatch(/^content\/de\/a\.md:3:1  warning .*“Our soldiers fight on in that region\.”/)
    const last = server.chats().at(-1)
    expect(last?.contract.texts).toEqual([{id: '1', text: 'Die Soldaten warnen in der Region.', revise: {de: 'Die Soldaten kämpfen in der Region.', en: human}}])
    const revised = (await project.read('content/en/a.md')).split('\n').find((line) => /region/i.test(line)) ?? ''
    expect(revised).toBe('Our soldiers warn on in that region.')
    // One word of seven changed: the editor's wording is kept.
    expect(translationEditRate(human.split(' '), revised.split(' '))).toBeCloseTo(1 / 7, 4)
    await server.close()
  })
})

describe('a paragraph the file repeats', () => {
  it('keeps both edits when an editor changed its two places differently, and says so', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Bericht\n\nDie Soldaten kämpfen.\n\nDer Krieg ist nicht vorbei.\n\nDie Soldaten kämpfen.\n'}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const english = await project.read('content/en/a.md')
    const [machine] = english.split('\n').filter((line) => line.startsWith('The Soldiers'))
    const edited = english.replace(machine ?? '', 'Soldiers are fighting.').replace(machine ?? '', 'The troops fight.')
    await project.write('content/en/a.md', edited)
    const run = await project.cli(['build'])
    expect(run.code, run.stderr.join('\n')).toBe(0)
    expect(run.stderr.find((line) => line.endsWith('post-edit-conflict'))).toMatch(/^content\/en\/a\.md:\d+:1  warning  this paragraph is repeated/)
    const targets = (await project.memory()).filter((record) => record.origin === 'human').map((record) => record.target)
    expect(targets.sort()).toEqual(['Soldiers are fighting.', 'The troops fight.'])
    expect((await project.read('content/en/a.md')).match(/The troops fight\./g)).toHaveLength(2)
  })
})
