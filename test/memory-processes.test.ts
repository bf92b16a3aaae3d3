/**
 * Several tandem processes on one memory (issue 17): the lock file, stale locks, a torn last line,
 * leftovers of killed writes, and real `tandem build` processes racing a compactor.
 */
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {hostname} from 'node:os'
import {readdir, readFile, rm, utimes, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {main} from '../src/cli/main.ts'
import {withLock, type LockWait} from '../src/core/lock-file.ts'
import {removeLeftovers, leftoverAgeMs} from '../src/core/write-file-atomic.ts'
import {TranslationMemory, type MemoryRecord} from '../src/memory/translation-memory.ts'
import {closeServers, createProject, deeplEnv, listFiles, removeProjects, repoRoot, startServer, type Project} from './project.ts'

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

function record(key: string): MemoryRecord {
  return {key, source: `Quelle ${key}`, target: `Target ${key}`, origin: 'mt', sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01'}
}

interface Child {
  code: number | null
  output: string
}

/** Run `node <args>` in `cwd` to the end. */
async function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, args, {cwd, env: {PATH: process.env.PATH, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)))
  child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)))
  const [code] = (await once(child, 'exit')) as [number | null]
  return {code, output}
}

/** The pid of a process that has exited: a lock it held is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'})
  const pid = child.pid
  await once(child, 'exit')
  if (pid === undefined) throw new Error('no pid')
  return pid
}

async function lockFile(file: string, pid: number, since = new Date().toISOString()): Promise<void> {
  await writeFile(`${file}.lock`, JSON.stringify({pid, host: hostname(), since, token: 'someone-else'}) + '\n')
}

describe('the memory lock', () => {
  it('takes over a lock whose process is gone, without waiting', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    await lockFile(file, await deadPid())
    const waits: LockWait[] = []
    const memory = await TranslationMemory.open(file, {onWait: (wait) => waits.push(wait), lock: {noticeMs: 0}})
    await memory.append([record('a')])
    expect(waits).toEqual([])
    expect((await project.memory()).map((entry) => entry.key)).toEqual(['a'])
    expect(await project.exists('memory/de-en.jsonl.lock')).toBe(false)
    expect(await readdir(path.dirname(file))).toEqual(['de-en.jsonl'])
  })

  it('takes over a lock of a live process once it has not been refreshed for the stale age', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    // process.pid is alive: only the age can make this lock stale.
    await lockFile(file, process.pid)
    const old = new Date(Date.now() - 120_000)
    await utimes(`${file}.lock`, old, old)
    const memory = await TranslationMemory.open(file, {lock: {staleMs: 60_000}})
    await memory.append([record('a')])
    expect(await project.exists('memory/de-en.jsonl.lock')).toBe(false)
  })

  it('waits for a live lock, says so once with its holder, and goes on when it is released', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    await lockFile(file, process.pid, '2025-01-01T00:00:00.000Z')
    const waits: LockWait[] = []
    let released!: () => void
    const noticed = new Promise<void>((resolve) => (released = resolve))
    const memory = await TranslationMemory.open(file, {
      onWait: (wait) => {
        waits.push(wait)
        released()
      },
      lock: {noticeMs: 0}
    })
    const appended = memory.append([record('a')])
    await noticed
    // Still waiting: nothing written yet.
    expect(await project.exists('memory/de-en.jsonl')).toBe(false)
    await rm(`${file}.lock`)
    await appended
    expect(waits).toEqual([{lock: `${file}.lock`, holder: {pid: process.pid, host: hostname(), since: '2025-01-01T00:00:00.000Z'}}])
    expect((await project.memory()).map((entry) => entry.key)).toEqual(['a'])
  })

  it('lets one holder in at a time, and a holder that was taken over does not remove the new lock', async () => {
    const project = await createProject()
    const lock = path.join(project.root, 'memory', 'x.lock')
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({length: 20}, () =>
        withLock(lock, {}, async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((resolve) => setImmediate(resolve))
          inside--
        })
      )
    )
    expect(most).toBe(1)

    // Taken over while working (it looked stale): on release it leaves the new holder's lock alone.
    await withLock(lock, {}, async () => {
      await lockFile(lock.slice(0, -'.lock'.length), process.pid)
    })
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({token: 'someone-else'})
  })

  it('loses no record when many memories append and compact the same file at once', async () => {
    const project = await createProject()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    const memories = await Promise.all(Array.from({length: 6}, () => TranslationMemory.open(file)))
    const keys: string[] = []
    await Promise.all(
      memories.map(async (memory, index) => {
        for (let round = 0; round < 8; round++) {
          const key = `k${index}-${round}`
          keys.push(key)
          await memory.append([record(key)])
          if (round % 3 === index % 3) await memory.compact()
        }
      })
    )
    await memories[0]?.compact()
    expect((await project.memory()).map((entry) => entry.key)).toEqual([...keys].sort())
  })

  it('a build that waits for the memory lock says so on stderr, then finishes', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Hallo Welt.\n'}})
    const deepl = await startServer()
    const file = path.join(project.root, 'memory', 'de-en.jsonl')
    await lockFile(file, process.pid, '2025-01-01T00:00:00.000Z')
    const stderr: string[] = []
    const code = await main(['build'], {
      cwd: project.root,
      env: deeplEnv(deepl),
      stdout: () => undefined,
      stderr: (text) => {
        stderr.push(text)
        // Released once the build has said it waits.
        if (text.includes('waiting for')) void rm(`${file}.lock`)
      }
    })
    expect(code).toBe(0)
    expect(stderr[0]).toBe(
      'tandem: waiting for memory/de-en.jsonl.lock: process ' + process.pid + ' has held it since 2025-01-01T00:00:00.000Z (another tandem run)'
    )
    expect((await project.memory()).map((entry) => entry.source)).toEqual(['Hallo Welt.'])
  })
})

describe('leftovers of a killed write', () => {
  it('are removed at the next build: only tandem temporary files, of dead processes or old, in the folders it writes', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Hallo Welt.\n'}})
    const dead = await deadPid()
    const leftovers = [
      `content/en/.tandem-tmp-${dead}-0123456789ab-a.md`,
      `content/en/sub/.tandem-tmp-${dead}-0123456789ab-b.md`,
      `content/parallel/.tandem-tmp-${dead}-abcdefabcdef-a.md`,
      `memory/.tandem-tmp-${dead}-abcdefabcdef-de-en.jsonl`,
      `site/.tandem-tmp-${dead}-abcdefabcdef-index.html`,
      // A killed `tandem import`'s: not built as an article either.
      `content/de/.tandem-tmp-${dead}-0123456789ab-a.md`,
      `glossary/.tandem-tmp-${dead}-0123456789ab-names.tsv`,
      // Written before names carried a pid, and old.
      'memory/.tandem-tmp-abcdefabcdef-de-en.jsonl'
    ]
    const kept = [
      // A running process's (ours), fresh.
      `memory/.tandem-tmp-${process.pid}-abcdefabcdef-de-en.jsonl`,
      // Not tandem's pattern.
      `memory/.tandem-tmp-${dead}-xyz-de-en.jsonl`,
      'memory/.tandem-tmp-',
      `content/en/tandem-tmp-${dead}-0123456789ab-a.md`,
      // Not a folder tandem writes.
      `notes/.tandem-tmp-${dead}-0123456789ab-a.md`
    ]
    for (const file of [...leftovers, ...kept]) await project.write(file, 'half a file')
    const old = new Date(Date.now() - leftoverAgeMs - 60_000)
    await utimes(path.join(project.root, 'memory/.tandem-tmp-abcdefabcdef-de-en.jsonl'), old, old)

    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    for (const file of leftovers) expect(await project.exists(file), file).toBe(false)
    for (const file of kept) expect(await project.exists(file), file).toBe(true)
    expect((await listFiles(path.join(project.root, 'content', 'en'))).sort()).toEqual(['a.md', `tandem-tmp-${dead}-0123456789ab-a.md`])
  })

  it('removeLeftovers skips missing folders and reports what it removed', async () => {
    const project = await createProject()
    const dead = await deadPid()
    await project.write(`memory/.tandem-tmp-${dead}-0123456789ab-de-en.jsonl`, '')
    const removed = await removeLeftovers([path.join(project.root, 'memory'), path.join(project.root, 'nowhere')])
    expect(removed).toEqual([path.join(project.root, 'memory', `.tandem-tmp-${dead}-0123456789ab-de-en.jsonl`)])
  })
})

describe('a torn last line', () => {
  it('at every byte offset of a record: a warning at its line, nothing lost, one segment re-sent, then nothing', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Grüße\n\nDie Soldaten bleiben.\n\nDer Krieg ist vorbei.\n'}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const whole = await project.bytes('memory/de-en.jsonl')
    expect(await project.memory()).toHaveLength(3)
    // The record with a multi-byte character is appended last, so that some cuts fall inside a character.
    const lines = whole.toString('utf8').trimEnd().split('\n')
    const lastLine = lines.find((text) => text.includes('Grüße')) ?? ''
    const before = Buffer.from(lines.filter((text) => text !== lastLine).map((text) => text + '\n').join(''))
    const last = Buffer.from(lastLine)
    const lastSource = 'Grüße'

    for (let cut = 1; cut <= last.length; cut++) {
      await writeFile(path.join(project.root, 'memory', 'de-en.jsonl'), Buffer.concat([before, last.subarray(0, cut)]))
      await rm(path.join(project.root, 'memory', 'de-en.jsonl.rejected'), {force: true})
      deepl.reset()
      const torn = await project.cli(['build'], deeplEnv(deepl))
      expect(torn.code, `cut at ${cut}`).toBe(0)
      const sent = deepl.translateRequests().flatMap((request) => request.params.texts)
      if (cut === last.length) {
        // The whole record, only its newline missing: nothing is torn.
        expect(torn.stderr.filter((line) => line.includes('warning'))).toEqual([])
        expect(sent).toEqual([])
        expect(await project.exists('memory/de-en.jsonl.rejected')).toBe(false)
      } else {
        expect(torn.stderr[0], `cut at ${cut}`).toBe(
          'memory/de-en.jsonl:3:1  warning  the last line is cut short (a crash while appending); moved to `de-en.jsonl.rejected`, the records before it are kept  memory-torn-line'
        )
        // Nothing is lost: the cut bytes are in the side file as they were.
        expect(Buffer.compare(await project.bytes('memory/de-en.jsonl.rejected'), Buffer.concat([last.subarray(0, cut), Buffer.from('\n')]))).toBe(0)
        // The complete records were kept: only the torn one is sent again.
        expect(sent).toEqual([lastSource])
      }
      expect(Buffer.compare(await project.bytes('memory/de-en.jsonl'), whole), `cut at ${cut}`).toBe(0)
      deepl.reset()
      const again = await project.cli(['build'], deeplEnv(deepl))
      expect(again.code).toBe(0)
      expect(again.stderr.filter((line) => line.includes('warning'))).toEqual([])
      expect(deepl.translateRequests()).toEqual([])
    }
    // Some 400 builds in one test: generous, since the machine may be busy (tests never assert on time).
  }, 180_000)

  it('is left alone by the commands that only read (status, a dry run), and the next build moves it aside', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Hallo Welt.\n'}})
    const deepl = await startServer()
    expect((await project.cli(['build'], deeplEnv(deepl))).code).toBe(0)
    const whole = await project.read('memory/de-en.jsonl')
    const torn = whole + '{"key":"x","sou'
    await project.write('memory/de-en.jsonl', torn)
    for (const argv of [['status'], ['build', '--dry-run'], ['check']]) {
      const result = await project.cli(argv)
      expect(result.code, argv.join(' ')).toBe(0)
      expect(result.stderr.filter((line) => line.includes('memory/')), argv.join(' ')).toEqual([])
    }
    expect(await project.read('memory/de-en.jsonl')).toBe(torn)
    const built = await project.cli(['build'], deeplEnv(deepl))
    expect(built.stderr[0]).toMatch(/^memory\/de-en\.jsonl:2:1 {2}warning {2}the last line is cut short/)
    expect(await project.read('memory/de-en.jsonl')).toBe(whole)
    expect(await project.read('memory/de-en.jsonl.rejected')).toBe('{"key":"x","sou\n')
  })

  it('a broken line in the middle stops every command that reads the memory, with the same message', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Hallo Welt.\n'}})
    await project.write('memory/de-en.jsonl', '{"key":"a",\n')
    for (const argv of [['status'], ['build', '--dry-run'], ['check'], ['site'], ['memory', 'rekey']]) {
      const result = await project.cli(argv)
      expect([result.code, result.stderr], argv.join(' ')).toEqual([1, ['memory/de-en.jsonl:1:12  error  not JSON: the line ends inside the record  memory-json']])
    }
  })

  it('a broken line in the middle is an error at memory/de-en.jsonl:LINE:COLUMN, and nothing is built or rewritten', async () => {
    const project = await createProject({files: {'content/de/a.md': 'Hallo Welt.\n'}})
    const broken = '{"key":"a","source":"x"}\n{"key":"b" "source":"y"}\n{"key":"c","source":"z"}\n'
    await project.write('memory/de-en.jsonl', broken)
    const deepl = await startServer()
    const result = await project.cli(['build'], deeplEnv(deepl))
    expect(result.code).toBe(1)
    expect(result.stderr).toEqual([
      'memory/de-en.jsonl:1:1  error  field `target` must be a string  memory-field',
      'memory/de-en.jsonl:2:12  error  not JSON: expected `,` or `}`  memory-json',
      'memory/de-en.jsonl:3:1  error  field `target` must be a string  memory-field'
    ])
    expect(result.stderr.join('\n')).not.toContain(project.root)
    expect(deepl.translateRequests()).toEqual([])
    expect(await project.read('memory/de-en.jsonl')).toBe(broken)
    expect(await project.exists('content/en/a.md')).toBe(false)
  })
})

/** Four small articles for each build, and one both build (a request each: the builds overlap request by request). */
function articles(): Record<string, string> {
  const article = (name: string) => `Absatz eins von ${name}.\n\nAbsatz zwei von ${name} über die Soldaten.\n`
  const names = ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4', 'c']
  return Object.fromEntries(names.map((name) => [`content/de/${name}.md`, article(name)]))
}

