/**
 * P1, build overhead: a warm `build()` that parses every file (every segment in the memory, outputs up to date)
 * against the same-plugin syntax baseline (remark-parse + GFM + front matter + math, parse and stringify) over the
 * same files, in the same process and run. Bare remark is timed once, for the INFO rows.
 */
import {readFile} from 'node:fs/promises'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {Provider} from '../src/providers/provider.ts'
import type {Corpus} from './corpus.ts'
import {interleaved, timeBoth, type Measured, type Timing} from './measure.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'
import {buildAll} from './tandem.ts'

export interface OverheadResults {
  figures: Figure[]
  timings: {syntax: Measured; build: Measured; bare: {wall: number; cpu: number}}
  rounds: number
}

/** The baseline: read each file, parse it and stringify it again, nothing else. */
export async function bareRemark(files: readonly string[]): Promise<void> {
  const processor = unified().use(remarkParse).use(remarkStringify)
  for (const file of files) processor.stringify(processor.parse(await readFile(file, 'utf8')))
}

/** The baseline with the syntax extensions tandem parses with (GFM, front matter, `$$` math, as tandem sets them up). */
export async function syntaxRemark(files: readonly string[]): Promise<void> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkMath, {singleDollarTextMath: false})
    .use(remarkStringify)
  for (const file of files) processor.stringify(processor.parse(await readFile(file, 'utf8')))
}

/**
 * Time the syntax baseline and `build()` in `rounds` interleaved rounds, then bare remark once. The ratio is of the medians of
 * this process's CPU time, which the other tenants of a shared machine disturb far less than the
 * wall clock; the wall-clock ratio is in the note. `provider` is passed to every build: with a warm
 * memory it must be asked nothing (P2 "rebuild" counts that).
 */
export async function measureOverhead(corpus: Corpus, rounds: number, provider?: Provider): Promise<OverheadResults> {
  // P1 is the full pipeline: every file parsed, as after a change that touches them all (no skipping).
  const {syntax, build} = await interleaved(rounds, {
    syntax: () => syntaxRemark(corpus.files),
    build: () => buildAll(corpus.root, corpus.files.length, provider, {skipUnchanged: false})
  })
  // Only explains the overhead, so one run is enough; it keeps the full bench well inside its 5 minutes.
  const bare = await timeBoth(() => bareRemark(corpus.files))
  const timings = {syntax, build, bare}
  const ratio = build.cpu.median / syntax.cpu.median
  const megabytes = corpus.bytes / 1e6
  const runs = (timing: Timing) => timing.runs.map((run) => formatNumber(run / 1000, 2)).join(', ')
  const figures: Figure[] = [
    {
      id: 'P1',
      name: 'warm full build ÷ same-plugin syntax baseline',
      value: `${formatNumber(ratio, 2)}×`,
      goal: '≤ 1.3×',
      status: pass(ratio <= 1.3),
      measured: ratio,
      note:
        `CPU time, medians of ${rounds}: build ${formatSeconds(build.cpu.median)} (${runs(build.cpu)}), remark-parse + GFM + front matter + math, parse + stringify ${formatSeconds(syntax.cpu.median)} (${runs(syntax.cpu)}); ` +
        `wall clock: build ${formatSeconds(build.wall.median)}, baseline ${formatSeconds(syntax.wall.median)}, ${formatNumber(build.wall.median / syntax.wall.median, 2)}×; every file parsed, as after a change that touches them all`
    },
    {
      id: 'P1',
      name: 'warm full build ÷ bare remark parse + stringify',
      value: `${formatNumber(build.cpu.median / bare.cpu, 2)}×`,
      goal: '',
      status: 'INFO',
      measured: build.cpu.median / bare.cpu,
      note: `bare remark timed once: ${formatSeconds(bare.cpu)} CPU; the syntax baseline is ${formatNumber(syntax.cpu.median / bare.cpu, 2)}× bare`
    },
    {
      id: 'P1',
      name: 'warm build throughput (CPU time)',
      value: `${formatNumber(megabytes / (build.cpu.median / 1000), 2)} MB/s`,
      goal: '',
      status: 'INFO',
      measured: megabytes / (build.cpu.median / 1000),
      unit: 'MB/s',
      note: `${corpus.files.length} articles, ${formatNumber(megabytes, 2)} MB; syntax baseline ${formatNumber(megabytes / (syntax.cpu.median / 1000), 2)} MB/s`
    }
  ]
  return {figures, timings, rounds}
}
