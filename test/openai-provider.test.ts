/**
 * The OpenAI-compatible provider end to end: `tandem build --provider openai` in temporary projects, through the
 * real `openai` client, against the chat-completions test server on 127.0.0.1 (test/servers/openai.ts).
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {afterEach, describe, expect, it} from 'vitest'
import {createProject, removeProjects, closeServers, startServer, deeplEnv, repoRoot, threeArticles, type Project} from './project.ts'
import {deeplLimits} from '../src/providers/batch.ts'
import {OpenAIProvider} from '../src/providers/openai.ts'
import {planRequests} from '../src/providers/plan.ts'
import {llmTranslate, startOpenAIServer, type Fault, type OpenAIServer, type OpenAIServerOptions} from './servers/openai.ts'
import {defaultTranslate} from './servers/deepl.ts'

const servers: OpenAIServer[] = []

async function llm(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const started = await startOpenAIServer(options)
  servers.push(started)
  return started
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  await closeServers()
  await removeProjects()
})

function env(server: OpenAIServer, apiKey = server.apiKey): NodeJS.ProcessEnv {
  return {OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: server.url}
}

/** `tandem build --provider openai`, quick retries, with a model name the records must carry. */
function buildArgs(...extra: string[]): string[] {
  return ['build', '--provider', 'openai', '--model', 'test-model', '--retry-delay', '0', ...extra]
}

/** The English edition's body: the front matter dropped. */
async function englishBody(project: Project, slug: string): Promise<string> {
  return (await project.read(`content/en/${slug}.md`)).replace(/^---\n[\s\S]*?\n---\n\n/, '')
}

const paragraphs = [
  'Die Soldaten bleiben in der Region.',
  'Der Krieg ist nicht vorbei.',
  'Russland liefert Munition.',
  'Die Ukraine bleibt.',
  'Der Vertrag gilt.',
  'Die Regierung schweigt.'
]
const article = `# Die Truppen\n\n${paragraphs.join('\n\n')}\n`
/** What the English edition must be, segment by segment: each text's own translation, in source order. */
const expected = `# ${llmTranslate('Die Truppen')}\n\n${paragraphs.map(llmTranslate).join('\n\n')}\n`