/** content/en, content/parallel and the memory, by path (a stray temporary file would show). */
async function outputs(project: Project): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const file of await listFiles(project.root)) {
    if (/^(content\/(en|parallel)|memory)\//.test(file)) result[file] = await project.read(file)
  }
  return result
}

async function memoryIsSorted(project: Project): Promise<boolean> {
  const keys = (await project.memory()).map((entry) => entry.key)
  return keys.length > 0 && keys.every((key, index) => index === 0 || (keys[index - 1] ?? '') <= key)
}

describe('two real builds and a compactor on one project', () => {
  it('both finish, the memory holds every answer, and a rebuild sends nothing (20 times)', async () => {
    const bin = path.join(repoRoot, 'bin', 'tandem.js')
    const compactor = path.join(repoRoot, 'test', 'memory-compactor.ts')
    // What one build alone writes: two builds of the same file (c.md) at once must write the same.
    const alone = await createProject({files: articles()})
    const aloneServer = await startServer()
    expect((await alone.cli(['build'], deeplEnv(aloneServer))).code).toBe(0)
    const expected = await outputs(alone)
    for (let round = 0; round < 20; round++) {
      const project = await createProject({files: articles()})
      // Slow answers of two texts each: the builds' requests and appends overlap, and overlap the compactor's rewrites.
      const deepl = await startServer({delayMs: 100})
      const env = deeplEnv(deepl)

      const third = spawn(process.execPath, ['--import', 'tsx', compactor, path.join(project.root, 'memory', 'de-en.jsonl')], {
        cwd: repoRoot,
        env: {PATH: process.env.PATH},
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let compactorOutput = ''
      third.stdout.on('data', (chunk: Buffer) => (compactorOutput += String(chunk)))
      third.stderr.on('data', (chunk: Buffer) => (compactorOutput += String(chunk)))
      const compactorExit = once(third, 'exit')
      while (!compactorOutput.includes('ready')) {
        if (third.exitCode !== null) throw new Error(`the compactor stopped: ${compactorOutput}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }

      const files = (prefix: string) => ['1', '2', '3', '4'].map((n) => `content/de/${prefix}${n}.md`)
      try {
        const [one, two] = await Promise.all([
          run([bin, 'build', ...files('a'), 'content/de/c.md'], project.root, env),
          run([bin, 'build', ...files('b'), 'content/de/c.md'], project.root, env)
        ])
        expect([one.code, two.code], one.output + two.output).toEqual([0, 0])
        // The compactor sorts what the builds appended last, then stops.
        while (!(await memoryIsSorted(project))) await new Promise((resolve) => setTimeout(resolve, 20))
      } finally {
        third.kill('SIGTERM')
        await compactorExit
      }
      expect(compactorOutput).toMatch(/^ready\nrewrites \d+\n$/)

      // Every text sent has its answer in the memory (c.md's may have been sent by both).
      const sent = new Set(deepl.translateRequests().flatMap((request) => request.params.texts))
      const stored = new Set((await project.memory()).map((entry) => entry.source))
      expect([...sent].filter((text) => !stored.has(text))).toEqual([])
      expect(stored.size).toBe(18)

      deepl.reset()
      const rebuild = await project.cli(['build'], env)
      expect(rebuild.code).toBe(0)
      expect(deepl.translateRequests()).toEqual([])
      expect(await outputs(project)).toEqual(expected)
      expect((await readdir(path.join(project.root, 'memory'))).sort()).toEqual(['de-en.jsonl', 'written'])
      await closeServers()
    }
  }, 600_000)
})
