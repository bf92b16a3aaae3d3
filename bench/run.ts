/**
 * `npm run bench [-- --quick]`: tandem's benchmarks (issue 8). Prints a table and writes
 * bench/results.json. A figure that misses its goal is reported, never an exit code: the
 * command fails only when the bench itself cannot run.
 */
import {cp, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {createCorpus, loadPieces, repoRoot, type Corpus} from './corpus.ts'
import {glossaryMatcher, notPluggedReason} from './glossary-matcher.ts'
import {measureOverhead, type OverheadResults} from './p1-overhead.ts'
import {ApiProbe, coldFigures, editedFigure, glossaryChangeFigure, rebuildFigure, type ColdBuild, type EditedBuild} from './p2-api.ts'
import {measureGlossary, type GlossaryResults} from './p3-glossary.ts'
import {measureRss, type RssResult} from './p4-rss.ts'
import {measureParagraph, type ParagraphResults} from './p5-paragraph.ts'
import {measureRebuild, type RebuildResults} from './p1b-rebuild.ts'
import {preparePo4a} from './po4a.ts'
import {formatNumber, formatSeconds, formatTable, writeResults, type Figure} from './report.ts'

interface Settings {
  quick: boolean
  articles: number
  rounds: number
  syntheticNames: number
  /** P5's paragraph sizes in bytes, smallest first. */
  paragraphSizes: number[]
  keep: boolean
  cpuProfileDir?: string
}

/** P3's 1× text: about 2 MB of the corpus (all of it with --quick). */
const glossaryTextCharacters = 2_000_000

const usage = `usage: npm run bench [-- options]
  --quick             a small corpus (40 articles), for CI: the same code, in seconds
  --articles <n>      corpus size (default: 2000, or 40 with --quick)
  --rounds <n>        timed rounds per figure (default: 3, or 5 with --quick)
  --keep              keep the temporary corpus and print where it is
  --cpu-prof <dir>    write a CPU profile of the P4 build (node --cpu-prof) into <dir>
  --help`

export async function main(argv: readonly string[]): Promise<number> {
  const settings = parseSettings(argv)
  if (!settings) {
    console.log(usage)
    return 0
  }
  const started = performance.now()
  const figures: Figure[] = []
  let failed = false
  /** Run one part; a crash becomes an ERROR row (and a non-zero exit), and the other parts go on. */
  const part = async <T>(id: string, name: string, task: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await task()
    } catch (error) {
      failed = true
      const message = error instanceof Error ? error.message : String(error)
      figures.push({id, name, value: 'error', goal: '', status: 'ERROR', measured: null, note: message})
      console.error(`bench: ${id} ${name}: ${error instanceof Error && error.stack ? error.stack : message}`)
      return undefined
    }
  }

  const mode = settings.quick ? 'quick' : 'full'
  console.log(`tandem bench (${mode}): ${settings.articles} articles, ${settings.rounds} rounds; node ${process.version}, ${os.cpus().length} cores`)
  const pieces = await loadPieces()
  const corpus = await createCorpus(settings.articles, pieces)
  console.log(`corpus: ${corpus.files.length} articles from ${corpus.pieces} pieces, ${(corpus.bytes / 1e6).toFixed(2)} MB in ${corpus.root}`)
  const rssRoot = `${corpus.root}-rss`
  const api = await ApiProbe.start()
  let cold: ColdBuild | undefined
  let overhead: OverheadResults | undefined
  let edited: EditedBuild | undefined
  let rss: RssResult | undefined
  let rebuild: RebuildResults | undefined
  let glossary: GlossaryResults | undefined
  let paragraph: ParagraphResults | undefined
  try {
    progress('P2 cold build against the test server (fills the memory)')
    cold = await part('P2', 'cold build', () => api.coldBuild(corpus))
    if (cold) figures.push(...coldFigures(cold))

    if (cold) {
      // P4 builds a copy, later, alongside P2's edit: its peak RSS does not care about the other core's work.
      await cp(corpus.root, rssRoot, {recursive: true})
      progress(`P1 warm full build against the syntax baseline, ${settings.rounds} rounds`)
      api.reset()
      overhead = await part('P1', 'build overhead', () => measureOverhead(corpus, settings.rounds, api.provider))
      if (overhead) {
        figures.push(...overhead.figures)
        figures.push(rebuildFigure(api.counts(), overhead.rounds))
      }

      progress('P2 one paragraph edited, alongside P4 peak RSS of tandem build in a child process')
      ;[edited, rss] = await Promise.all([
        part('P2', 'one paragraph edited', () => api.editedBuild(corpus)),
        part('P4', 'peak RSS', () =>
          measureRss(rssRoot, corpus.files.length, settings.cpuProfileDir ? {cpuProfileDir: settings.cpuProfileDir} : {})
        )
      ])
      if (edited) figures.push(editedFigure(edited))
      // P4's build recorded every article of its copy as a user's build does (reader included): nothing is left to change there.
      if (rss) {
        progress(`P1b tandem build with nothing changed, a child process, against po4a's no-change rerun, ${settings.rounds} rounds`)
        const po4a = await preparePo4a(corpus)
        rebuild = await part('P1b', 'no-change rebuild', () => measureRebuild(rssRoot, corpus.files.length, settings.rounds, po4a))
        if (rebuild) figures.push(...rebuild.figures)
        if (rebuild?.po4a && overhead) {
          const ratio = rebuild.po4a.cpu.median / overhead.timings.syntax.cpu.median
          figures.push({
            id: 'P1',
            name: 'po4a no-change rerun ÷ syntax baseline',
            value: `${formatNumber(ratio, 2)}×`,
            goal: '',
            status: 'INFO',
            measured: ratio,
            note: `CPU time, median of ${settings.rounds}: ${formatSeconds(rebuild.po4a.cpu.median)} (wall ${formatSeconds(rebuild.po4a.wall.median)}); one po4a run over a config with every article`
          })
        }
      }
      progress('P2 one glossary entry changed')
      figures.push(glossaryChangeFigure(await part('P2', 'one glossary entry changed', () => api.glossaryChangedBuild(corpus))))
    } else {
      for (const [id, name] of [['P1', 'build overhead'], ['P2', 'rebuild, one paragraph edited'], ['P4', 'peak RSS']] as const) {
        figures.push({id, name, value: 'not run', goal: '', status: 'N/A', measured: null, note: 'needs the warm memory of the cold build'})
      }
    }

    progress('P3 glossary matching')
    glossary = await part('P3', 'glossary matching', async () =>
      measureGlossary(await corpusText(corpus, glossaryTextCharacters), glossaryMatcher(), notPluggedReason, {
        syntheticNames: settings.syntheticNames,
        rounds: settings.rounds
      })
    )
    if (glossary) figures.push(...glossary.figures)
    if (rss) figures.push(rss.figure)

    progress(`P5 one long paragraph: ${settings.paragraphSizes.map((bytes) => `${bytes / 1000} KB`).join(', ')}`)
    paragraph = await part('P5', 'one long paragraph', () => measureParagraph(pieces, {sizes: settings.paragraphSizes, rounds: settings.rounds}))
    if (paragraph) figures.push(...paragraph.figures)
  } finally {
    await api.close()
    const made = cold ? [corpus.root, rssRoot] : [corpus.root]
    if (settings.keep) console.log(`kept ${made.join(' and ')}`)
    else await Promise.all(made.map((dir) => rm(dir, {recursive: true, force: true})))
  }

  const elapsed = performance.now() - started
  const ordered = [...figures].sort((a, b) => a.id.localeCompare(b.id))
  console.log('\n' + formatTable(ordered))
  console.log(`\n${mode} run took ${formatSeconds(elapsed)}`)
  const resultsFile = path.join(repoRoot, 'bench', 'results.json')
  await writeResults(resultsFile, {
    date: new Date().toISOString(),
    mode,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    seconds: elapsed / 1000,
    corpus: {articles: corpus.files.length, pieces: corpus.pieces, bytes: corpus.bytes},
    rounds: settings.rounds,
    figures: ordered,
    details: {
      cold: cold ?? null,
      overhead: overhead ? {rounds: overhead.rounds, timings: overhead.timings} : null,
      edited: edited ?? null,
      rss: rss ? {maxRssBytes: rss.maxRssBytes, milliseconds: rss.milliseconds} : null,
      rebuild: rebuild ? {tandem: rebuild.tandem, po4a: rebuild.po4a ?? null} : null,
      glossary: glossary ? {names: glossary.names, textBytes: glossary.textBytes, matches: glossary.matches ?? null} : null,
      paragraph: paragraph ? {sizes: paragraph.sizes, maxRssBytes: paragraph.maxRssBytes ?? null} : null
    }
  })
  console.log(`wrote ${path.relative(process.cwd(), resultsFile) || resultsFile}`)
  return failed ? 1 : 0
}