describe('tandem build --provider openai', () => {
  it('translates through the chat-completions API, records provider, model and tokens, and a rebuild sends nothing', async () => {
    const server = await llm()
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.stderr.join('\n')).not.toContain(server.apiKey)
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe(expected)

    const [chat, ...others] = server.chats()
    expect(others).toEqual([])
    expect(chat?.model).toBe('test-model')
    expect(chat?.temperature).toBe(0)
    expect(chat?.format).toBe('json_schema')
    expect(chat?.contract.source_lang).toBe('de')
    expect(chat?.contract.target_lang).toBe('en-US')
    expect(chat?.contract.texts.map((text) => text.text)).toEqual(['Die Truppen', ...paragraphs])
    expect(chat?.contract.glossary).toEqual([])
    expect(chat?.systemPrompt).toContain('<n>')

    const records = await project.memory()
    expect(records).toHaveLength(7)
    for (const record of records) {
      expect(record).toMatchObject({provider: 'openai', model: 'test-model', origin: 'mt'})
      expect(record.tokens?.prompt).toBeGreaterThan(0)
      expect(record.tokens?.completion).toBeGreaterThan(0)
    }

    const again = await project.cli(buildArgs(), env(server))
    expect(again.code).toBe(0)
    expect(server.chats()).toHaveLength(1)
    // A complete memory needs no server and no key at all.
    expect((await project.cli(['build', '--provider', 'openai'], {})).code).toBe(0)
  })

  it('takes provider and model from tandem.config.json', async () => {
    const server = await llm()
    const project = await createProject({
      files: {'content/de/a.md': '# Die Truppen\n', 'tandem.config.json': '{"provider": "openai", "openai": {"model": "from-config", "temperature": 0.2}}'}
    })
    const run = await project.cli(['build'], env(server))
    expect(run.code).toBe(0)
    expect(server.chats().map((chat) => [chat.model, chat.temperature])).toEqual([['from-config', 0.2]])
    expect((await project.memory())[0]).toMatchObject({provider: 'openai', model: 'from-config'})
  })

  it('refuses an unknown provider in the config at its line and column', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'tandem.config.json': '{\n  "provider": "gpt"\n}'}})
    const run = await project.cli(['build'], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toEqual(['tandem: tandem.config.json:2:3: `provider` must be one of `deepl`, `openai`, not `gpt`'])
  })

  it('without a key or a server, names OPENAI_API_KEY in the error of each missing translation', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    const run = await project.cli(['build', '--provider', 'openai'], {})
    expect(run.code).toBe(1)
    expect(run.stdout.concat(run.stderr)).toContain(
      'content/de/a.md:1:1  error  no translation for "Die Truppen"; set OPENAI_API_KEY or add it to memory/de-en.jsonl  no-translation'
    )
  })

  it('refuses a negative temperature in the config, and takes 0', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n', 'tandem.config.json': '{"glossary": "optional",\n"openai": {"temperature": -1}}'}})
    const run = await project.cli(['build', '--dry-run'], {})
    expect(run.stderr).toEqual(['tandem: tandem.config.json:2:12: `openai.temperature` must be a number of at least 0, not `-1`'])
    await project.write('tandem.config.json', '{"glossary": "optional", "openai": {"temperature": 0, "inputPricePerMillion": 0}}')
    expect((await project.cli(['build', '--dry-run'], {})).code).toBe(0)
  })

  it('sends an edited paragraph alone, with its neighbours as context', async () => {
    const server = await llm()
    const project = await createProject({files: {'content/de/a.md': article}})
    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    await project.write('content/de/a.md', article.replace('Der Vertrag gilt.', 'Der Vertrag gilt weiter.'))
    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    const last = server.chats().at(-1)
    expect(last?.contract.texts.map((text) => text.text)).toEqual(['Der Vertrag gilt weiter.'])
    expect(last?.contract.context).toBe('Die Ukraine bleibt.\n\nDie Regierung schweigt.')
  })

  it('keeps tags and their attributes, and protected names, through the JSON contract', async () => {
    const server = await llm()
    const project = await createProject({
      files: {
        'content/de/a.md': 'Die **Soldaten** bleiben in der [Region](https://example.com/r "Karte").\n\nDer Krieg mit `Code` ist _nicht_ vorbei.\n',
        'glossary/names.tsv': 'de\ten\tkind\tnote\nSelenskyj\tZelensky\tperson\t\nNordkorea\tNorth Korea\tplace\t\n'
      }
    })
    await project.write('content/de/b.md', 'Selenskyj spricht.\n')
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe(
      // The word list's English; every tag, the link's URL and title, and the code are where they were.
      'The **Soldiers** bleiben in the [Region](https://example.com/r "Karte").\n\nThe War with `Code` is _not_ vorbei.\n'
    )
    expect(await englishBody(project, 'b')).toBe('Zelensky spricht.\n')
    const sent = server.chats().flatMap((chat) => chat.contract.texts.map((text) => text.text))
    expect(sent).toContain('Die <b>Soldaten</b> bleiben in der <a id="1">Region</a>.')
    expect(sent).toContain('<n>Zelensky</n> spricht.')
    // Only the entry matched in the batch goes with it.
    expect(server.chats().map((chat) => chat.contract.glossary)).toEqual([[{de: 'Selenskyj', en: 'Zelensky'}]])
  })

  it('escapes again a < or > the model decoded, so the markup survives', async () => {
    const server = await llm({translate: (text) => llmTranslate(text).replaceAll('&lt;', '<').replaceAll('&gt;', '>')})
    const project = await createProject({files: {'content/de/a.md': 'Der **Wert** ist < 5 und > 2.\n'}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(0)
    expect(run.stdout.concat(run.stderr).filter((line) => line.includes('tag-damage'))).toEqual([])
    expect(await englishBody(project, 'a')).toBe('The **Wert** is < 5 and > 2.\n')
  })

  it('runs the glossary QA on the answers: a German name the model put back is a warning at its place', async () => {
    const server = await llm({translate: (text) => llmTranslate(text).replace('<n>Zelensky</n>', 'Selenskyj')})
    const project = await createProject({
      files: {'content/de/a.md': 'Heute spricht Selenskyj.\n', 'glossary/names.tsv': 'de\ten\tkind\tnote\nSelenskyj\tZelensky\tperson\t\n'}
    })
    const run = await project.cli(buildArgs(), env(server))
    expect(run.stdout.concat(run.stderr).filter((line) => line.includes('glossary-'))).toEqual([
      'content/de/a.md:1:15  warning  "Selenskyj" should read "Zelensky" in the English text  glossary-missing-name',
      'content/de/a.md:1:15  warning  the German "Selenskyj" is still in the English text; it should read "Zelensky"  glossary-german-name'
    ])
  })
})

