/**
 * P1b, the no-change rebuild as a user runs it: `tandem build` in a child process (startup, memory, reader
 * index and feed included) over a project whose every article is up to date, against po4a's no-change rerun
 * of the same articles, interleaved, in the same run.
 */
import path from 'node:path'
import {repoRoot} from './corpus.ts'
import {summarize, timeChild, type ChildTiming, type Timing} from './measure.ts'
import type {Po4aRerun} from './po4a.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'

export interface RebuildResults {
  figures: Figure[]
  tandem: {wall: Timing; cpu: Timing}
  po4a?: {wall: Timing; cpu: Timing}
}

/** `tandem build` in `root` with nothing changed, `rounds` times, interleaved with po4a's rerun where there is one. */
export async function measureRebuild(root: string, articles: number, rounds: number, po4a: Po4aRerun | string): Promise<RebuildResults> {
  // No key in the environment: a build with nothing to translate must not need the network.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DEEPL_') && !name.startsWith('OPENAI_')))
  const tandem = async (): Promise<ChildTiming> => {
    const run = await timeChild('"$1" "$2" build >/dev/null', [process.execPath, path.join(repoRoot, 'bin', 'tandem.js')], root, env)
    const summary = `${articles} files: 0 built, ${articles} unchanged, 0 failed`
    if (!run.stderr.includes(summary)) throw new Error(`expected \`${summary}\`, the build printed: ${run.stderr.trim().split('\n').slice(-2).join(' / ')}`)
    return run
  }
  const runs: {tandem: ChildTiming[]; po4a: ChildTiming[]} = {tandem: [], po4a: []}
  for (let round = 0; round < rounds; round++) {
    runs.tandem.push(await tandem())
    if (typeof po4a !== 'string') runs.po4a.push(await po4a())
  }
  const timings = (list: readonly ChildTiming[]) => ({wall: summarize(list.map((run) => run.wall)), cpu: summarize(list.map((run) => run.cpu))})
  const own = timings(runs.tandem)
  const other = runs.po4a.length > 0 ? timings(runs.po4a) : undefined
  const wall: Figure = {
    id: 'P1b',
    name: `tandem build, nothing changed, ${articles} articles: wall clock`,
    value: formatSeconds(own.wall.median),
    goal: '≤ 1 s',
    status: pass(own.wall.median <= 1000),
    measured: own.wall.median / 1000,
    unit: 's',
    note: `a child process as a user runs it, startup, memory, reader index and feed included; median of ${rounds}; CPU ${formatSeconds(own.cpu.median)}`
  }
  if (!other) {
    return {
      figures: [{id: 'P1b', name: "tandem build, nothing changed ÷ po4a's no-change rerun", value: 'n/a', goal: '≤ 0.25×', status: 'N/A', measured: null, note: String(po4a)}, wall],
      tandem: own
    }
  }
  const ratio = own.cpu.median / other.cpu.median
  const ratioFigure: Figure = {
    id: 'P1b',
    name: "tandem build, nothing changed ÷ po4a's no-change rerun",
    value: `${formatNumber(ratio, 2)}×`,
    goal: '≤ 0.25×',
    status: pass(ratio <= 0.25),
    measured: ratio,
    note:
      `CPU time of the child processes, medians of ${rounds}, interleaved: tandem ${formatSeconds(own.cpu.median)}, po4a ${formatSeconds(other.cpu.median)}; ` +
      `wall clock: tandem ${formatSeconds(own.wall.median)}, po4a ${formatSeconds(other.wall.median)}, ${formatNumber(own.wall.median / other.wall.median, 2)}×`
  }
  return {figures: [ratioFigure, wall], tandem: own, po4a: other}
}
