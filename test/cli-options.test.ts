/**
 * Issue 18, item 1: `--version`, `--quiet`, the project root found from a subdirectory, `build x.txt` refused,
 * `--target-lang` and `DEEPL_SERVER_URL` checked before anything is sent, and `--formality` in the memory key.
 */
import {mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {main} from '../src/cli/main.ts'
import {memoryKey} from '../src/core/key.ts'
import {closeServers, createProject, deeplEnv, keyOf, listFiles, memoryFile, memoryRecord, removeProjects, repoRoot, startServer, type CliRun} from './project.ts'

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

/** `tandem <argv>` run in `cwd`, which need not be a project's root. */
async function cliIn(cwd: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await main(argv, {cwd, env, stdout: (text) => stdout.push(...text.split('\n')), stderr: (text) => stderr.push(...text.split('\n'))})
  return {code, stdout, stderr}
}

const article = '# Die Truppen\n\nDie Soldaten bleiben in der Region.\n'
const english = {'Die Truppen': 'The troops', 'Die Soldaten bleiben in der Region.': 'The soldiers stay in the region.'}
const fullMemory = memoryFile(Object.entries(english).map(([de, en]) => memoryRecord(de, en)))

describe('tandem --version', () => {
  it("prints package.json's version", async () => {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}
    const run = await cliIn(os.tmpdir(), ['--version'])
    expect(run).toEqual({code: 0, stdout: [manifest.version], stderr: []})
  })
})

describe('tandem --quiet', () => {
  it('leaves out the summary but not the errors', async () => {
    const project = await createProject({files: {'content/de/a.md': article, 'memory/de-en.jsonl': fullMemory}})
    expect((await project.cli(['build'])).stderr).toEqual(['1 file: 1 built, 0 unchanged, 0 failed'])
    expect(await project.cli(['--quiet', 'build'])).toEqual({code: 0, stdout: [], stderr: []})

    await project.write('content/de/b.md', 'Ein Absatz ohne Übersetzung.\n')
    const failing = await project.cli(['-q', 'build'])
    expect(failing.code).toBe(1)
    expect(failing.stderr.join('\n')).toContain('content/de/b.md:1:1')
    expect(failing.stderr.join('\n')).toContain('no-translation')
    expect(failing.stderr.join('\n')).not.toContain('built')
  })

  it('keeps the quota message, which says why the build stopped and how to go on', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Die Soldaten kämpfen in der Region.\n'}})
    const deepl = await startServer({quotaCharacters: 5})
    const run = await project.cli(['--quiet', 'build'], deeplEnv(deepl))
    expect(run.code).toBe(3)
    expect(run.stderr.filter((line) => line.startsWith("DeepL's character quota is used up"))).toHaveLength(1)
    expect(run.stderr.join('\n')).not.toContain('built')
  })
})

describe('the project root', () => {
  it('is found from a subdirectory: `tandem build` in content/ builds the project and writes nothing into content/', async () => {
    const project = await createProject({files: {'content/de/a.md': article, 'memory/de-en.jsonl': fullMemory}})
    const run = await cliIn(path.join(project.root, 'content'), ['build'])
    expect(run.stderr).toEqual(['1 file: 1 built, 0 unchanged, 0 failed'])
    expect(run.code).toBe(0)
    expect(await project.read('content/en/a.md')).toContain('# The troops')
    expect(await project.exists('site/index.html')).toBe(true)
    expect(await project.exists('content/site')).toBe(false)
    expect((await listFiles(path.join(project.root, 'content'))).filter((file) => !/^(de|en|parallel)\//.test(file))).toEqual([])
  })

  it('takes file arguments relative to the folder they were typed in', async () => {
    const project = await createProject({files: {'content/de/a.md': article, 'content/de/b.md': 'Nicht übersetzt.\n', 'memory/de-en.jsonl': fullMemory}})
    const run = await cliIn(path.join(project.root, 'content', 'de'), ['build', 'a.md'])
    expect(run.code).toBe(0)
    expect(await project.exists('content/en/a.md')).toBe(true)
    expect(await project.exists('content/en/b.md')).toBe(false)
  })

  it('is a folder with tandem.config.json even without content/de', async () => {
    const project = await createProject({files: {'tandem.config.json': '{"sourceDir": "texte"}', 'texte/a.md': article, 'memory/de-en.jsonl': fullMemory}})
    await rm(path.join(project.root, 'content'), {recursive: true})
    const run = await cliIn(path.join(project.root, 'texte'), ['build'])
    expect(run.code).toBe(0)
    expect(await project.read('content/en/a.md')).toContain('# The troops')
  })

  it('is missing outside a project: exit 2, a message, and nothing created', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'tandem-outside-'))
    try {
      await mkdir(path.join(outside, 'notes'))
      for (const argv of [['build'], ['status'], ['site'], ['import', 'x.txt'], ['glossary', 'list']]) {
        const run = await cliIn(path.join(outside, 'notes'), argv)
        expect(run.code).toBe(2)
        expect(run.stderr).toEqual([
          `tandem: not inside a tandem project: neither ${path.join(outside, 'notes')} nor a folder above it has tandem.config.json or content/de; create content/de (or tandem.config.json) to start one`
        ])
      }
      expect(await listFiles(outside)).toEqual([])
    } finally {
      await rm(outside, {recursive: true, force: true})
    }
  })
})