describe('answer formats', () => {
  it('falls back from json_schema to json_object on a server that refuses the schema, and remembers it', async () => {
    const server = await llm({refuseJsonSchema: true})
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(buildArgs('--concurrency', '1'), {...env(server), TANDEM_UNUSED: ''})
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe(expected)
    expect(server.requests.map((request) => [request.format, request.status])).toEqual([
      ['json_schema', 400],
      ['json_object', 200]
    ])
  })

  it('falls back to plain text when json_object is refused too, and sends every later request that way', async () => {
    const server = await llm({refuseJsonObject: true})
    const project = await createProject({files: {'content/de/a.md': article, 'tandem.config.json': '{"openai": {"maxTexts": 4}}'}})
    const run = await project.cli(buildArgs('--concurrency', '1'), env(server))
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe(expected)
    expect(server.requests.map((request) => [request.format, request.status])).toEqual([
      ['json_schema', 400],
      ['json_object', 400],
      ['text', 200],
      ['text', 200]
    ])
  })
  it('keeps asking with json_schema when a request is refused every way (the refusal was not about the format)', async () => {
    const server = await llm()
    server.failNext({kind: 'status', status: 400, times: 3, message: 'context length exceeded'})
    const project = await createProject({files: {'content/de/a.md': article, 'tandem.config.json': '{"openai": {"maxTexts": 4}}'}})
    const run = await project.cli(buildArgs('--concurrency', '1'), env(server))
    expect(run.code).toBe(1)
    expect(run.stdout.concat(run.stderr).join('\n')).toContain('refused the request: 400 context length exceeded')
    expect(server.requests.map((request) => [request.format, request.status])).toEqual([
      ['json_schema', 400],
      ['json_object', 400],
      ['text', 400],
      ['json_schema', 200]
    ])
  })
})

