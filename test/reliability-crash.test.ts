/**
 * Crash safety: a real `node bin/tandem.js build` child process is SIGKILLed mid-run and the build is run again.
 * Nothing received is lost or paid for twice, and the outputs are those of a build that was never interrupted.
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {afterEach, describe, expect, it} from 'vitest'
import {TranslationMemory} from '../src/memory/translation-memory.ts'
import {billedCharacters} from './servers/deepl.ts'
import {createProject, removeProjects, repoRoot, type Project, startServer, closeServers, threeArticles} from './project.ts'

const server = startServer

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

const bill = (texts: readonly string[]) => texts.reduce((sum, text) => sum + billedCharacters(text, 'xml'), 0)

/** content/en, content/parallel and the memory, by path; anything else there too (a stray temporary file would show). */
async function outputsOf(project: Project): Promise<Record<string, string>> {
  const entries = await readdir(project.root, {recursive: true, withFileTypes: true})
  const result: Record<string, string> = {}
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const file = path.relative(project.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    if (!file.startsWith('content/de/')) result[file] = await readFile(path.join(project.root, file), 'utf8')
  }
  return result
}

/** Sources in the memory file as it is on disk (appended lines, unsorted, perhaps a cut last line). */
async function sourcesOnDisk(project: Project): Promise<string[]> {
  let text = ''
  try {
    text = await project.read('memory/de-en.jsonl')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => (JSON.parse(line) as {source: string}).source)
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    if (await condition()) return
    await sleep(20)
  }
  throw new Error(`gave up waiting for ${what}`)
}


describe('tandem build killed with SIGKILL', () => {
  it('loses nothing received, bills no segment twice on the rerun, and ends with the outputs of an uninterrupted build', async () => {
    const {files, texts} = threeArticles()
    const project = await createProject({files})
    const first = await server()
    // Packed across files, the three articles take two requests: the first is answered, the second hangs,
    // so the kill lands while a request is in flight.
    first.failNext({kind: 'hang', after: 1, times: 1000})

    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'tandem.js'), 'build', '--concurrency', '2'], {
      cwd: project.root,
      env: {PATH: process.env.PATH, DEEPL_AUTH_KEY: first.authKey, DEEPL_SERVER_URL: first.url},
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)))
    child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)))
    const exited = once(child, 'exit')

    const answered = () => first.translateRequests().filter((request) => request.status === 200)
    const hung = () => first.translateRequests().filter((request) => request.fault !== undefined)
    // Kill once a request hangs, every answer that arrived is on disk, and the log line about it is out
    // (the line follows the append, so killing between the two would race the assertion on the log).
    await until(async () => {
      const received = answered().flatMap((request) => request.params.texts)
      const logged = /segments translated \(\d+ characters\)/.test(output)
      return hung().length === 1 && received.length > 0 && logged && (await sourcesOnDisk(project)).length === received.length
    }, 'a hung request, the answer before it on disk, and its log line')
    child.kill('SIGKILL')
    const [code, signal] = await exited
    expect([code, signal]).toEqual([null, 'SIGKILL'])

    const received = answered().flatMap((request) => request.params.texts)
    expect(received.length).toBeGreaterThan(0)
    expect(received.length).toBeLessThan(texts.length)
    expect((await sourcesOnDisk(project)).sort()).toEqual([...received].sort())
    // The log (no terminal: plain lines) said what arrived, and never the key.
    expect(output).toMatch(/segments translated \(\d+ characters\)/)
    expect(output).not.toContain(first.authKey)

    // The rerun sends only what is missing.
    const second = await server()
    const rerun = await project.cli(['build', '--concurrency', '2'], {DEEPL_AUTH_KEY: second.authKey, DEEPL_SERVER_URL: second.url})
    expect(rerun.code).toBe(0)
    const resent = second.translateRequests().flatMap((request) => request.params.texts)
    expect(resent.filter((text) => received.includes(text))).toEqual([])
    expect([...received, ...resent].sort()).toEqual([...texts].sort())
    expect(first.billedCharacters + second.billedCharacters).toBe(bill(texts))

    const fresh = await createProject({files})
    const whole = await server()
    expect((await fresh.cli(['build'], {DEEPL_AUTH_KEY: whole.authKey, DEEPL_SERVER_URL: whole.url})).code).toBe(0)
    expect(await outputsOf(project)).toEqual(await outputsOf(fresh))
  })
})

describe('the memory', () => {
  it('keeps the records another build appended meanwhile when it compacts', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    const record = (key: string) => ({key, source: `Quelle ${key}`, target: `Target ${key}`, origin: 'mt' as const, sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01'})
    const one = await TranslationMemory.open(file)
    const two = await TranslationMemory.open(file)
    await one.append([record('b')])
    await two.append([record('c'), record('a')])
    await one.compact()
    await two.compact()
    expect((await project.memory()).map((entry) => entry.key)).toEqual(['a', 'b', 'c'])
  })

  it('drops the pieces of a split paragraph once the paragraph is whole', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    const base = {origin: 'mt' as const, sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01'}
    const memory = await TranslationMemory.open(file)
    await memory.append([
      {...base, key: 'p1', source: 'Eins.', target: 'One.', part: {of: 'whole', index: 0, count: 2}},
      {...base, key: 'p2', source: 'Zwei.', target: 'Two.', part: {of: 'whole', index: 1, count: 2}}
    ])
    // Cut short before the paragraph was joined: the pieces stay.
    await memory.compact()
    expect((await project.memory()).map((entry) => [entry.key, entry.part?.index])).toEqual([
      ['p1', 0],
      ['p2', 1]
    ])
    await memory.append([{...base, key: 'whole', source: 'Eins. Zwei.', target: 'One. Two.'}])
    await memory.compact()
    expect((await project.memory()).map((entry) => entry.key)).toEqual(['whole'])
  })
})
