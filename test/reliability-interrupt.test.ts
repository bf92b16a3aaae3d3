/**
 * Ctrl-C: a real `node bin/tandem.js build` child process gets SIGINT while a request is in flight. It sends nothing
 * more, stores the answer in flight, writes the files that answer completes, says what it kept, and exits 130;
 * a rerun sends only what was not answered. A second SIGINT quits at once, and the memory is still whole.
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {PassThrough} from 'node:stream'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {afterEach, describe, expect, it} from 'vitest'
import {createProgressDisplay, restoreTerminal} from '../src/cli/progress.ts'
import {closeServers, createProject, removeProjects, repoRoot, startServer, threeArticles, type Project} from './project.ts'
import type {DeepLServer} from './servers/deepl.ts'

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1500; tries++) {
    if (await condition()) return
    await sleep(20)
  }
  throw new Error(`gave up waiting for ${what}`)
}

function startBuild(project: Project, server: DeepLServer) {
  // One request at a time, so that the second request is still unsent when the first is in flight.
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'tandem.js'), 'build', '--concurrency', '1'], {
    cwd: project.root,
    env: {PATH: process.env.PATH, DEEPL_AUTH_KEY: server.authKey, DEEPL_SERVER_URL: server.url},
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const output = {stderr: ''}
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += String(chunk)))
  child.stdout.resume()
  return {child, output, exited: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>}
}

const inFlight = (server: DeepLServer) => server.translateRequests().filter((request) => request.status === null)

describe('tandem build and Ctrl-C', () => {
  it('stores the answer in flight, writes the files it completes, exits 130, and a rerun sends only the rest', async () => {
    const {files, texts} = threeArticles()
    const project = await createProject({files})
    // Slow enough that the signal lands while the first request (50 texts: a.md and most of b.md) is unanswered.
    const first = await startServer({delayMs: 1500})
    const {child, output, exited} = startBuild(project, first)
    await until(() => inFlight(first).length === 1, 'a request in flight')
    child.kill('SIGINT')
    const [code, signal] = await exited
    expect([code, signal]).toEqual([130, null])

    // Nothing was sent after the signal; the request in flight was answered and kept.
    const requests = first.translateRequests()
    expect(requests.map((request) => request.status)).toEqual([200])
    const answered = requests.flatMap((request) => request.params.texts)
    expect(answered).toEqual(texts.slice(0, 50))
    expect((await project.memory()).map((record) => record.source).sort()).toEqual([...answered].sort())
    // a.md is complete with that answer; b.md and c.md wait for the request never sent.
    expect(await project.exists('content/en/a.md')).toBe(true)
    expect(await project.exists('content/en/b.md')).toBe(false)
    expect(await project.exists('content/en/c.md')).toBe(false)
    const lines = output.stderr.trimEnd().split('\n')
    expect(lines).toContain(
      'tandem: stopping: no new requests; waiting for the ones in flight (at most 30 s) to store their answers; Ctrl-C again quits at once'
    )
    expect(lines).toContain('content/de/b.md:1:1  error  not built: the build was interrupted before its translations arrived  interrupted')
    expect(lines).toContain('content/de/c.md:1:1  error  not built: the build was interrupted before its translations arrived  interrupted')
    expect(lines.slice(-2)).toEqual([
      `3 files: 1 built, 0 unchanged, 2 failed; 50 segments translated (${first.billedCharacters} characters billed)`,
      'tandem: interrupted: 50 translations of this run are kept in memory/de-en.jsonl, 1 of 3 files built; run `tandem build` again and it sends only what is missing (`tandem build --dry-run` counts it)'
    ])

    const second = await startServer()
    const rerun = await project.cli(['build'], {DEEPL_AUTH_KEY: second.authKey, DEEPL_SERVER_URL: second.url})
    expect(rerun.code).toBe(0)
    expect(second.translateRequests().flatMap((request) => request.params.texts)).toEqual(texts.slice(50))
    expect(await project.exists('content/en/c.md')).toBe(true)
  })

  it('quits at once on a second SIGINT, leaving a memory every command can read', async () => {
    const {files} = threeArticles()
    const project = await createProject({files})
    const first = await startServer()
    // The first request is answered, the second never is: only a second Ctrl-C ends the wait.
    first.failNext({kind: 'hang', after: 1, times: 10})
    const {child, output, exited} = startBuild(project, first)
    await until(() => first.translateRequests().some((request) => request.fault !== undefined), 'a hung request')
    child.kill('SIGINT')
    await until(() => output.stderr.includes('tandem: stopping'), 'the stopping line')
    child.kill('SIGINT')
    const [code] = await exited
    expect(code).toBe(130)
    expect(output.stderr.trimEnd().split('\n').at(-1)).toBe('tandem: quit at once; every translation received so far is in memory/de-en.jsonl')
    const status = await project.cli(['status'])
    expect(status.code).toBe(0)
    expect((await project.memory()).length).toBe(50)
  })

  it('gives the terminal its cursor and line wrapping back however the process ends', () => {
    const stream = Object.assign(new PassThrough(), {isTTY: true, columns: 80})
    let written = ''
    stream.on('data', (chunk: Buffer) => (written += String(chunk)))
    const before = process.listeners('exit').length
    const display = createProgressDisplay(stream, {segments: 2, billedCharacters: 10})
    expect(written).toContain('\x1B[?25l')
    // An exit without `stop()` (a second Ctrl-C, an uncaught error) still restores it.
    const [onExit] = process.listeners('exit').slice(before)
    expect(onExit).toBeDefined()
    onExit?.call(process, 130)
    expect(written.endsWith(restoreTerminal)).toBe(true)
    display.stop()
    expect(process.listeners('exit').length).toBe(before)
  })
})