describe('answers that need repair or a second try', () => {
  // Each leaves the build complete and every segment with its own translation.
  const cases: Array<[string, Fault['kind'], number]> = [
    ['a code fence around the JSON', 'fence', 1],
    ['prose around the JSON', 'prose', 1],
    ['items in another order', 'reorder', 1],
    ['a dropped id', 'drop', 3],
    ['an id twice', 'duplicate', 3],
    ['an id never asked for', 'extra', 3],
    ['an answer cut short (finish_reason length)', 'length', 3],
    ['invalid JSON', 'invalid', 3],
    ['a refusal', 'refusal', 3],
    ['empty texts', 'empty', 3]
  ]
  it.each(cases)('%s', async (_name, kind, requests) => {
    const server = await llm()
    server.failNext({kind} as Fault)
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe(expected)
    // An answer not used whole is sent again in halves.
    expect(server.chats()).toHaveLength(requests)
    const sizes = server.chats().map((chat) => chat.contract.texts.length)
    expect(sizes[0]).toBe(7)
    if (requests === 3) expect(sizes.slice(1).sort()).toEqual([3, 4])
    const records = await project.memory()
    for (const record of records) expect(record.target).toBe(llmTranslate(record.source))
  })

  it('halves down to one text; a text whose answer stays unusable is an error at its segment, and the rest is kept', async () => {
    const server = await llm()
    server.failNext({kind: 'drop', times: 100, when: (texts) => texts.some((text) => text.text.includes('Krieg'))})
    const project = await createProject({files: {'content/de/a.md': article, 'content/de/b.md': '# Ein anderer Text\n\nDie Ukraine bleibt frei.\n'}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(1)
    expect(run.stdout.concat(run.stderr).filter((line) => line.includes('provider-bad-answer'))).toEqual([
      'content/de/a.md:5:1  error  no usable translation for "Der Krieg ist…": the model\'s answer could not be used: the answer lacks id `1`  provider-bad-answer'
    ])
    expect(await project.exists('content/en/a.md')).toBe(false)
    expect(await englishBody(project, 'b')).toBe(`# ${llmTranslate('Ein anderer Text')}\n\n${llmTranslate('Die Ukraine bleibt frei.')}\n`)
    const stored = (await project.memory()).map((record) => record.source).sort()
    expect(stored).toEqual(['Die Truppen', 'Ein anderer Text', ...paragraphs.filter((text) => !text.includes('Krieg'))].concat('Die Ukraine bleibt frei.').sort())

    // The next build sends only the one text, and completes once the server answers it.
    const before = server.chats().length
    const fixed = await llm()
    const again = await project.cli(buildArgs(), env(fixed))
    expect(again.code).toBe(0)
    expect(fixed.chats().map((chat) => chat.contract.texts.map((text) => text.text))).toEqual([['Der Krieg ist nicht vorbei.']])
    expect(server.chats()).toHaveLength(before)
    expect(await englishBody(project, 'a')).toBe(expected)
  })
})

describe('faults', () => {
  it('retries a 429 no sooner than its Retry-After', async () => {
    const server = await llm()
    server.failNext({kind: 'status', status: 429, retryAfter: '2'})
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(0)
    const [refused, retried] = server.chats()
    expect(refused?.status).toBe(429)
    expect(retried?.status).toBe(200)
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1990)
  })

  it('honours retry-after-ms', async () => {
    const server = await llm()
    server.failNext({kind: 'status', status: 429, retryAfterMs: 300})
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    const [refused, retried] = server.chats()
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(290)
  })

  it('retries a 500 and a 503', async () => {
    const server = await llm()
    server.failNext({kind: 'status', status: 500})
    server.failNext({kind: 'status', status: 503})
    const project = await createProject({files: {'content/de/a.md': article}})
    const run = await project.cli(buildArgs(), env(server))
    expect(run.code).toBe(0)
    expect(server.chats().map((chat) => chat.status)).toEqual([500, 503, 200])
    expect(await englishBody(project, 'a')).toBe(expected)
  })

  it('retries a request that times out', async () => {
    const server = await llm()
    server.failNext({kind: 'hang'})
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    const run = await project.cli(buildArgs('--timeout', '300'), env(server))
    expect(run.code).toBe(0)
    expect(server.chats().map((chat) => chat.status)).toEqual([null, 200])
  })

  it('exits 2 with a message about the key on a 401, and never prints the key', async () => {
    const server = await llm()
    const project = await createProject({files: {'content/de/a.md': article}})
    const wrong = 'sk-wrong-key-1234567890'
    const run = await project.cli(buildArgs(), env(server, wrong))
    expect(run.code).toBe(2)
    const output = run.stdout.concat(run.stderr).join('\n')
    expect(output).toContain('refused the API key (check OPENAI_API_KEY)')
    expect(output).toContain('Incorrect API key provided: Bearer ***')
    expect(output).not.toContain(wrong)
    expect(server.chats()).toHaveLength(1)
  })

  it('exits 3 on insufficient_quota, keeping what was answered', async () => {
    const server = await llm()
    server.failNext({kind: 'status', status: 429, code: 'insufficient_quota', after: 1})
    const project = await createProject({files: {'content/de/a.md': article, 'tandem.config.json': '{"openai": {"maxTexts": 4}}'}})
    const run = await project.cli(buildArgs('--concurrency', '1'), env(server))
    expect(run.code).toBe(3)
    expect(run.stderr.join('\n')).toContain("The OpenAI account's quota is used up")
    expect((await project.memory()).map((record) => record.source)).toHaveLength(4)
  })
})

describe('batching and the dry run', () => {
  const items = Array.from({length: 45}, (_, index) => `Punkt ${index + 1} der Liste`)
  const list = `${items.map((item) => `- ${item}`).join('\n')}\n`

  it('packs at most openai.maxTexts texts (default 20) per request, across files', async () => {
    const server = await llm()
    const project = await createProject({files: {'content/de/a.md': list, 'content/de/b.md': '# Die Truppen\n'}})
    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    expect(server.chats().map((chat) => chat.contract.texts.length)).toEqual([20, 20, 6])
  })

  it('splits a paragraph over the token budget at sentences, and joins the pieces with their tokens', async () => {
    const server = await llm()
    const sentences = Array.from({length: 12}, (_, index) => `Die Soldaten bleiben in der Region Nummer ${index + 1}.`)
    const project = await createProject({files: {'content/de/a.md': `${sentences.join(' ')}\n`, 'tandem.config.json': '{"openai": {"maxTokens": 200}}'}})
    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    const pieces = server.chats().map((chat) => chat.contract.texts.map((text) => text.text))
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.flat().join(' ')).toBe(sentences.join(' '))
    const [record, ...others] = await project.memory()
    expect(others).toEqual([])
    expect(record?.target).toBe(pieces.flat().map(llmTranslate).join(' '))
    expect(record?.tokens?.prompt).toBeGreaterThan(0)
    expect(await englishBody(project, 'a')).toBe(`${record?.target}\n`)
  })

  it('keeps each request within the token budget, and the dry run counts what the build sends', async () => {
    const server = await llm()
    const project = await createProject({
      files: {
        'content/de/a.md': list,
        'tandem.config.json': '{"openai": {"maxTokens": 300, "inputPricePerMillion": 0.15, "outputPricePerMillion": 0.6}}'
      }
    })
    const dry = await project.cli([...buildArgs('--dry-run', '--json')], env(server))
    expect(dry.code).toBe(0)
    const counted = JSON.parse(dry.stdout.join('\n')) as {total: {requests: number; inputTokens: number; outputTokens: number; cost: number}}
    expect(server.requests).toHaveLength(0)
    expect(counted.total.requests).toBeGreaterThan(3)
    expect(counted.total.cost).toBeCloseTo((counted.total.inputTokens * 0.15 + counted.total.outputTokens * 0.6) / 1e6, 6)
    const table = await project.cli(buildArgs('--dry-run'), env(server))
    expect(table.stdout.at(-1)).toBe(
      'tokens estimated as characters / 4; cost at 0.15 per million input and 0.6 per million output tokens (openai.inputPricePerMillion, openai.outputPricePerMillion)'
    )

    expect((await project.cli(buildArgs(), env(server))).code).toBe(0)
    expect(server.chats()).toHaveLength(counted.total.requests)
    for (const chat of server.chats()) {
      const tokens = chat.contract.texts.reduce((sum, text) => sum + 2 * (Math.ceil(text.text.length / 4) + 8), 0)
      expect(tokens).toBeLessThanOrEqual(300)
    }
  })
})