describe('tandem build x.txt', () => {
  it('refuses a file that is not Markdown, with a hint to import it, and writes nothing', async () => {
    const project = await createProject({files: {'content/de/artikel.txt': 'Titel\n\nEin Absatz.\n'}})
    const before = await listFiles(project.root)
    const run = await project.cli(['build', 'content/de/artikel.txt'])
    expect(run).toEqual({
      code: 2,
      stdout: [],
      stderr: ['tandem: `content/de/artikel.txt` is not a Markdown file; turn a plain-text article into one with `tandem import content/de/artikel.txt`']
    })
    expect(await listFiles(project.root)).toEqual(before)
  })
})

describe('checked before anything is sent', () => {
  it('--target-lang must be one of DeepL target codes (exit 2); case does not matter', async () => {
    const deepl = await startServer()
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(['build', '--target-lang', 'xx'], deeplEnv(deepl))
    expect(run.code).toBe(2)
    expect(run.stderr).toEqual([
      "error: option '--target-lang <code>' argument 'xx' is invalid. `xx` is not one of DeepL's target languages (EN-US, EN-GB, …; see `tandem build --help`)"
    ])
    const near = await project.cli(['status', '--target-lang', 'en-AU'])
    expect(near.stderr[0]).toContain('`en-AU` is not one of DeepL\'s target languages (EN-GB, EN-US, …')
    expect(deepl.translateRequests()).toEqual([])
    expect((await project.cli(['build', '--target-lang', 'EN-gb'], deeplEnv(deepl))).code).toBe(0)
  })

  it('a targetLang in tandem.config.json is checked too, at its line and column', async () => {
    const project = await createProject({files: {'content/de/a.md': article, 'tandem.config.json': '{\n  "targetLang": "english"\n}\n'}})
    const run = await project.cli(['build'])
    expect(run.code).toBe(2)
    expect(run.stderr).toEqual(["tandem: tandem.config.json:2:3: `targetLang`: `english` is not one of DeepL's target languages (EN-US, EN-GB, …; see `tandem build --help`)"])
  })

  it('DEEPL_SERVER_URL and --server-url must be http(s) URLs (exit 2)', async () => {
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(['build'], {DEEPL_AUTH_KEY: 'k', DEEPL_SERVER_URL: 'notaurl'})
    expect(run).toEqual({code: 2, stdout: [], stderr: ['tandem: DEEPL_SERVER_URL must be an http:// or https:// URL, such as https://api.deepl.com, not `notaurl`']})
    const flag = await project.cli(['build', '--server-url', 'ftp://example.org'], {DEEPL_AUTH_KEY: 'k'})
    expect(flag.code).toBe(2)
    expect(flag.stderr).toEqual(['tandem: --server-url must be an http:// or https:// URL, such as https://api.deepl.com, not `ftp://example.org`'])
    expect(await project.exists('content/en/a.md')).toBe(false)
  })
})