function parseSettings(argv: readonly string[]): Settings | undefined {
  const {values} = parseArgs({
    args: [...argv],
    options: {
      quick: {type: 'boolean', default: false},
      articles: {type: 'string'},
      rounds: {type: 'string'},
      keep: {type: 'boolean', default: false},
      'cpu-prof': {type: 'string'},
      help: {type: 'boolean', default: false}
    },
    strict: true
  })
  if (values.help) return undefined
  const quick = values.quick ?? false
  const cpuProfile = values['cpu-prof']
  return {
    quick,
    articles: positive(values.articles, quick ? 40 : 2000, '--articles'),
    rounds: positive(values.rounds, quick ? 5 : 3, '--rounds'),
    syntheticNames: quick ? 10_000 : 100_000,
    // --quick keeps the ratio of sizes (100×) at a tenth of them, so that CI runs it in seconds.
    paragraphSizes: quick ? [10_000, 100_000, 1_000_000] : [100_000, 1_000_000, 10_000_000],
    keep: values.keep ?? false,
    ...(cpuProfile ? {cpuProfileDir: path.resolve(cpuProfile)} : {})
  }
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a whole number of at least 1, not ${value}`)
  return number
}

/**
 * The articles' Markdown, one after the other, up to `maxCharacters`: the text P3 matches names in.
 * Capped so that a slow matcher (4× the text is matched too, every round) cannot push the full bench past 5 minutes,
 * and as long with --quick, where the corpus is read more than once.
 */
async function corpusText(corpus: Corpus, maxCharacters: number): Promise<string> {
  let text = ''
  // A small corpus (--quick) is read again until the text is as long: a short text times mostly the start.
  while (text.length < maxCharacters) {
    const before = text.length
    for (const file of corpus.files) {
      if (text.length >= maxCharacters) break
      text += (await readFile(file, 'utf8')) + '\n'
    }
    if (text.length === before) break
  }
  return text
}

function progress(step: string): void {
  console.log(`… ${step}`)
}
