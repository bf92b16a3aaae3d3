/**
 * `tandem glossary sync` and the DeepL glossary a build sends, end to end: `main(argv, io)` in temporary
 * projects, the real deepl-node, and the DeepL-compatible test server with its v2 glossary endpoints.
 */
import {GlossaryEntries, Translator} from 'deepl-node'
import {afterEach, describe, expect, it} from 'vitest'
import {deeplGlossaryName, deeplGlossaryPrefix} from '../src/glossary/deepl-glossary-name.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {ProviderError} from '../src/providers/errors.ts'
import {sha256} from '../src/core/hash.ts'
import {defaultTranslate} from './servers/deepl.ts'
import type {DeepLServer} from './servers/deepl.ts'
import {createProject, removeProjects, type CliRun, type Project, startServer, closeServers, deeplEnv} from './project.ts'

const server = startServer

const env = deeplEnv

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

const names = [
  'de\ten\tkind\tnote',
  '# German → English',
  'Nordkorea\tNorth Korea\tplace\t',
  'Selenskyj\tZelensky\tperson\t',
  'Wolodymyr Selenskyj\tVolodymyr Zelensky\tperson\tPresident of Ukraine',
  ''
].join('\n')

/** The entries as the server must receive them: de TAB en, in file order. */
const namesTsv = 'Nordkorea\tNorth Korea\nSelenskyj\tZelensky\nWolodymyr Selenskyj\tVolodymyr Zelensky'

const nameOf = (content: string) => deeplGlossaryName(sha256(content)) as string

const articles = {
  'content/de/a.md': '# Selenskyj in Nordkorea\n\nDie Soldaten bleiben in der Region.\n',
  'content/de/b.md': '# Der Krieg\n\nWolodymyr Selenskyj und die Truppen.\n'
}

function requestsOf(deepl: DeepLServer): string[] {
  return deepl.requests.map((request) => `${request.method} ${request.path} ${request.status}`)
}

function printed(run: CliRun): string {
  return [...run.stdout, ...run.stderr].join('\n')
}

async function sync(project: Project, deepl: DeepLServer): Promise<CliRun> {
  return project.cli(['glossary', 'sync'], env(deepl))
}

describe('deeplGlossaryName', () => {
  it('is the prefix and the first 12 hex digits of the hash, and nothing without a names file', () => {
    const hash = sha256(names)
    expect(deeplGlossaryName(hash)).toBe(`tandem-names-${hash.slice(0, 12)}`)
    expect(deeplGlossaryName(hash)?.startsWith(deeplGlossaryPrefix)).toBe(true)
    expect(deeplGlossaryName('')).toBeUndefined()
    expect(() => deeplGlossaryName('abc')).toThrow('expected a sha256 in hex, not `abc`')
  })
})

