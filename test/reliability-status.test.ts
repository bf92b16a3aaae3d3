/**
 * Incremental builds: `tandem status` (stale files and what a build would send), unchanged outputs left alone,
 * and the progress display on a terminal and in a log.
 */
import {readFile} from 'node:fs/promises'
import {Writable} from 'node:stream'
import {afterEach, describe, expect, it} from 'vitest'
import {main} from '../src/cli/main.ts'
import {DEFAULTS} from '../src/core/defaults.ts'
import {billedCharacters} from './servers/deepl.ts'
import {createProject, removeProjects, repoRoot, type Project, startServer, closeServers, deeplEnv} from './project.ts'

const server = startServer

const env = deeplEnv

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

const names = 'de\ten\tkind\tnote\n'

async function mtimes(project: Project, files: readonly string[]): Promise<number[]> {
  return Promise.all(files.map((file) => project.mtime(file)))
}

describe('tandem status', () => {
  it('lists files whose source or glossary changed since their English was built, and what a build would send', async () => {
    const project = await createProject({
      files: {
        'content/de/a.md': '# Die Truppen\n\nDer Krieg ist nicht vorbei.\n',
        'content/de/b.md': '# Nordkorea\n\nNordkorea entsendet Soldaten.\n',
        'content/de/c.md': '# Der Vertrag\n',
        'glossary/names.tsv': names
      }
    })
    const deepl = await server()
    expect((await project.cli(['build'], env(deepl))).code).toBe(0)
    const sent = deepl.requests.length

    const clean = await project.cli(['status'])
    expect(clean).toEqual({
      code: 0,
      stdout: ['content/de/a.md  up to date', 'content/de/b.md  up to date', 'content/de/c.md  up to date', '3 files: 3 up to date, 0 to build; a build would send nothing'],
      stderr: []
    })

    // A source edit that brings in the new glossary entry, the entry that b.md contains (c.md does not: it stays up to date), and a file never built.
    await project.write('content/de/a.md', '# Die Truppen\n\nDer Krieg ist nicht vorbei.\n\nNordkorea liefert Waffen.\n')
    await project.write('glossary/names.tsv', `${names}Nordkorea\tNorth Korea\tplace\t\n`)
    await project.write('content/de/d.md', '# Die Ukraine\n')
    const edited = billedCharacters('<n>North Korea</n> liefert Waffen.', 'xml')
    const named = ['<n>North Korea</n>', '<n>North Korea</n> entsendet Soldaten.'].map((text) => billedCharacters(text, 'xml'))
    const fresh = billedCharacters('Die Ukraine', 'xml')
    const total = edited + (named[0] ?? 0) + (named[1] ?? 0) + fresh
    const stale = await project.cli(['status'])
    expect(stale.stdout).toEqual([
      `content/de/a.md  source and glossary changed; 1 segment to translate, ${edited} characters in 1 request`,
      `content/de/b.md  glossary changed; 2 segments to translate, ${(named[0] ?? 0) + (named[1] ?? 0)} characters in 1 request`,
      'content/de/c.md  up to date',
      `content/de/d.md  not built; 1 segment to translate, ${fresh} characters in 0 requests`,
      `4 files: 1 up to date, 3 to build; a build would send 4 segments to translate, ${total} characters in 2 requests (€${(total * 20e-6).toFixed(4)})`
    ])
    const json = await project.cli(['status', '--json'])
    const parsed = JSON.parse(json.stdout.join('\n')) as {files: Array<{file: string; state: string; english: string; toTranslate: number}>}
    expect(parsed.files.map((file) => [file.file, file.state, file.english, file.toTranslate])).toEqual([
      ['content/de/a.md', 'source and glossary changed', 'content/en/a.md', 1],
      ['content/de/b.md', 'glossary changed', 'content/en/b.md', 2],
      ['content/de/c.md', 'up to date', 'content/en/c.md', 0],
      ['content/de/d.md', 'not built', 'content/en/d.md', 1]
    ])
    // Status sends nothing.
    expect(deepl.requests).toHaveLength(sent)

    deepl.reset()
    expect((await project.cli(['build'], env(deepl))).code).toBe(0)
    expect(deepl.translateRequests()).toHaveLength(2)
    expect((await project.cli(['status'])).stdout.at(-1)).toBe('4 files: 4 up to date, 0 to build; a build would send nothing')
  })
})

