/**
 * End-to-end tests of the `tandem` command (`main(argv, io)`) in temporary projects,
 * against the DeepL-compatible test server. Outputs are asserted byte for byte.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {fileCounts} from '../src/cli/run-build.ts'
import {sha256} from '../src/core/hash.ts'
import type {MemoryRecord} from '../src/memory/translation-memory.ts'
import {billedCharacters, defaultTranslate, translateWords} from './servers/deepl.ts'
import {copyFromRepo, createProject, fixturesDir, keyOf, memoryFile, memoryRecord, removeProjects, repoRoot, type Project, startServer, closeServers, deeplEnv, listFiles} from './project.ts'

const server = startServer

const env = deeplEnv

/** What the test server answers for one tagged text. */
const translated = (text: string) => defaultTranslate(text, {tagHandling: 'xml', ignoreTags: []})

const today = () => new Date().toISOString().slice(0, 10)

afterEach(async () => {
  vi.useRealTimers()
  await closeServers()
  await removeProjects()
})


/** The generated outputs and the memory of a project, by path. */
async function outputsOf(project: Project): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const file of await listFiles(project.root)) {
    if (file.startsWith('content/en/') || file.startsWith('content/parallel/') || file === 'memory/de-en.jsonl') {
      result[file] = await project.read(file)
    }
  }
  return result
}