describe('one suite, both providers', () => {
  const names = 'de\ten\tkind\tnote\nSelenskyj\tZelensky\tperson\t\n'
  const german = 'Selenskyj und die **Soldaten** bleiben in der [Region](https://example.com).\n\nDer Krieg ist nicht vorbei.\n'
  interface Started {
    env: NodeJS.ProcessEnv
    args: string[]
    requests: () => number
    /** Texts and context of the last request. */
    last: () => {texts: string[]; context: string | undefined}
    /** The quota runs out after `after` answered requests. */
    quotaAfter: (after: number) => void
  }
  const providers: Array<{name: string; start: () => Promise<Started>}> = [
    {
      name: 'deepl',
      start: async () => {
        const deepl = await startServer()
        return {
          env: deeplEnv(deepl),
          args: ['build', '--retry-delay', '0', '--concurrency', '1'],
          requests: () => deepl.translateRequests().length,
          last: () => {
            const params = deepl.translateRequests().at(-1)?.params
            return {texts: params?.texts ?? [], context: params?.context}
          },
          quotaAfter: (after) => deepl.failNext({status: 456, after, times: 100})
        }
      }
    },
    {
      name: 'openai',
      start: async () => {
        const server = await llm()
        return {
          env: env(server),
          args: buildArgs('--concurrency', '1'),
          requests: () => server.chats().length,
          last: () => {
            const contract = server.chats().at(-1)?.contract
            return {texts: contract?.texts.map((text) => text.text) ?? [], context: contract?.context}
          },
          quotaAfter: (after) => server.failNext({kind: 'status', status: 429, code: 'insufficient_quota', after, times: 100})
        }
      }
    }
  ]

  it.each(providers)('$name: memory, glossary names, tags, and no request on a rebuild', async (provider) => {
    const started = await provider.start()
    const project = await createProject({files: {'content/de/a.md': german, 'glossary/names.tsv': names}})
    const run = await project.cli(started.args, started.env)
    expect(run.code).toBe(0)
    expect(await englishBody(project, 'a')).toBe('Zelensky and the **Soldiers** bleiben in the [Region](https://example.com).\n\nThe War is not vorbei.\n')
    expect(new Set((await project.memory()).map((record) => record.provider))).toEqual(new Set([provider.name]))
    const sent = started.requests()
    expect((await project.cli(started.args, started.env)).code).toBe(0)
    expect(started.requests()).toBe(sent)
  })

  it.each(providers)('$name: an edited paragraph goes alone with its neighbours as context', async (provider) => {
    const started = await provider.start()
    const project = await createProject({files: {'content/de/a.md': article}})
    expect((await project.cli(started.args, started.env)).code).toBe(0)
    await project.write('content/de/a.md', article.replace('Der Vertrag gilt.', 'Der Vertrag gilt weiter.'))
    expect((await project.cli(started.args, started.env)).code).toBe(0)
    expect(started.last()).toEqual({texts: ['Der Vertrag gilt weiter.'], context: 'Die Ukraine bleibt.\n\nDie Regierung schweigt.'})
  })

  it.each(providers)('$name: an empty quota exits 3, keeps every answer, and the next build sends only the rest', async (provider) => {
    const started = await provider.start()
    const {files, texts} = threeArticles()
    const project = await createProject({files})
    started.quotaAfter(1)
    const run = await project.cli(started.args, started.env)
    expect(run.code).toBe(3)
    const stored = (await project.memory()).length
    expect(stored).toBeGreaterThan(0)
    expect(run.stderr.join('\n')).toContain(`Still to translate: ${texts.length - stored} segments`)
    const again = await provider.start()
    expect((await project.cli(again.args, again.env)).code).toBe(0)
    expect((await project.memory()).map((record) => record.source).sort()).toEqual([...texts].sort())
    expect(started.requests() + again.requests()).toBeLessThan(10)
  })
})

