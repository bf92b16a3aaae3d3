/**
 * P1's second comparison: po4a (Debian package `po4a`), where installed, over the same articles.
 * One po4a run extracts every article into a POT/PO pair and merges the PO back into translated
 * documents. The first run creates the PO files; the later, timed runs are the steady state
 * (nothing new to extract). Never installed by the bench.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Corpus} from './corpus.ts'
import {summarize, type Timing} from './measure.ts'
import {formatNumber, formatSeconds, type Figure} from './report.ts'

export function po4aInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v po4a'], {stdio: 'ignore'}).status === 0
}

/** po4a's CPU time against the bare remark baseline's median CPU time; an N/A row when po4a is missing or fails. */
export async function measurePo4a(corpus: Corpus, rounds: number, bareCpuMedian: number): Promise<Figure> {
  const figure = (value: string, note?: string): Figure => ({
    id: 'P1',
    name: 'po4a extract + merge ÷ bare remark',
    value,
    goal: '',
    status: 'N/A',
    measured: null,
    ...(note ? {note} : {})
  })
  if (!po4aInstalled()) return figure('po4a not installed')
  try {
    const dir = path.join(corpus.root, 'po4a')
    await mkdir(path.join(dir, 'po'), {recursive: true})
    const config = path.join(dir, 'po4a.cfg')
    await writeFile(config, po4aConfig(corpus))
    await runPo4a(config, corpus.root)
    const wall: number[] = []
    const cpu: number[] = []
    for (let round = 0; round < rounds; round++) {
      const run = await runPo4a(config, corpus.root)
      wall.push(run.wall)
      cpu.push(run.cpu)
    }
    const cpuTiming: Timing = summarize(cpu)
    const ratio = cpuTiming.median / bareCpuMedian
    return {
      ...figure(
        `${formatNumber(ratio, 2)}×`,
        `CPU time, median of ${rounds}: ${formatSeconds(cpuTiming.median)} (wall ${formatSeconds(summarize(wall).median)}); one po4a run over a config with every article`
      ),
      status: 'INFO',
      measured: ratio
    }
  } catch (error) {
    return figure('po4a failed', (error as Error).message.split('\n')[0])
  }
}

function po4aConfig(corpus: Corpus): string {
  const lines = ['[po4a_langs] en', '[po4a_paths] po4a/po/articles.pot $lang:po4a/po/$lang.po', '[options] --keep 0 --no-backups']
  for (const file of corpus.files) {
    const relative = path.relative(corpus.root, file)
    const output = path.join('po4a', 'out', '$lang', path.basename(file))
    lines.push(`[type: text] ${relative} $lang:${output} opt:"-o markdown -o yfm_keys=title,description"`)
  }
  return lines.join('\n') + '\n'
}

/** One po4a run; its CPU time is read from the shell's `times` (user and system time of its children). */
function runPo4a(config: string, cwd: string): Promise<{wall: number; cpu: number}> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn('sh', ['-c', 'po4a --quiet "$1" >/dev/null && times', 'sh', config], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const wall = performance.now() - start
      if (code !== 0) return reject(new Error(`po4a exited with ${code}: ${stderr.trim() || 'no message'}`))
      // The last line of `times`: the children's user and system time, e.g. `0m1.430000s 0m0.040000s`.
      const children = stdout.trim().split('\n').at(-1) ?? ''
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]))
      if (seconds.length !== 2) return reject(new Error(`cannot read po4a's CPU time from \`${children}\``))
      resolve({wall, cpu: ((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000})
    })
  })
}
