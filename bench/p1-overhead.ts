/**
 * P1, build overhead: a warm `build()` (every segment in the memory, outputs up to date) against
 * bare unified + remark-parse + remark-stringify over the same files, in the same process and run.
 */
import {readFile} from 'node:fs/promises'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
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
  timings: {bare: Measured; build: Measured; syntax: {wall: number; cpu: number}}
  rounds: number
}

/** The baseline: read each file, parse it and stringify it again, nothing else. */
export async function bareRemark(files: readonly string[]): Promise<void> {
  const processor = unified().use(remarkParse).use(remarkStringify)
  for (const file of files) processor.stringify(processor.parse(await readFile(file, 'utf8')))
}

/** The baseline with the syntax extensions tandem parses with (GFM, front matter): how much of the overhead is syntax. */
export async function syntaxRemark(files: readonly string[]): Promise<void> {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkStringify)
  for (const file of files) processor.stringify(processor.parse(await readFile(file, 'utf8')))
}

/**
 * Time the bare baseline and `build()` in `rounds` interleaved rounds, then the syntax baseline once. The ratio is of the medians of
 * this process's CPU time, which the other tenants of a shared machine disturb far less than the
 * wall clock; the wall-clock ratio is in the note. `provider` is passed to every build: with a warm
 * memory it must be asked nothing (P2 "rebuild" counts that).
 */
export async function measureOverhead(corpus: Corpus, rounds: number, provider?: Provider): Promise<OverheadResults> {
  // P1 is the full pipeline: every file parsed, as after a change that touches them all (no skipping).
  const {bare, build, unchanged} = await interleaved(rounds, {
    bare: () => bareRemark(corpus.files),
    build: () => buildAll(corpus.root, corpus.files.length, provider, {skipUnchanged: false}),
    unchanged: () => buildAll(corpus.root, corpus.files.length, provider)
  })
  // Only explains the overhead, so one run is enough; it keeps the full bench well inside its 5 minutes.
  const syntax = await timeBoth(() => syntaxRemark(corpus.files))
  const timings = {bare, build, syntax}
  const ratio = build.cpu.median / bare.cpu.median
  const megabytes = corpus.bytes / 1e6
  const runs = (timing: Timing) => timing.runs.map((run) => formatNumber(run / 1000, 2)).join(', ')
  const figures: Figure[] = [
    {
      id: 'P1',
      name: 'build ÷ bare remark parse + stringify',
      value: `${formatNumber(ratio, 2)}×`,
      goal: '≤ 1.5×',
      status: pass(ratio <= 1.5),
      measured: ratio,
      note:
        `CPU time, medians of ${rounds}: build ${formatSeconds(build.cpu.median)} (${runs(build.cpu)}), bare ${formatSeconds(bare.cpu.median)} (${runs(bare.cpu)}); ` +
        `wall clock: build ${formatSeconds(build.wall.median)}, bare ${formatSeconds(bare.wall.median)}, ${formatNumber(build.wall.median / bare.wall.median, 2)}×`
    },
    {
      id: 'P1b',
      name: 'build with nothing changed (articles skipped) ÷ bare remark',
      value: `${formatNumber(unchanged.cpu.median / bare.cpu.median, 2)}×`,
      goal: '',
      status: 'INFO',
      measured: unchanged.cpu.median / bare.cpu.median,
      note: `CPU time, median of ${rounds}: ${formatSeconds(unchanged.cpu.median)}; every article's inputs and English edition as recorded, so none is parsed (reader index and feed still written)`
    },
    {
      id: 'P1',
      name: 'syntax baseline (+ GFM, front matter) ÷ bare',
      value: `${formatNumber(syntax.cpu / bare.cpu.median, 2)}×`,
      goal: '',
      status: 'INFO',
      measured: syntax.cpu / bare.cpu.median,
      note: `one run, CPU time; build ÷ syntax baseline ${formatNumber(build.cpu.median / syntax.cpu, 2)}×: the part of the overhead that is tandem's own`
    },
    {
      id: 'P1',
      name: 'warm build throughput (CPU time)',
      value: `${formatNumber(megabytes / (build.cpu.median / 1000), 2)} MB/s`,
      goal: '',
      status: 'INFO',
      measured: megabytes / (build.cpu.median / 1000),
      unit: 'MB/s',
      note: `${corpus.files.length} articles, ${formatNumber(megabytes, 2)} MB; bare remark ${formatNumber(megabytes / (bare.cpu.median / 1000), 2)} MB/s`
    }
  ]
  return {figures, timings, rounds}
}