describe('tandem build --provider openai killed with SIGKILL', () => {
  it('loses no answer that arrived, and the rerun sends only the rest and ends as an uninterrupted build', async () => {
    const {files, texts} = threeArticles()
    const config = {'tandem.config.json': '{"provider": "openai", "openai": {"model": "test-model", "maxTexts": 40}}'}
    const project = await createProject({files: {...files, ...config}})
    const first = await llm()
    // The first request is answered, every later one hangs: the kill lands while requests are in flight.
    first.failNext({kind: 'hang', after: 1, times: 1000})
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'tandem.js'), 'build', '--concurrency', '1'], {
      cwd: project.root,
      env: {PATH: process.env.PATH, ...env(first)},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)))
    child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)))
    const exited = once(child, 'exit')
    const answered = () => first.chats().filter((chat) => chat.status === 200).flatMap((chat) => chat.contract.texts.map((text) => text.text))
    const onDisk = async () => {
      const text = (await project.exists('memory/de-en.jsonl')) ? await project.read('memory/de-en.jsonl') : ''
      return text.split('\n').filter((line) => line.endsWith('}')).map((line) => (JSON.parse(line) as {source: string}).source)
    }
    for (let tries = 0; ; tries++) {
      const hung = first.chats().some((chat) => chat.fault === 'hang')
      if (hung && answered().length > 0 && /segments translated/.test(output) && (await onDisk()).length === answered().length) break
      if (tries > 1000) throw new Error(`gave up waiting for a hung request and the answer before it on disk:\n${output}`)
      await sleep(20)
    }
    child.kill('SIGKILL')
    expect(await exited).toEqual([null, 'SIGKILL'])
    const received = answered()
    expect(received).toHaveLength(40)
    expect((await onDisk()).sort()).toEqual([...received].sort())
    expect(output).not.toContain(first.apiKey)

    const second = await llm()
    expect((await project.cli(['build'], env(second))).code).toBe(0)
    const resent = second.chats().flatMap((chat) => chat.contract.texts.map((text) => text.text))
    expect(resent.filter((text) => received.includes(text))).toEqual([])
    expect([...received, ...resent].sort()).toEqual([...texts].sort())

    const fresh = await createProject({files: {...files, ...config}})
    expect((await fresh.cli(['build'], env(await llm()))).code).toBe(0)
    for (const slug of ['a', 'b', 'c']) {
      expect(await project.read(`content/en/${slug}.md`)).toBe(await fresh.read(`content/en/${slug}.md`))
      expect(await project.read(`content/parallel/${slug}.md`)).toBe(await fresh.read(`content/parallel/${slug}.md`))
    }
    // The same translations; only each record's share of its request's tokens depends on how the texts were batched.
    const withoutTokens = async (of: Project) => (await of.memory()).map(({tokens: _tokens, ...record}) => record)
    expect(await withoutTokens(project)).toEqual(await withoutTokens(fresh))
  })
})

