/**
 * P4, peak RSS: the warm build of the whole corpus as a user runs it, `tandem build` in a child
 * process, with bench/rss-probe.js preloaded to report the child's peak resident set size.
 */
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {repoRoot} from './corpus.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'

export interface RssResult {
  figure: Figure
  maxRssBytes: number
  milliseconds: number
  exitCode: number | null
}

export interface RssOptions {
  /** Write a CPU profile of the child into this folder (`node --cpu-prof`). */
  cpuProfileDir?: string
  /** The tandem command line (default: `build`). */
  args?: readonly string[]
}

/** Run `tandem build` in `root` (a project whose memory is warm) and read its peak RSS. */
export async function measureRss(root: string, articles: number, options: RssOptions = {}): Promise<RssResult> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-rss-'))
  const report = path.join(scratch, 'rss.json')
  try {
    const flags = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : []
    const args = [...flags, '--import', pathToFileURL(path.join(repoRoot, 'bench', 'rss-probe.js')).href, path.join(repoRoot, 'bin', 'tandem.js'), ...(options.args ?? ['build'])]
    // No key in the environment: a warm build must not need the network.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DEEPL_')))
    const {code, stderr} = await run(process.execPath, args, root, {...env, TANDEM_BENCH_RSS_FILE: report})
    if (code !== 0) throw new Error(`tandem ${(options.args ?? ['build']).join(' ')} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`)
    const {maxRssBytes, milliseconds} = JSON.parse(await readFile(report, 'utf8')) as {maxRssBytes: number; milliseconds: number}
    const megabytes = maxRssBytes / 1e6
    return {
      figure: {
        id: 'P4',
        name: `peak RSS of tandem build (${articles} articles)`,
        value: `${formatNumber(megabytes, 0)} MB`,
        goal: '≤ 300 MB',
        status: pass(megabytes <= 300),
        measured: megabytes,
        unit: 'MB',
        note: `warm memory, outputs up to date; the child took ${formatSeconds(milliseconds)} (alongside other work, so not a timing)`
      },
      maxRssBytes,
      milliseconds,
      exitCode: code
    }
  } finally {
    await rm(scratch, {recursive: true, force: true})
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{code: number | null; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000)
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stderr}))
  })
}