describe('--formality', () => {
  it('leaves the memory key of the default as it always was', () => {
    // The key of today's records, computed before formality existed: existing memories still hit.
    const key = '58212758271c196278afb54f6cb68e53649acfdcaa3467106eaed3953da09b3b'
    const input = {source: 'Die Soldaten bleiben.', glossary: [{de: 'Kursk', en: 'Kursk'}], sourceLang: 'de', targetLang: 'en-US'}
    expect(memoryKey(input)).toBe(key)
    expect(memoryKey({...input, formality: 'default'})).toBe(key)
    expect(memoryKey({...input, formality: 'prefer_less'})).not.toBe(key)
    expect(memoryKey({...input, formality: 'prefer_less'})).not.toBe(memoryKey({...input, formality: 'prefer_more'}))
  })

  it("is sent as DeepL's formality and keys the memory apart; the default sends none and uses the existing records", async () => {
    const deepl = await startServer()
    const project = await createProject({files: {'content/de/a.md': article, 'memory/de-en.jsonl': fullMemory}})

    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    expect(deepl.translateRequests()).toEqual([])

    const formal = await project.cli(['build', '--formality', 'prefer_more'], deeplEnv(deepl))
    expect(formal.code).toBe(0)
    const sent = deepl.translateRequests()
    expect(sent.map((request) => request.params.formality)).toEqual(['prefer_more'])
    expect(sent.flatMap((request) => request.params.texts)).toEqual(Object.keys(english))
    const keys = new Set((await project.memory()).map((record) => record.key))
    for (const source of Object.keys(english)) {
      expect(keys).toContain(keyOf(source))
      expect(keys).toContain(memoryKey({source, glossary: [], sourceLang: 'de', targetLang: 'en-US', formality: 'prefer_more'}))
    }

    // Stored under its own key: a second formal build sends nothing, and the default still finds its records.
    deepl.reset()
    expect((await project.cli(['build', '--formality', 'prefer_more'], deeplEnv(deepl))).code).toBe(0)
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    expect(deepl.translateRequests()).toEqual([])
  })

  it('refuses a value DeepL does not have, and `more` for English, which DeepL has no formality for (exit 2)', async () => {
    const project = await createProject({files: {'content/de/a.md': article}})
    const unknown = await project.cli(['build', '--formality', 'formal'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr[0]).toContain("argument 'formal' is invalid. Allowed choices are default, more, less, prefer_more, prefer_less.")
    const english = await project.cli(['build', '--formality', 'more'])
    expect(english).toEqual({
      code: 2,
      stdout: [],
      stderr: ['tandem: options: DeepL has no formality for `en-US`: `more` would be refused; `prefer_more` falls back to the default']
    })
  })
})

describe('--ui de', () => {
  it('prints `tandem status` and the dry-run table in German', async () => {
    const project = await createProject({files: {'content/de/a.md': article, 'content/de/b.md': 'Ein neuer Absatz.\n', 'memory/de-en.jsonl': fullMemory}})
    const status = await project.cli(['--ui', 'de', 'status'])
    expect(status.code).toBe(0)
    expect(status.stdout).toEqual([
      'content/de/a.md  nicht gebaut',
      'content/de/b.md  nicht gebaut; 1 Segment zu übersetzen, 17 Zeichen in 1 Anfrage',
      '2 Dateien: 0 aktuell, 2 zu bauen; ein Build würde 1 Segment zu übersetzen, 17 Zeichen in 1 Anfrage senden (€0.0003)'
    ])
    const dry = await project.cli(['--ui', 'de', 'build', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout[0]).toMatch(/^Datei +Segmente +im Speicher +zu übersetzen +Zeichen +Anfragen +Kosten \(EUR\)$/)
    expect(dry.stdout.at(-2)).toMatch(/^gesamt \(2 Dateien\) /)
    expect(dry.stdout.at(-1)).toBe('Kosten bei 20 € je Million berechneter Zeichen (Nutzungspreis von DeepL API Pro; einen anderen setzt --price)')
  })
})

describe('the interface language', () => {
  it('follows LC_ALL, LC_MESSAGES or LANG when --ui is not given, as gettext does', async () => {
    const {uiFromEnvironment} = await import('../src/cli/main.ts')
    expect(uiFromEnvironment({})).toBe('en')
    expect(uiFromEnvironment({LANG: 'de_DE.UTF-8'})).toBe('de')
    expect(uiFromEnvironment({LANG: 'C.UTF-8'})).toBe('en')
    expect(uiFromEnvironment({LC_ALL: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8'})).toBe('en')
    expect(uiFromEnvironment({LC_ALL: '', LC_MESSAGES: 'de_AT', LANG: 'en_US'})).toBe('de')
    expect(uiFromEnvironment({LANG: 'dex'})).toBe('en')
    const project = await createProject({files: {'content/de/a.md': article, 'memory/de-en.jsonl': fullMemory}})
    expect((await project.cli(['build'], {LANG: 'de_DE.UTF-8'})).stderr).toEqual(['1 Datei: 1 gebaut, 0 unverändert, 0 fehlgeschlagen'])
    expect((await project.cli(['--ui', 'en', 'build'], {LANG: 'de_DE.UTF-8'})).stderr).toEqual(['1 file: 0 built, 1 unchanged, 0 failed'])
  })
})