describe('revising a human translation whose German changed', () => {
  /** Word-level edit distance. */
  const distance = (a: string, b: string): number => {
    const x = a.split(/\s+/)
    const y = b.split(/\s+/)
    let previous = Array.from({length: y.length + 1}, (_, index) => index)
    for (let i = 1; i <= x.length; i++) {
      const current = [i]
      for (let j = 1; j <= y.length; j++) {
        current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[y.length] ?? 0
  }
  const revise = {source: 'Die Soldaten kämpfen in der Region.', target: 'Our soldiers fight on in that region.'}
  const changed = 'Die Soldaten warnen in der Region.'

  it('sends the old German, the editor’s English and the new German, and keeps the editor’s wording', async () => {
    const server = await llm()
    const provider = new OpenAIProvider({apiKey: server.apiKey, baseUrl: server.url, model: 'test-model'})
    const [result] = await provider.translate([{id: 'k', text: changed, revise}])
    expect(server.chats()[0]?.contract.texts).toEqual([{id: '1', text: changed, revise: {de: revise.source, en: revise.target}}])
    const revised = result && 'text' in result ? result.text : ''
    expect(revised).toBe('Our soldiers warn on in that region.')
    // One German word changed: one English word changes, where translating anew would change most of them.
    expect(distance(revise.target, revised)).toBe(1)
    expect(distance(revise.target, llmTranslate(changed))).toBeGreaterThan(3)
  })

  it('goes in a request of its own, with the editor’s English as DeepL’s context', async () => {
    const misses = [
      {key: 'a', source: 'Eins.', text: 'Eins.', before: '', after: ''},
      {key: 'b', source: changed, text: changed, before: '', after: '', revise},
      {key: 'c', source: 'Drei.', text: 'Drei.', before: '', after: ''}
    ]
    const plan = planRequests(misses, deeplLimits)
    expect(plan.batches).toEqual([
      [{id: 'b', text: changed, revise, context: revise.target}],
      [
        {id: 'a', text: 'Eins.'},
        {id: 'c', text: 'Drei.'}
      ]
    ])
  })
})