describe('tandem glossary sync', () => {
  it('creates one glossary with every entry, named by the hash of names.tsv', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    const run = await sync(project, deepl)
    const name = nameOf(names)
    expect(run).toEqual({code: 0, stdout: [], stderr: [`created ${name} (3 entries)`]})

    expect(requestsOf(deepl)).toEqual(['GET /v2/glossaries 200', 'POST /v2/glossaries 201'])
    const created = deepl.requests[1]
    expect(created?.form).toEqual({
      name: [name],
      source_lang: ['de'],
      target_lang: ['en'],
      entries_format: ['tsv'],
      entries: [namesTsv]
    })
    const glossaries = deepl.glossaries()
    expect(glossaries).toHaveLength(1)
    expect(glossaries[0]).toMatchObject({
      name,
      sourceLang: 'de',
      targetLang: 'en',
      ready: true,
      entries: [
        ['Nordkorea', 'North Korea'],
        ['Selenskyj', 'Zelensky'],
        ['Wolodymyr Selenskyj', 'Volodymyr Zelensky']
      ]
    })
  })

  it('creates nothing when the file has not changed', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    await sync(project, deepl)
    const [before] = deepl.glossaries()
    deepl.requests.length = 0

    const again = await sync(project, deepl)
    expect(again).toEqual({code: 0, stdout: [], stderr: [`kept ${nameOf(names)} (3 entries)`]})
    expect(requestsOf(deepl)).toEqual(['GET /v2/glossaries 200'])
    expect(deepl.glossaries()).toEqual([before])
  })

  it('makes a new glossary for an edited file and deletes the stale one', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    await sync(project, deepl)
    const [stale] = deepl.glossaries()
    deepl.requests.length = 0

    const edited = names + 'Lawrow\tLavrov\tperson\t\n'
    await project.write('glossary/names.tsv', edited)
    const run = await sync(project, deepl)
    expect(run).toEqual({code: 0, stdout: [], stderr: [`created ${nameOf(edited)} (4 entries), deleted 1 stale glossary`]})
    expect(requestsOf(deepl)).toEqual([
      'GET /v2/glossaries 200',
      'POST /v2/glossaries 201',
      `DELETE /v2/glossaries/${stale?.glossaryId} 204`
    ])
    expect(deepl.requests[1]?.form?.entries).toEqual([`${namesTsv}\nLawrow\tLavrov`])
    expect(deepl.glossaries().map((glossary) => [glossary.name, glossary.entries.length])).toEqual([[nameOf(edited), 4]])
  })

  it('keeps the newest of two glossaries with the current name, deletes every other tandem one, and leaves foreign ones', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    const name = nameOf(names)
    const entries = {Nordkorea: 'North Korea', Selenskyj: 'Zelensky', 'Wolodymyr Selenskyj': 'Volodymyr Zelensky'}
    const older = deepl.addGlossary({name, entries, creationTime: '2025-01-01T00:00:00.000Z'})
    const newer = deepl.addGlossary({name, entries, creationTime: '2025-02-01T00:00:00.000Z'})
    const stale = deepl.addGlossary({name: 'tandem-names-000000000000', entries: {Moskau: 'Moscow'}})
    // Same name, but not what names.tsv holds now: unusable, so stale.
    const truncated = deepl.addGlossary({name, entries: {Nordkorea: 'North Korea'}, creationTime: '2025-03-01T00:00:00.000Z'})
    const foreign = deepl.addGlossary({name: 'someone else', entries: {Haus: 'house'}})

    const run = await sync(project, deepl)
    expect(run).toEqual({code: 0, stdout: [], stderr: [`kept ${name} (3 entries), deleted 3 stale glossaries`]})
    expect(deepl.requests.filter((request) => request.method === 'DELETE').map((request) => request.path).sort()).toEqual(
      [older, stale, truncated].map((glossary) => `/v2/glossaries/${glossary.glossaryId}`).sort()
    )
    expect(deepl.glossaries().map((glossary) => glossary.glossaryId)).toEqual([newer.glossaryId, foreign.glossaryId])
  })

  it('honours --server-url', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    const run = await project.cli(['glossary', 'sync', '--server-url', deepl.url], {DEEPL_AUTH_KEY: deepl.authKey})
    expect(run.code).toBe(0)
    expect(deepl.glossaries()).toHaveLength(1)
  })

  it('exits with 2 and says so without a key, and sends nothing', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names}})
    const run = await project.cli(['glossary', 'sync'], {DEEPL_SERVER_URL: deepl.url, DEEPL_AUTH_KEY: '  '})
    expect(run).toEqual({
      code: 2,
      stdout: [],
      stderr: ['tandem: `glossary sync` talks to DeepL and needs an API key: set DEEPL_AUTH_KEY']
    })
    expect(deepl.requests).toEqual([])
  })

  it('never prints the key, whether DeepL takes it or refuses it', async () => {
    const authKey = 'c0ffee00-5ec2-e7e7-0000-secret0key00:fx'
    const deepl = await server({authKey})
    const project = await createProject({files: {'glossary/names.tsv': names}})

    const ok = await project.cli(['glossary', 'sync'], env(deepl))
    expect(ok.code).toBe(0)
    expect(printed(ok)).not.toContain('c0ffee00')

    const wrongKey = 'f00dbabe-5ec2-e7e7-0000-wrong0key000:fx'
    const refused = await project.cli(['glossary', 'sync'], env(deepl, wrongKey))
    expect(refused).toEqual({
      code: 2,
      stdout: [],
      stderr: [
        'tandem: DeepL refused the API key (check DEEPL_AUTH_KEY): Authorization failure, check auth_key, message: Wrong or missing authentication key.'
      ]
    })
    expect(printed(refused)).not.toContain('f00dbabe')
    expect(deepl.glossaries()).toHaveLength(1)
  })

  it('refuses a broken glossary with its messages, exit 1, and sends nothing', async () => {
    const deepl = await server()
    const broken = names + 'Nordkorea\tNorth-Korea\tplace\t\n'
    const project = await createProject({files: {'glossary/names.tsv': broken}})
    const run = await sync(project, deepl)
    expect(run.code).toBe(1)
    expect(run.stdout).toEqual([])
    expect(run.stderr.join('\n')).toContain('glossary/names.tsv:6:1')
    expect(run.stderr.join('\n')).toContain('glossary-conflict')
    expect(run.stderr.at(-1)).toBe('glossary/names.tsv has errors; nothing was sent to DeepL')
    expect(deepl.requests).toEqual([])
  })

  it('exits with 2 when there is nothing to sync', async () => {
    const deepl = await server()
    const cases: Array<Record<string, string>> = [{}, {'glossary/names.tsv': 'de\ten\tkind\tnote\n'}]
    for (const files of cases) {
      const project = await createProject({files})
      const run = await sync(project, deepl)
      expect(run).toEqual({code: 2, stdout: [], stderr: ['tandem: glossary/names.tsv has no entries; nothing to sync']})
    }
    expect(deepl.requests).toEqual([])
  })
})

