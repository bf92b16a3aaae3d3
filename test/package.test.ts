/**
 * The package as others get it (issue 11): `npm pack` (whose prepack compiles src/ to dist/), the tarball
 * installed into an empty folder, then plain Node, with no tsx and no loader, imports it, runs its bin and
 * builds the seed article offline. The dependencies come from npm's cache or the registry (`--prefer-offline`).
 */
import {execFile} from 'node:child_process'
import {cp, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import * as api from '../src/index.ts'
import {repoRoot} from './project.ts'

const run = promisify(execFile)
const seed = 'russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk.md'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
let dir = ''
let consumer = ''

/** Plain Node in the consumer folder: no `--import tsx`, and none of vitest's NODE_OPTIONS. */
function node(args: readonly string[], cwd = consumer) {
  const {NODE_OPTIONS: _unused, ...env} = process.env
  return run(process.execPath, args, {cwd, env: {...env, DEEPL_AUTH_KEY: ''}})
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-package-'))
  const {stdout} = await run(npm, ['pack', '--json', '--pack-destination', dir], {cwd: repoRoot, maxBuffer: 16 * 1024 * 1024})
  const [packed] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>
  if (!packed) throw new Error('npm pack reported no tarball')
  const tarball = path.join(dir, path.basename(packed.filename))
  consumer = path.join(dir, 'consumer')
  await cp(path.join(repoRoot, 'content', 'de'), path.join(consumer, 'content', 'de'), {recursive: true})
  await cp(path.join(repoRoot, 'memory'), path.join(consumer, 'memory'), {recursive: true})
  await cp(path.join(repoRoot, 'glossary'), path.join(consumer, 'glossary'), {recursive: true})
  await writeFile(path.join(consumer, 'package.json'), JSON.stringify({name: 'consumer', private: true, type: 'module'}))
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {cwd: consumer})
}, 240_000)

afterAll(async () => {
  if (dir) await rm(dir, {recursive: true, force: true})
})

describe('the packed tarball, installed into an empty folder', () => {
  it('holds dist/ and the bin, not the sources, and needs no tsx', async () => {
    const installed = path.join(consumer, 'node_modules', 'tandem')
    expect((await readdir(installed)).sort()).toEqual(['README.md', 'bin', 'dist', 'package.json'])
    expect(await readdir(path.join(consumer, 'node_modules'))).not.toContain('tsx')
  })

  it('is imported by plain Node with every export of src/index.ts', async () => {
    const {stdout} = await node(['-e', "import('tandem').then((t) => console.log(JSON.stringify(Object.keys(t).sort())))"])
    expect(JSON.parse(stdout)).toEqual(Object.keys(api).sort())
  })

  it('runs its bin', async () => {
    const {stdout} = await node([path.join('node_modules', '.bin', 'tandem'), '--help'])
    expect(stdout).toMatch(/^Usage: tandem /)
    expect(stdout).toContain('build')
  })

  it('builds the seed article offline with build(), as the repository does', async () => {
    await node(['-e', "import('tandem').then(async (t) => { const r = await t.build({root: process.cwd()}); if (!r.files.every((f) => f.ok)) process.exit(1) })"])
    const english = await readFile(path.join(consumer, 'content', 'en', seed), 'utf8')
    expect(english).toBe(await readFile(path.join(repoRoot, 'content', 'en', seed), 'utf8'))
  })

  it("runs the README's API example", async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    const api = readme.slice(readme.indexOf('\n## API\n'), readme.indexOf('\n## Folders\n'))
    const code = /```js\n([\s\S]*?)```/.exec(api)?.[1]
    expect(code).toBeDefined()
    await writeFile(path.join(consumer, 'example.mjs'), code ?? '')
    const {stdout} = await node(['example.mjs'])
    expect(stdout).toBe(await readFile(path.join(repoRoot, 'content', 'en', seed), 'utf8') + '\n')
  })
})