describe('tandem build with DeepL', () => {
  it('translates a new file through the provider, stores every answer, and a second build sends nothing', async () => {
    const deepl = await server()
    const german = await readFile(path.join(fixturesDir, 'provider.md'))
    const project = await createProject({files: {'content/de/bericht.md': german}})

    const first = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(first.stdout).toEqual([])
    expect(first.stderr).toEqual(['1 file: 1 built, 0 unchanged, 0 failed; 13 segments translated (314 characters billed)'])
    expect(first.code).toBe(0)

    // What was sent: tagged text, with neither the URL nor the code span in it.
    const sources = [
      'Die Soldaten in Kursk',
      'Berichte über Russland und die Ukraine',
      'Russland und die Ukraine',
      'Die Soldaten kämpfen in <b>Kursk</b> und <a id="1">die Berichte</a> nennen <x id="2"/> nicht.',
      'Der Krieg ist nicht vorbei, und die Truppen bleiben in der Region.',
      'Russland liefert Waffen',
      'Nordkorea entsendet Soldaten',
      'Land',
      'Truppen',
      'Russland',
      'viele Soldaten',
      'Nordkorea',
      'rund 12.000'
    ]
    const requests = deepl.translateRequests()
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.auth).toBe('valid')
    expect(request?.status).toBe(200)
    expect(request?.params.texts).toEqual(sources)
    expect(request?.params.tagHandling).toBe('xml')
    expect(request?.params.sourceLang).toBe('de')
    expect(request?.params.targetLang).toBe('en-US')
    for (const text of request?.params.texts ?? []) {
      expect(text).not.toContain('example.org')
      expect(text).not.toContain('und die Waffen')
    }
    expect(deepl.billedCharacters).toBe(314)
    expect(sources.reduce((sum, text) => sum + billedCharacters(text, 'xml'), 0)).toBe(314)

    // The English edition: the server's words, with the URL and the inline code untouched.
    const tr = translateWords
    const english = await project.read('content/en/bericht.md')
    expect(english).toBe(
      [
        '---',
        `title: ${tr('Die Soldaten in Kursk')}`,
        `description: ${tr('Berichte über Russland und die Ukraine')}`,
        'lang: en',
        'author: Redaktion',
        'tags:',
        '  - krieg',
        '  - russland',
        'translation:',
        '  of: content/de/bericht.md',
        `  sourceHash: ${sha256(german)}`,
        '  glossary: ""',
        '---',
        '',
        `# ${tr('Russland und die Ukraine')}`,
        '',
        `${tr('Die Soldaten kämpfen in')} **Kursk** ${tr('und')} [${tr('die Berichte')}](https://example.org/x) ${tr('nennen')} \`und die Waffen\` ${tr('nicht')}.`,
        '',
        tr('Der Krieg ist nicht vorbei, und die Truppen bleiben in der Region.'),
        '',
        `- ${tr('Russland liefert Waffen')}`,
        `- ${tr('Nordkorea entsendet Soldaten')}`,
        '',
        '| Country     | Troops        |',
        '| ----------- | ------------- |',
        '| Russia      | many Soldiers |',
        '| North Korea | around 12.000 |',
        ''
      ].join('\n')
    )
    // The word list is what it seems: spot-check the computed strings.
    expect(english).toContain('title: The Soldiers in Kursk\n')
    expect(english).toContain('\nThe Soldiers fight in **Kursk** and [the Reports](https://example.org/x) nennen `und die Waffen` not.\n')

    expect(await project.read('content/parallel/bericht.md')).toBe(
      [
        '<!-- generated by tandem from content/de/bericht.md; do not edit by hand -->',
        '',
        '| Deutsch | English |',
        '| - | - |',
        '| **Die Soldaten in Kursk** | **The Soldiers in Kursk** |',
        '| Berichte über Russland und die Ukraine | Reports about Russia and the Ukraine |',
        '| **Russland und die Ukraine** | **Russia and the Ukraine** |',
        '| Die Soldaten kämpfen in **Kursk** und [die Berichte](https://example.org/x) nennen `und die Waffen` nicht. | The Soldiers fight in **Kursk** and [the Reports](https://example.org/x) nennen `und die Waffen` not. |',
        '| Der Krieg ist nicht vorbei, und die Truppen bleiben in der Region. | The War is not vorbei, and the Troops bleiben in the Region. |',
        '| Russland liefert Waffen | Russia supplies Weapons |',
        '| Nordkorea entsendet Soldaten | North Korea sends Soldiers |',
        '| Land | Country |',
        '| Truppen | Troops |',
        '| Russland | Russia |',
        '| viele Soldaten | many Soldiers |',
        '| Nordkorea | North Korea |',
        '| rund 12.000 | around 12.000 |',
        ''
      ].join('\n')
    )

    // The memory gained exactly these segments, sorted by key, as machine translations by deepl.
    const records = await project.memory()
    const expected: MemoryRecord[] = sources
      .map((source) => ({
        key: keyOf(source),
        source,
        target: translated(source),
        origin: 'mt' as const,
        sourceLang: 'de',
        targetLang: 'en-US',
        provider: 'deepl',
        date: today(),
        billedCharacters: billedCharacters(source, 'xml')
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
    expect(records).toEqual(expected)
    expect(await project.read('memory/de-en.jsonl')).toBe(memoryFile(expected))

    // Second build: no request, same bytes, same mtimes.
    const watched = ['content/en/bericht.md', 'content/parallel/bericht.md', 'memory/de-en.jsonl']
    const before = await Promise.all(watched.map(async (file) => [await project.bytes(file), await project.mtime(file)] as const))
    deepl.reset()
    const second = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(second).toEqual({code: 0, stdout: [], stderr: ['1 file: 0 built, 1 unchanged, 0 failed']})
    expect(deepl.requests).toEqual([])
    const after = await Promise.all(watched.map(async (file) => [await project.bytes(file), await project.mtime(file)] as const))
    expect(after).toEqual(before)
  })

  it('stops with exit code 3 on an empty quota, keeps what was paid for, and a rerun sends only the rest', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2025-03-01T12:00:00Z')})
    const small = '# Die Truppen\n\nDie Soldaten bleiben in der Region.\n\nDer Krieg ist nicht vorbei.\n'
    const items = Array.from({length: 60}, (_, index) => `- Punkt ${index + 1} der Liste`)
    const long = `# Eine lange Liste\n\n${items.join('\n')}\n`
    const files = {'content/de/a.md': small, 'content/de/b.md': long}
    const aTexts = ['Die Truppen', 'Die Soldaten bleiben in der Region.', 'Der Krieg ist nicht vorbei.']
    const bTexts = ['Eine lange Liste', ...items.map((item) => item.slice(2))]
    const bill = (texts: string[]) => texts.reduce((sum, text) => sum + billedCharacters(text, 'xml'), 0)

    // 64 texts packed across files: a batch of 50, then one of 14. The quota covers the first batch only.
    const quota = bill(aTexts) + bill(bTexts.slice(0, 47))
    const limited = await server({quotaCharacters: quota})
    const project = await createProject({files})
    const stopped = await project.cli(['build', '--concurrency', '1'], env(limited))
    expect(stopped.code).toBe(3)
    expect(stopped.stderr).toEqual([
      'content/de/b.md:1:1  error  DeepL quota exceeded: Quota for this billing period has been exceeded, message: Quota exceeded  provider-error',
      // Requests are packed across files: the first carries a.md's 3 texts and b.md's first 47, the second goes over the quota.
      '2 files: 1 built, 0 unchanged, 1 failed; 50 segments translated (' + (bill(aTexts) + bill(bTexts.slice(0, 47))) + ' characters billed)',
      `DeepL's character quota is used up. Still to translate: 14 segments, ${bill(bTexts.slice(47))} characters ` +
        `(€${((bill(bTexts.slice(47)) * 20) / 1e6).toFixed(4)}) in 1 file. Every translation received is kept in memory/de-en.jsonl; ` +
        'when the quota renews, or with another key, run `tandem build` again: it sends only what is missing (`tandem build --dry-run` counts it).'
    ])
    expect(limited.translateRequests().map((request) => [request.params.texts.length, request.status])).toEqual([
      [50, 200],
      [14, 456]
    ])
    expect(await project.exists('content/en/a.md')).toBe(true)
    expect(await project.exists('content/en/b.md')).toBe(false)
    expect(await project.exists('content/parallel/b.md')).toBe(false)
    // Everything received is in the memory, sorted.
    const kept = await project.memory()
    expect(kept.map((record) => record.source).sort()).toEqual([...aTexts, ...bTexts.slice(0, 47)].sort())
    expect(await project.read('memory/de-en.jsonl')).toBe(memoryFile(kept))

    // Quota restored: only the 14 texts that are still missing are sent.
    const unlimited = await server()
    const resumed = await project.cli(['build', '--concurrency', '1'], env(unlimited))
    expect(resumed.stderr).toEqual([`2 files: 1 built, 1 unchanged, 0 failed; 14 segments translated (${bill(bTexts.slice(47))} characters billed)`])
    expect(resumed.code).toBe(0)
    expect(unlimited.translateRequests().map((request) => request.params.texts)).toEqual([bTexts.slice(47)])

    // The same as a build that was never interrupted.
    const fresh = await createProject({files})
    const whole = await fresh.cli(['build', '--concurrency', '1'], env(await server()))
    expect(whole.code).toBe(0)
    const expected = await outputsOf(fresh)
    expect(Object.keys(expected)).toEqual([
      'content/en/a.md',
      'content/en/b.md',
      'content/parallel/a.md',
      'content/parallel/b.md',
      'memory/de-en.jsonl'
    ])
    expect(await outputsOf(project)).toEqual(expected)
    expect(expected['content/en/b.md']).toContain('\n- Punkt 60 the Liste\n')
  })

  it('exits with 2 on a refused key, says so, and never prints or stores the key', async () => {
    const deepl = await server()
    const wrongKey = 'f00dbabe-5ec2-e7e7-0000-wrong0key000:fx'
    const project = await createProject({
      files: {
        'content/de/a.md': '# Die Truppen\n\nDie Soldaten bleiben in der Region.\n',
        'content/de/b.md': '# Der Krieg\n'
      }
    })
    const run = await project.cli(['build', '--concurrency', '1'], env(deepl, wrongKey))
    expect(run.code).toBe(2)
    const refused =
      'DeepL refused the API key (check DEEPL_AUTH_KEY): Authorization failure, check auth_key, message: Wrong or missing authentication key.'
    expect(run.stderr).toEqual([
      `content/de/a.md:1:1  error  ${refused}  provider-error`,
      `content/de/b.md:1:1  error  ${refused}  provider-error`,
      '2 files: 0 built, 0 unchanged, 2 failed'
    ])
    expect(run.stdout).toEqual([])
    // One refused request; the build stopped there.
    expect(deepl.requests.map((request) => [request.path, request.auth, request.status])).toEqual([['/v2/translate', 'invalid', 403]])

    const written = await listFiles(project.root)
    expect(written.filter((file) => !file.startsWith('content/de/'))).toEqual(['tandem.config.json'])
    for (const file of written) expect(await project.read(file)).not.toContain(wrongKey)
    expect([...run.stdout, ...run.stderr].join('\n')).not.toContain(wrongKey)
    expect([...run.stdout, ...run.stderr].join('\n')).not.toContain('f00dbabe')
  })
})

describe('tandem build without a key', () => {
  it('reports each segment missing from the memory at its place and writes nothing for that file', async () => {
    const missing = [
      '---',
      'title: Der Krieg',
      'lang: de',
      '---',
      '',
      '## Die Truppen in der Region',
      '',
      'Die Soldaten bleiben in der Region.',
      '',
      'Dieser Absatz ist im Gedächtnis.',
      '',
      '- Russland',
      '  - Die Ukraine und Nordkorea',
      '',
      '> Ein Zitat über den Krieg.',
      '',
      '| Land | Zahl |',
      '| --- | --- |',
      '| Nordkorea | 12 |',
      ''
    ].join('\n')
    const complete = '---\ntitle: Die Truppen\n---\n\n# Die Truppen\n\nDie Soldaten bleiben.\n'
    const memory = [
      memoryRecord('Dieser Absatz ist im Gedächtnis.', 'This paragraph is in the memory.'),
      memoryRecord('Die Truppen', 'The troops'),
      memoryRecord('Die Soldaten bleiben.', 'The soldiers stay.')
    ]
    const project = await createProject({
      files: {'content/de/x.md': missing, 'content/de/y.md': complete, 'memory/de-en.jsonl': memoryFile(memory)}
    })
    const run = await project.cli(['build'])
    const hint = 'set DEEPL_AUTH_KEY or add it to memory/de-en.jsonl  no-translation'
    expect(run.stderr).toEqual([
      `content/de/x.md:2:8  error  no translation for "Der Krieg"; ${hint}`,
      `content/de/x.md:6:1  error  no translation for "Die Truppen in…"; ${hint}`,
      `content/de/x.md:8:1  error  no translation for "Die Soldaten bleiben…"; ${hint}`,
      `content/de/x.md:12:3  error  no translation for "Russland"; ${hint}`,
      `content/de/x.md:13:5  error  no translation for "Die Ukraine und…"; ${hint}`,
      `content/de/x.md:15:3  error  no translation for "Ein Zitat über…"; ${hint}`,
      `content/de/x.md:17:1  error  no translation for "Land"; ${hint}`,
      `content/de/x.md:17:8  error  no translation for "Zahl"; ${hint}`,
      `content/de/x.md:19:1  error  no translation for "Nordkorea"; ${hint}`,
      '2 files: 1 built, 0 unchanged, 1 failed'
    ])
    expect(run.code).toBe(1)
    expect(await project.exists('content/en/x.md')).toBe(false)
    expect(await project.exists('content/parallel/x.md')).toBe(false)
    expect(await project.read('content/en/y.md')).toBe(
      [
        '---',
        'title: The troops',
        'translation:',
        '  of: content/de/y.md',
        `  sourceHash: ${sha256(complete)}`,
        '  glossary: ""',
        '---',
        '',
        '# The troops',
        '',
        'The soldiers stay.',
        ''
      ].join('\n')
    )
    expect(await project.read('content/parallel/y.md')).toBe(
      [
        '<!-- generated by tandem from content/de/y.md; do not edit by hand -->',
        '',
        '| Deutsch | English |',
        '| - | - |',
        '| **Die Truppen** | **The troops** |',
        '| **Die Truppen** | **The troops** |',
        '| Die Soldaten bleiben. | The soldiers stay. |',
        ''
      ].join('\n')
    )
    // A build without a provider leaves the memory as it was.
    expect(await project.read('memory/de-en.jsonl')).toBe(memoryFile(memory))
  })

  it('builds the committed articles offline, byte-identical to the committed outputs', async () => {
    const project = await createProject({memoryDir: false})
    await copyFromRepo(project, 'content/de', 'memory', 'glossary')
    const run = await project.cli(['build'])
    expect(run).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed']})
    const names = await readdir(path.join(repoRoot, 'content', 'de'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      for (const folder of ['content/en', 'content/parallel']) {
        const built = await project.bytes(`${folder}/${name}`)
        expect(built.equals(await readFile(path.join(repoRoot, folder, name))), `${folder}/${name}`).toBe(true)
      }
    }
    expect(await listFiles(path.join(project.root, 'content'))).toEqual(
      ['de', 'en', 'parallel'].flatMap((folder) => names.map((name) => `${folder}/${name}`)).sort()
    )
    // Nothing to add: the memory is untouched.
    expect((await project.bytes('memory/de-en.jsonl')).equals(await readFile(path.join(repoRoot, 'memory', 'de-en.jsonl')))).toBe(true)
  })
})

describe('tandem build <files>', () => {
  it('builds only the files named', async () => {
    const memory = [memoryRecord('Die Truppen', 'The troops'), memoryRecord('Der Krieg', 'The war')]
    const project = await createProject({
      files: {'content/de/a.md': '# Die Truppen\n', 'content/de/b.md': '# Der Krieg\n', 'memory/de-en.jsonl': memoryFile(memory)}
    })
    const run = await project.cli(['build', 'content/de/b.md'])
    expect(run).toEqual({code: 0, stdout: [], stderr: ['1 file: 1 built, 0 unchanged, 0 failed']})
    expect(await listFiles(path.join(project.root, 'content'))).toEqual(['de/a.md', 'de/b.md', 'en/b.md', 'parallel/b.md'])
    expect(await project.read('content/en/b.md')).toMatch(/(^|\n)# The war\n$/)
  })
})

describe('tandem build on bad input', () => {
  it('rejects an empty file and invalid UTF-8 with their place, and writes nothing for them', async () => {
    const complete = '# Die Truppen\n'
    const project = await createProject({
      files: {
        'content/de/empty.md': '',
        'content/de/blank.md': '\n  \n',
        // Line 3 is `Über die Gr` + Latin-1 `ö` (0xf6): column 12 in characters, offset 21 in bytes.
        'content/de/latin1.md': Buffer.concat([
          Buffer.from('# Titel\n\nÜber die Gr', 'utf8'),
          Buffer.from([0xf6]),
          Buffer.from('ße der Region.\n', 'utf8')
        ]),
        'content/de/ok.md': complete,
        'memory/de-en.jsonl': memoryFile([memoryRecord('Die Truppen', 'The troops')])
      }
    })
    const run = await project.cli(['build'])
    expect(run.stderr).toEqual([
      'content/de/blank.md:1:1  error  the file is empty  empty-file',
      'content/de/empty.md:1:1  error  the file is empty  empty-file',
      'content/de/latin1.md:3:12  error  not valid UTF-8 (byte 0xf6 at offset 21); save the file as UTF-8  invalid-utf8',
      '4 files: 1 built, 0 unchanged, 3 failed'
    ])
    expect(run.code).toBe(1)
    expect(await listFiles(path.join(project.root, 'content'))).toEqual([
      'de/blank.md',
      'de/empty.md',
      'de/latin1.md',
      'de/ok.md',
      'en/ok.md',
      'parallel/ok.md'
    ])
  })

  it('warns about a BOM and CRLF line endings and builds those files as if they were plain LF', async () => {
    const text = '---\ntitle: Der Krieg\n---\n\n# Die Truppen\n\nDie Soldaten bleiben\nin der Region.\n'
    const memory = [
      memoryRecord('Der Krieg', 'The war'),
      memoryRecord('Die Truppen', 'The troops'),
      memoryRecord('Die Soldaten bleiben in der Region.', 'The soldiers stay in the region.')
    ]
    const project = await createProject({
      files: {
        'content/de/plain.md': text,
        'content/de/bom.md': '\uFEFF' + text,
        'content/de/crlf.md': text.replace(/\n/g, '\r\n'),
        'content/de/both.md': '\uFEFF' + text.replace(/\n/g, '\r\n'),
        'memory/de-en.jsonl': memoryFile(memory)
      }
    })
    const run = await project.cli(['build'])
    expect(run.stderr).toEqual([
      'content/de/bom.md:1:1  warning  the file starts with a byte order mark; it is ignored  bom',
      'content/de/both.md:1:1  warning  the file starts with a byte order mark; it is ignored  bom',
      'content/de/both.md:1:4  warning  the file has CR or CRLF line endings; they are read as LF  crlf',
      'content/de/crlf.md:1:4  warning  the file has CR or CRLF line endings; they are read as LF  crlf',
      '4 files: 4 built, 0 unchanged, 0 failed'
    ])
    expect(run.code).toBe(0)

    const english = await project.read('content/en/plain.md')
    expect(english).toBe(
      [
        '---',
        'title: The war',
        'translation:',
        '  of: content/de/plain.md',
        `  sourceHash: ${sha256(text)}`,
        '  glossary: ""',
        '---',
        '',
        '# The troops',
        '',
        'The soldiers stay in the region.',
        ''
      ].join('\n')
    )
    const parallel = await project.read('content/parallel/plain.md')
    for (const name of ['bom', 'crlf', 'both']) {
      const en = await project.read(`content/en/${name}.md`)
      const side = await project.read(`content/parallel/${name}.md`)
      expect(en).not.toMatch(/[\r\uFEFF]/)
      expect(side).not.toMatch(/[\r\uFEFF]/)
      expect(en.replace(`of: content/de/${name}.md`, 'of: content/de/plain.md')).toBe(english)
      expect(side.replace(`content/de/${name}.md`, 'content/de/plain.md')).toBe(parallel)
    }
  })
})

describe('tandem import', () => {
  it('imports the seed article byte-identical to the committed German, and refuses to overwrite without --force', async () => {
    const seedName = '000_f0ae384efe2a001d.txt'
    const slug = 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk'
    const output = `content/de/${slug}.md`
    const committed = await readFile(path.join(repoRoot, output))
    // An import needs no glossary: a project without a config file, as a new user's.
    const project = await createProject({glossary: 'required', files: {[seedName]: await readFile(path.join(repoRoot, '..', 'shared', 'seeds', seedName))}})

    const first = await project.cli(['import', seedName])
    expect(first).toEqual({code: 0, stdout: [], stderr: [`wrote ${output}`]})
    expect((await project.bytes(output)).equals(committed)).toBe(true)

    // An edited German file is not overwritten...
    await project.write(output, 'edited by hand\n')
    const again = await project.cli(['import', seedName])
    expect(again).toEqual({
      code: 1,
      stdout: [],
      stderr: [`${seedName}:1:1  error  \`${output}\` exists already; pass --force to overwrite it  file-exists`]
    })
    expect(await project.read(output)).toBe('edited by hand\n')

    // ...unless asked to.
    const forced = await project.cli(['import', seedName, '--force'])
    expect(forced).toEqual({code: 0, stdout: [], stderr: [`wrote ${output}`]})
    expect((await project.bytes(output)).equals(committed)).toBe(true)
    expect(await listFiles(project.root)).toEqual([seedName, output])
  })
})

describe('the summary of tandem build', () => {
  it('puts every file in exactly one part, built + unchanged + failed = files, in both languages', async () => {
    const records = [memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.'), memoryRecord('Die Truppen bleiben.', 'The troops stay.')]
    const project = await createProject({
      files: {'content/de/a.md': 'Der Krieg ist nicht vorbei.\n', 'memory/de-en.jsonl': memoryFile(records)}
    })
    expect((await project.cli(['build'])).stderr).toEqual(['1 file: 1 built, 0 unchanged, 0 failed'])
    // a.md as built, b.md new, c.md with nothing in the memory.
    await project.write('content/de/b.md', 'Die Truppen bleiben.\n')
    await project.write('content/de/c.md', 'Ein Satz ohne Übersetzung.\n')
    const mixed = await project.cli(['build'])
    expect(mixed.code).toBe(1)
    expect(mixed.stderr.at(-1)).toBe('3 files: 1 built, 1 unchanged, 1 failed')
    const german = await project.cli(['--ui', 'de', 'build'])
    expect(german.stderr.at(-1)).toBe('3 Dateien: 0 gebaut, 2 unverändert, 1 fehlgeschlagen')
  })

  it('adds up for any mix of files (fileCounts)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ok: fc.boolean(), written: fc.array(fc.constant('content/en/x.md'), {maxLength: 2})})), (files) => {
        const counts = fileCounts(files)
        expect(counts.built + counts.unchanged + counts.failed).toBe(counts.count)
        expect(counts.count).toBe(files.length)
        expect(counts.failed).toBe(files.filter((file) => !file.ok).length)
        expect(counts.built).toBe(files.filter((file) => file.ok && file.written.length > 0).length)
      })
    )
  })
})