describe('tandem build with a synced glossary', () => {
  it('sends the current glossary id with every translation, looked up once', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names, ...articles}})
    await sync(project, deepl)
    const [glossary] = deepl.glossaries()
    deepl.requests.length = 0

    const build = await project.cli(['build', '--concurrency', '2'], env(deepl))
    expect(build.code).toBe(0)
    const translations = deepl.translateRequests()
    expect(translations.length).toBeGreaterThan(0)
    expect(translations.map((request) => request.params.glossaryId)).toEqual(translations.map(() => glossary?.glossaryId))
    expect(deepl.requests.filter((request) => request.path === '/v2/glossaries').map((request) => request.method)).toEqual(['GET'])
    expect(await project.read('content/en/a.md')).toContain('# Zelensky in North Korea')
    expect(await project.read('content/en/b.md')).toContain('Volodymyr Zelensky and the Troops.')

    // Nothing to translate: no request at all, not even the lookup.
    deepl.requests.length = 0
    const again = await project.cli(['build'], env(deepl))
    expect(again.code).toBe(0)
    expect(deepl.requests).toEqual([])
  })

  it('sends no glossary id when none was synced, or only for an older names.tsv', async () => {
    const deepl = await server()
    const project = await createProject({files: {'glossary/names.tsv': names, ...articles}})
    deepl.addGlossary({name: nameOf('an older file'), entries: {Selenskyj: 'Zelenskyy'}})

    const build = await project.cli(['build'], env(deepl))
    expect(build.code).toBe(0)
    const translations = deepl.translateRequests()
    expect(translations.length).toBeGreaterThan(0)
    for (const request of translations) expect(request.params.glossaryId).toBeUndefined()
    expect(requestsOf(deepl)[0]).toBe('GET /v2/glossaries 200')
    // The names are enforced without it.
    expect(await project.read('content/en/a.md')).toContain('# Zelensky in North Korea')
  })

  it('neither looks up nor sends a glossary without names.tsv', async () => {
    const deepl = await server()
    const project = await createProject({files: articles})
    const build = await project.cli(['build'], env(deepl))
    expect(build.code).toBe(0)
    expect(deepl.requests.every((request) => request.path === '/v2/translate' && request.params?.glossaryId === undefined)).toBe(true)
  })
})

