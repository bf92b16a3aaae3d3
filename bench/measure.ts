/**
 * Timing helpers. The machine is shared and noisy, so each figure is a median of repeated,
 * interleaved runs, and in-process runs are timed twice: wall clock, and the CPU time of this
 * process (user + system, all threads), which other tenants' load disturbs far less.
 */

import {spawn} from 'node:child_process'

export interface Timing {
  /** Milliseconds of each run, in run order. */
  runs: number[]
  median: number
  best: number
}

export interface Measured {
  wall: Timing
  cpu: Timing
}

export function summarize(runs: readonly number[]): Timing {
  if (runs.length === 0) throw new Error('no runs to summarize')
  const sorted = [...runs].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
  return {runs: [...runs], median, best: sorted[0] as number}
}

/** Wall-clock milliseconds that `task` took. */
export async function time(task: () => Promise<unknown> | unknown): Promise<number> {
  return (await timeBoth(task)).wall
}

/** Wall-clock and process CPU milliseconds of `task`; collects garbage first (with --expose-gc), so runs start alike. */
export async function timeBoth(task: () => Promise<unknown> | unknown): Promise<{wall: number; cpu: number}> {
  collectGarbage()
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  await task()
  const wall = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  return {wall, cpu: (cpu.user + cpu.system) / 1000}
}

export function collectGarbage(): void {
  const gc = (globalThis as {gc?: () => void}).gc
  if (gc) gc()
}

/**
 * Run each task `rounds` times, interleaved (a, b, c, a, b, c, …), so that a slow spell of the
 * machine hits every task alike; returns each task's timings by name.
 */
export async function interleaved<Name extends string>(
  rounds: number,
  tasks: Readonly<Record<Name, () => Promise<unknown>>>
): Promise<Record<Name, Measured>> {
  const names = Object.keys(tasks) as Name[]
  const runs = new Map<Name, {wall: number[]; cpu: number[]}>(names.map((name) => [name, {wall: [], cpu: []}]))
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const {wall, cpu} = await timeBoth(tasks[name])
      runs.get(name)?.wall.push(wall)
      runs.get(name)?.cpu.push(cpu)
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const {wall, cpu} = runs.get(name) ?? {wall: [], cpu: []}
      return [name, {wall: summarize(wall), cpu: summarize(cpu)}]
    })
  ) as Record<Name, Measured>
}

export interface ChildTiming {
  /** Wall-clock milliseconds, spawn to exit. */
  wall: number
  /** The child's user + system CPU milliseconds, its own children included. */
  cpu: number
  /** What it printed on stderr (the last 8,000 characters). */
  stderr: string
}

/**
 * Run the shell command `script` (arguments as `$1`, `$2`, …) in `cwd` and time it; its CPU time is read from the
 * shell's `times` (user and system time of its children). Rejects when it exits non-zero.
 */
export function timeChild(script: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ChildTiming> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn('sh', ['-c', `${script} && times`, 'sh', ...args], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const wall = performance.now() - start
      if (code !== 0) return reject(new Error(`\`${script}\` exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ') || 'no message'}`))
      // The last line of `times`: the children's user and system time, e.g. `0m1.430000s 0m0.040000s`.
      const children = stdout.trim().split('\n').at(-1) ?? ''
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]))
      if (seconds.length !== 2) return reject(new Error(`cannot read the CPU time from \`${children}\``))
      resolve({wall, cpu: ((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000, stderr})
    })
  })
}
