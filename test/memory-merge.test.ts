/** Two editors, one memory, in git (issue 17): `tandem memory merge` as a git merge driver. */
import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterEach, describe, expect, it} from 'vitest'
import {mergeMemories} from '../src/memory/merge-memories.ts'
import {parseMemory, recordLine, type MemoryLine, type MemoryRecord} from '../src/memory/translation-memory.ts'
import {closeServers, createProject, deeplEnv, removeProjects, repoRoot, startServer, type Project} from './project.ts'

const exec = promisify(execFile)

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

function record(key: string, extra: Partial<MemoryRecord> = {}): MemoryRecord {
  return {key, source: `Quelle ${key}`, target: `Target ${key}`, origin: 'mt', sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01', ...extra}
}

function lines(...records: MemoryRecord[]): MemoryLine[] {
  return records.map((entry) => ({record: entry, line: recordLine(entry)}))
}

function text(...records: MemoryRecord[]): string {
  return records.map((entry) => recordLine(entry) + '\n').join('')
}

describe('mergeMemories', () => {
  const a = record('a')
  const b = record('b')
  const c = record('c')
  const human = record('b', {origin: 'human', target: 'by hand', replaces: 'x'})

  it('is the sorted union of both sides, identical records once', () => {
    expect(mergeMemories(lines(a), lines(a, c), lines(b, a))).toBe(text(a, b, c))
    expect(mergeMemories([], lines(c, a), lines(b, human))).toBe(text(a, human, b, c))
  })

  it('keeps a machine record deleted on one side deleted, and never drops a human or imported record', () => {
    const imported = record('d', {origin: 'import'})
    const base = lines(a, b, human, imported)
    // Ours deleted the mt record `a` and the human record; theirs deleted the import.
    expect(mergeMemories(base, lines(b), lines(a, b, human))).toBe(text(human, b))
    expect(mergeMemories(base, lines(a, b, human), lines(a, b, human))).toBe(text(a, human, b))
    expect(mergeMemories(base, lines(a, b, human, imported), lines(a, b, human))).toBe(text(a, human, b, imported))
  })

  it('drops the pieces of a paragraph that either side has whole', () => {
    const piece = record('p1', {part: {of: 'c', index: 0, count: 2}})
    expect(mergeMemories([], lines(piece), lines(c))).toBe(text(c))
  })
})

describe('tandem memory merge', () => {
  it('--setup prints the .gitattributes line and the git config line', async () => {
    const project = await createProject()
    const result = await project.cli(['memory', 'merge', '--setup'])
    expect(result).toEqual({
      code: 0,
      stdout: ['memory/*.jsonl merge=tandem-memory', 'git config merge.tandem-memory.driver "npx tandem memory merge %O %A %B"'],
      stderr: []
    })
  })

  it('the repository ships the .gitattributes line, and the README shows both', async () => {
    const project = await createProject()
    const [attributes, config] = (await project.cli(['memory', 'merge', '--setup'])).stdout
    expect(await readFile(path.join(repoRoot, '.gitattributes'), 'utf8')).toContain(`${attributes}\n`)
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    expect(readme).toContain(attributes)
    expect(readme).toContain(config)
  })

  it('writes the merge to OURS, and with a broken line reports it at its place and leaves OURS alone', async () => {
    const project = await createProject()
    await project.write('base', text(record('a')))
    await project.write('ours', text(record('a'), record('c')))
    await project.write('theirs', text(record('b')))
    expect(await project.cli(['memory', 'merge', 'base', 'ours', 'theirs'])).toEqual({code: 0, stdout: [], stderr: []})
    expect(await project.read('ours')).toBe(text(record('b'), record('c')))

    await project.write('theirs', text(record('b')) + '<<<<<<< HEAD\n')
    const broken = await project.cli(['memory', 'merge', 'base', 'ours', 'theirs'])
    expect(broken).toEqual({code: 1, stdout: [], stderr: ['theirs:2:1  error  not JSON: expected a value  memory-json']})
    expect(await project.read('ours')).toBe(text(record('b'), record('c')))

    expect((await project.cli(['memory', 'merge', 'base', 'ours'])).code).toBe(2)
  })
})

async function git(project: Project, ...args: string[]): Promise<string> {
  const {stdout} = await exec('git', args, {cwd: project.root, env: {PATH: process.env.PATH, HOME: project.root, GIT_CONFIG_NOSYSTEM: '1'}})
  return stdout
}

describe('two branches that each build different articles', () => {
  it('merge without a conflict through the driver, keep every record, and rebuild with 0 requests', async () => {
    const article = (name: string) => `# Bericht ${name}\n\nDie Soldaten von ${name} bleiben.\n\nDer Krieg in ${name} ist nicht vorbei.\n`
    const project = await createProject({
      files: {
        'content/de/a.md': article('Kursk'),
        'content/de/b.md': article('Charkiw'),
        'content/de/c.md': article('Odessa'),
        '.gitignore': 'site/\n',
        '.gitattributes': 'memory/*.jsonl merge=tandem-memory\n'
      }
    })
    const deepl = await startServer()
    await git(project, 'init', '-q', '-b', 'main')
    await git(project, 'config', 'user.email', 'editor@example.org')
    await git(project, 'config', 'user.name', 'Editor')
    const build = async (...files: string[]) => {
      const result = await project.cli(['build', ...files], deeplEnv(deepl))
      expect(result.code, result.stderr.join('\n')).toBe(0)
    }
    const commit = async (message: string) => {
      await git(project, 'add', '-A')
      await git(project, 'commit', '-q', '-m', message)
    }
    // The shared start already has a memory.
    await build('content/de/c.md')
    await commit('c')
    await git(project, 'checkout', '-q', '-b', 'one')
    await build('content/de/a.md')
    await commit('a')
    await git(project, 'checkout', '-q', '-b', 'two', 'main')
    await build('content/de/b.md')
    await commit('b')
    const branchOne = parseMemory(Buffer.from(await git(project, 'show', 'one:memory/de-en.jsonl')), 'one', project.root).lines
    const branchTwo = parseMemory(Buffer.from(await git(project, 'show', 'two:memory/de-en.jsonl')), 'two', project.root).lines
    expect([branchOne.length, branchTwo.length]).toEqual([6, 6])

    await git(project, 'checkout', '-q', 'one')
    // Without the driver, git's line merge conflicts: both branches inserted records among the same lines.
    await expect(git(project, 'merge', '-q', '--no-edit', 'two')).rejects.toThrow()
    expect(await git(project, 'status', '--porcelain')).toBe('A  content/en/b.md\nA  content/parallel/b.md\nUU memory/de-en.jsonl\nA  memory/written/b.md.json\n')
    await git(project, 'merge', '--abort')

    await git(project, 'config', 'merge.tandem-memory.driver', `node ${JSON.stringify(path.join(repoRoot, 'bin', 'tandem.js'))} memory merge %O %A %B`)
    await git(project, 'merge', '-q', '--no-edit', 'two')
    expect(await git(project, 'status', '--porcelain')).toBe('')
    const merged = await project.read('memory/de-en.jsonl')
    expect(merged).toBe(mergeMemories([], branchOne, branchTwo))
    expect(merged.split('\n')).toHaveLength(9 + 1)

    deepl.reset()
    await build()
    expect(deepl.translateRequests()).toEqual([])
    // The rebuild changed nothing that git tracks: the merged memory is sorted and whole, the outputs current.
    expect(await git(project, 'status', '--porcelain')).toBe('')
  })
})