describe('DeepLProvider glossaries', () => {
  const provider = (deepl: DeepLServer, glossaryName?: string) =>
    new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1, ...(glossaryName ? {glossaryName} : {})})

  it('uses the glossary it synced without looking it up again', async () => {
    const deepl = await server()
    const name = nameOf(names)
    const deeplProvider = provider(deepl, name)
    const synced = await deeplProvider.syncGlossary([{de: 'Selenskyj', en: 'Zelensky'}], name)
    expect(synced).toMatchObject({name, created: true, entryCount: 1, deleted: []})
    deepl.requests.length = 0
    const [result] = await deeplProvider.translate([{id: '1', text: 'Selenskyj und die Soldaten'}])
    expect(result?.text).toBe('Zelensky and the Soldiers')
    expect(requestsOf(deepl)).toEqual(['POST /v2/translate 200'])
    expect(deepl.translateRequests()[0]?.params.glossaryId).toBe(synced.id)
  })

  it('translates without a glossary when the server has no glossary endpoints', async () => {
    const deepl = await server()
    deepl.failNext({status: 404, path: '/v2/glossaries'})
    const [result] = await provider(deepl, nameOf(names)).translate([{id: '1', text: 'die Soldaten'}])
    expect(result?.text).toBe('the Soldiers')
    expect(requestsOf(deepl)).toEqual(['GET /v2/glossaries 404', 'POST /v2/translate 200'])
    expect(deepl.translateRequests()[0]?.params.glossaryId).toBeUndefined()
  })

  it('refuses entries DeepL would refuse before sending anything', async () => {
    const deepl = await server()
    const name = nameOf(names)
    await expect(provider(deepl).syncGlossary([], name)).rejects.toThrow('a DeepL glossary needs at least one entry')
    await expect(
      provider(deepl).syncGlossary(
        [
          {de: 'Kiew', en: 'Kyiv'},
          {de: 'Kiew', en: 'Kiev'}
        ],
        name
      )
    ).rejects.toThrow('`Kiew` is in the glossary twice')
    await expect(provider(deepl).syncGlossary([{de: 'Kiew', en: 'Kyiv'}], 'my-names')).rejects.toThrow(
      'a names glossary must be named `tandem-names-…`, not `my-names`'
    )
    expect(deepl.requests).toEqual([])
  })

  it('explains a glossary deleted between the lookup and a translation', async () => {
    const deepl = await server()
    const name = nameOf(names)
    const deeplProvider = provider(deepl, name)
    await deeplProvider.syncGlossary([{de: 'Selenskyj', en: 'Zelensky'}], name)
    deepl.reset()
    const translating = deeplProvider.translate([{id: '1', text: 'und'}])
    await expect(translating).rejects.toBeInstanceOf(ProviderError)
    await expect(translating).rejects.toThrow('run `tandem glossary sync` and build again')
    expect(requestsOf(deepl)).toEqual(['POST /v2/translate 404'])
  })
})