describe('an incremental build', () => {
  it('rewrites only the outputs whose bytes change, and sends only the edited paragraph, with its neighbours as context', async () => {
    const project = await createProject({
      files: {
        'content/de/a.md': '# Die Truppen\n\nDer Krieg ist nicht vorbei.\n\nDie Soldaten bleiben.\n',
        'content/de/b.md': '# Der Krieg\n'
      }
    })
    const deepl = await server()
    expect((await project.cli(['build'], env(deepl))).code).toBe(0)
    const outputs = ['content/en/a.md', 'content/parallel/a.md', 'content/en/b.md', 'content/parallel/b.md']
    const before = await mtimes(project, outputs)

    await project.write('content/de/a.md', '# Die Truppen\n\nDer Krieg ist nicht vorbei.\n\nDie Soldaten bleiben in der Region.\n')
    deepl.reset()
    const run = await project.cli(['build'], env(deepl))
    expect(run.stderr).toEqual([`2 files: 1 built, 1 unchanged, 0 failed; 1 segment translated (${billedCharacters('Die Soldaten bleiben in der Region.')} characters billed)`])
    expect(deepl.translateRequests().map((request) => [request.params.texts, request.params.context])).toEqual([
      [['Die Soldaten bleiben in der Region.'], 'Der Krieg ist nicht vorbei.']
    ])
    const after = await mtimes(project, outputs)
    expect(after.slice(2)).toEqual(before.slice(2))
    expect(after[0]).not.toBe(before[0])
  })
})

describe('progress', () => {
  async function build(stream: Writable & {isTTY?: boolean}) {
    const items = Array.from({length: 120}, (_, index) => `- Punkt ${index + 1} der Liste`)
    const project = await createProject({files: {'content/de/liste.md': items.join('\n') + '\n', 'content/de/kurz.md': '# Der Krieg\n'}})
    const deepl = await server()
    const stderr: string[] = []
    const code = await main(['build'], {cwd: project.root, env: env(deepl), stdout: () => undefined, stderr: (text) => stderr.push(text), progress: stream})
    return {code, stderr}
  }

  function sink(isTTY: boolean): {stream: Writable & {isTTY?: boolean; columns?: number}; text: () => string} {
    let text = ''
    const stream: Writable & {isTTY?: boolean; columns?: number} = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        text += String(chunk)
        done()
      }
    })
    if (isTTY) {
      stream.isTTY = true
      stream.columns = 200
    }
    return {stream, text: () => text}
  }

  it('draws a bar with segments done/total, characters and an ETA on a terminal', async () => {
    const terminal = sink(true)
    const {code} = await build(terminal.stream)
    expect(code).toBe(0)
    const characters = Array.from({length: 120}, (_, index) => `Punkt ${index + 1} der Liste`).reduce((sum, text) => sum + billedCharacters(text), 0) + 9
    const screen = terminal.text()
    expect(screen).toContain(`121 segments to translate, ${characters} characters in 3 requests, €`)
    expect(screen).toContain(`121/121 segments | ${characters}/${characters} characters | ETA 0s`)
  })

  it('writes plain lines without a terminal', async () => {
    const log = sink(false)
    const {code} = await build(log.stream)
    expect(code).toBe(0)
    const lines = log.text().trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/^content\/de\/(liste|kurz)\.md: \d+ segments translated \(\d+ characters\); \d+ segments, \d+ characters so far$/)
    expect(lines.at(-1)).toMatch(/; 121 segments, \d+ characters so far$/)
    // eslint-disable-next-line no-control-regex
    expect(log.text()).not.toMatch(/\u001b\[/)
  })
})

describe('README', () => {
  it('states the defaults of the build options that the code uses', async () => {
    const readme = await readFile(`${repoRoot}/README.md`, 'utf8')
    const build = readme.split('\n').find((line) => line.startsWith('| `tandem build'))
    expect(build).toContain(`\`--timeout\` (default ${DEFAULTS.deepl.timeoutMs} ms)`)
    expect(build).toContain(`\`--retry-delay\` (default ${DEFAULTS.retry.initialDelayMs} ms)`)
    expect(build).toContain(`\`--price\` (default ${DEFAULTS.price.perMillion}, euros per million characters)`)
    expect(readme).toContain(`(from \`--retry-delay\`, ${DEFAULTS.retry.initialDelayMs} ms, growing 1.6 times per\nretry, up to ${DEFAULTS.retry.rateLimitRetries} retries)`)
    expect(readme).toContain(`retried up to ${DEFAULTS.retry.transientRetries} times`)
    expect(readme).toContain(`(\`--timeout\`, ${DEFAULTS.deepl.timeoutMs} ms per request)`)
    expect(readme).toContain(`€${DEFAULTS.price.perMillion} per million characters`)
    expect(readme).toContain(`At most \`--concurrency\` requests (default ${DEFAULTS.concurrency}) are in flight`)
  })
})
