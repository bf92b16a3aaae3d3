/**
 * Temporary tandem projects for end-to-end tests: a folder under the OS temp dir
 * with `content/de`, `memory/` and whatever else a test writes, plus a CLI runner.
 */
import {cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {main} from '../src/cli/main.ts'
import {memoryKey} from '../src/core/key.ts'
import type {MemoryRecord} from '../src/memory/translation-memory.ts'
import {startDeepLServer, type DeepLServer, type DeepLServerOptions} from './servers/deepl.ts'

/** The repository this test suite belongs to. */
export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'build')

export interface CliRun {
  code: number
  /** Everything printed, one entry per printed line. */
  stdout: string[]
  stderr: string[]
}

export interface Project {
  root: string
  /** Write a file (relative to root), creating folders. */
  write(file: string, content: string | Uint8Array): Promise<void>
  read(file: string): Promise<string>
  bytes(file: string): Promise<Buffer>
  exists(file: string): Promise<boolean>
  mtime(file: string): Promise<number>
  /** The memory's records, in file order. */
  memory(): Promise<MemoryRecord[]>
  /** Run `tandem <argv>` with this project as cwd. */
  cli(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun>
}

const roots: string[] = []

export interface ProjectOptions {
  /** Create the empty `memory/` folder (default: true). */
  memoryDir?: boolean
  /** Files to write, by path relative to the root. */
  files?: Record<string, string | Uint8Array>
  /**
   * What `tandem.config.json` says of the name glossary (default: `optional`, so that a test needs no names.tsv;
   * `required`, tandem's default, writes no config file).
   */
  glossary?: 'optional' | 'required'
}

export async function createProject(options: ProjectOptions = {}): Promise<Project> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-test-'))
  roots.push(root)
  await mkdir(path.join(root, 'content', 'de'), {recursive: true})
  if (options.memoryDir ?? true) await mkdir(path.join(root, 'memory'))
  const resolve = (file: string) => path.join(root, file)
  const project: Project = {
    root,
    async write(file, content) {
      await mkdir(path.dirname(resolve(file)), {recursive: true})
      await writeFile(resolve(file), content)
    },
    read: (file) => readFile(resolve(file), 'utf8'),
    bytes: (file) => readFile(resolve(file)),
    async exists(file) {
      try {
        await stat(resolve(file))
        return true
      } catch {
        return false
      }
    },
    async mtime(file) {
      return (await stat(resolve(file))).mtimeMs
    },
    async memory() {
      let text: string
      try {
        text = await readFile(resolve('memory/de-en.jsonl'), 'utf8')
      } catch {
        return []
      }
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as MemoryRecord)
    },
    async cli(argv, env = {}) {
      const stdout: string[] = []
      const stderr: string[] = []
      const code = await main(argv, {
        cwd: root,
        env,
        stdout: (text) => stdout.push(...text.split('\n')),
        stderr: (text) => stderr.push(...text.split('\n'))
      })
      return {code, stdout, stderr}
    }
  }
  const optional = (options.glossary ?? 'optional') === 'optional'
  if (optional) await project.write('tandem.config.json', '{"glossary": "optional"}\n')
  for (const [file, content] of Object.entries(options.files ?? {})) {
    await project.write(file, file === 'tandem.config.json' && optional ? withOptionalGlossary(content) : content)
  }
  return project
}

/** Copy folders of the repository (e.g. `content/de`) into a project. */
export async function copyFromRepo(project: Project, ...folders: string[]): Promise<void> {
  for (const folder of folders) {
    await cp(path.join(repoRoot, folder), path.join(project.root, folder), {recursive: true})
  }
}

/** Remove every project made so far; call from `afterEach`. */
export async function removeProjects(): Promise<void> {
  const all = roots.splice(0)
  await Promise.all(all.map((root) => rm(root, {recursive: true, force: true})))
}

/** The memory key of a plain (untagged) German text, computed as src/memory/key.ts does. */
export function keyOf(source: string, targetLang = 'en-US'): string {
  return memoryKey({source, glossary: [], sourceLang: 'de', targetLang})
}

/** A memory record as `tandem memory import` would write it. */
export function memoryRecord(source: string, target: string, origin: MemoryRecord['origin'] = 'human'): MemoryRecord {
  return {key: keyOf(source), source, target, origin, sourceLang: 'de', targetLang: 'en-US', date: '2025-01-01'}
}

/** JSONL of `records`, sorted by key as the memory keeps them. */
export function memoryFile(records: readonly MemoryRecord[]): string {
  return [...records]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((record) => JSON.stringify(record) + '\n')
    .join('')
}

const servers: DeepLServer[] = []

/** A DeepL-compatible test server on 127.0.0.1, closed by `closeServers()` (call it in `afterEach`). */
export async function startServer(options: DeepLServerOptions = {}): Promise<DeepLServer> {
  const started = await startDeepLServer(options)
  servers.push(started)
  return started
}

export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((entry) => entry.close()))
}

/** The environment a user sets to build with DeepL at `deepl`. */
export function deeplEnv(deepl: DeepLServer, authKey = deepl.authKey): NodeJS.ProcessEnv {
  return {DEEPL_AUTH_KEY: authKey, DEEPL_SERVER_URL: deepl.url}
}

/** Every file below `dir`, relative to it with `/`, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

/** Three files: 3, 61 (a batch of 50 and one of 11) and 5 segments, with the texts a build sends. */
export function threeArticles(): {files: Record<string, string>; texts: string[]} {
  const items = Array.from({length: 60}, (_, index) => `Punkt ${index + 1} der Liste`)
  const c = ['Die Soldaten kämpfen.', 'Nordkorea entsendet Soldaten.', 'Russland liefert Munition.', 'Die Ukraine bleibt.', 'Der Vertrag gilt.']
  return {
    files: {
      'content/de/a.md': '# Die Truppen\n\nDie Soldaten bleiben in der Region.\n\nDer Krieg ist nicht vorbei.\n',
      'content/de/b.md': `# Eine lange Liste\n\n${items.map((item) => `- ${item}`).join('\n')}\n`,
      'content/de/c.md': c.join('\n\n') + '\n'
    },
    texts: ['Die Truppen', 'Die Soldaten bleiben in der Region.', 'Der Krieg ist nicht vorbei.', 'Eine lange Liste', ...items, ...c]
  }
}

/**
 * A test's own config with `"glossary": "optional"` added right after its opening brace, so that the lines of
 * its keys (and any error positions below line 1) stay as written. Left alone when it says `glossary` itself
 * or is no JSON object.
 */
function withOptionalGlossary(content: string | Uint8Array): string | Uint8Array {
  if (typeof content !== 'string') return content
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    return content
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || 'glossary' in parsed) return content
  return content.replace(/\{/, Object.keys(parsed).length === 0 ? '{"glossary": "optional"' : '{"glossary": "optional", ')
}