describe('test server glossary endpoints with deepl-node', () => {
  const translator = (deepl: DeepLServer) => new Translator(deepl.authKey, {serverUrl: deepl.url, maxRetries: 1})

  it('creates, lists, gets, returns the entries of and deletes a glossary', async () => {
    const deepl = await server()
    const client = translator(deepl)
    const entries = new GlossaryEntries({entries: {Kiew: 'Kyiv', 'Charkiw': 'Kharkiv'}})
    const created = await client.createGlossary('tandem-names-test', 'de', 'en-US', entries)
    expect(created).toMatchObject({name: 'tandem-names-test', ready: true, sourceLang: 'de', targetLang: 'en', entryCount: 2})
    expect(created.creationTime).toBeInstanceOf(Date)

    expect(await client.listGlossaries()).toEqual([created])
    expect(await client.getGlossary(created.glossaryId)).toEqual(created)
    expect((await client.getGlossaryEntries(created)).entries()).toEqual({Kiew: 'Kyiv', Charkiw: 'Kharkiv'})
    const entriesRequest = deepl.requests.at(-1)
    expect(entriesRequest?.headers['accept']).toContain('*/*')

    await client.deleteGlossary(created)
    expect(await client.listGlossaries()).toEqual([])
    await expect(client.getGlossary(created.glossaryId)).rejects.toThrow('Glossary not found, message: Glossary not found.')
    await expect(client.deleteGlossary(created.glossaryId)).rejects.toThrow('Glossary not found')
    await expect(client.getGlossaryEntries(created.glossaryId)).rejects.toThrow('Glossary not found')
    expect(deepl.requests.map((request) => request.status)).toEqual([201, 200, 200, 200, 204, 200, 404, 404, 404])
  })

  it('lists the glossary language pairs', async () => {
    const deepl = await server()
    const pairs = await translator(deepl).getGlossaryLanguagePairs()
    expect(pairs).toContainEqual({sourceLang: 'de', targetLang: 'en'})
    expect(pairs).not.toContainEqual({sourceLang: 'de', targetLang: 'de'})
  })

  it('answers 400 for duplicate sources, empty terms, extra tabs, missing tabs and no entries', async () => {
    const deepl = await server()
    const create = (body: Record<string, string>) =>
      fetch(`${deepl.url}/v2/glossaries`, {
        method: 'POST',
        headers: {authorization: `DeepL-Auth-Key ${deepl.authKey}`, 'content-type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({name: 'g', source_lang: 'de', target_lang: 'en', entries_format: 'tsv', ...body})
      })
    const cases: Array<[Record<string, string>, string]> = [
      [{entries: 'Kiew\tKyiv\nKiew\tKiev'}, "Invalid glossary entries: duplicate source term 'Kiew'."],
      [{entries: 'Kiew\t '}, 'Invalid glossary entries: entry on line 1 has an empty term.'],
      [{entries: 'Kiew\tKyiv\nA\tB\tC'}, 'Invalid glossary entries: entry on line 2 has more than one tab.'],
      [{entries: 'Kiew Kyiv'}, 'Invalid glossary entries: entry on line 1 has no tab.'],
      [{entries: '\n\n'}, 'Invalid glossary entries: no entries.'],
      [{entries: 'Kiew\tKyiv', target_lang: 'en-US'}, 'Unsupported glossary source and target language pair.'],
      [{entries: 'Kiew,Kyiv', entries_format: 'csv'}, "Value for 'entries_format' not supported."],
      [{entries: 'Kiew\tKyiv', name: ''}, "Parameter 'name' not specified."]
    ]
    for (const [body, message] of cases) {
      const response = await create(body)
      expect([response.status, await response.json()]).toEqual([400, {message}])
    }
    expect(deepl.glossaries()).toEqual([])
  })

  it('applies a glossary in translations, whole words and longest first, and 404s an unknown one', async () => {
    const deepl = await server()
    const client = translator(deepl)
    const glossary = await client.createGlossary(
      'g',
      'de',
      'en',
      new GlossaryEntries({entries: {Selenskyj: 'Zelensky', 'Wolodymyr Selenskyj': 'Volodymyr Zelensky', Die: 'Diehard'}})
    )
    const results = await client.translateText(
      ['Wolodymyr Selenskyj und Selenskyjs Soldaten', '<b>Selenskyj</b> <n>Selenskyj</n> & Die'],
      'de',
      'en-GB',
      {glossary, tagHandling: 'xml', ignoreTags: ['n']}
    )
    expect(results.map((result) => result.text)).toEqual([
      'Volodymyr Zelensky and Selenskyjs Soldiers',
      '<b>Zelensky</b> <n>Selenskyj</n> & Diehard'
    ])
    expect(defaultTranslate('Die Soldaten', {ignoreTags: []}, undefined, [['Die', 'Diehard']])).toBe('Diehard Soldiers')

    await expect(client.translateText('und', 'de', 'en-US', {glossary: 'no-such-glossary'})).rejects.toThrow(
      'Not found, message: Glossary not found.'
    )
    await expect(client.translateText('und', 'de', 'fr', {glossary})).rejects.toThrow(
      "Bad request, message: Language pair of the glossary doesn't match the language pair of the request."
    )
    expect(deepl.translateRequests().map((request) => [request.params.glossaryId, request.status])).toEqual([
      [glossary.glossaryId, 200],
      ['no-such-glossary', 404],
      [glossary.glossaryId, 400]
    ])
  })
})
