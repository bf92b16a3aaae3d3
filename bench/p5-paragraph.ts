/**
 * P5, one long paragraph: a plain-text paste with single line breaks and glossary names in it, at
 * 100 KB, 1 MB and 10 MB. Sentence splitting and `tandem build --dry-run` must be linear: the time
 * per MB at the largest size at most 1.5× that at the smallest. The dry run's peak RSS at the
 * largest size is measured in a child process, as a user runs it.
 */
import {copyFile, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {guideDir, repoRoot, type Piece} from './corpus.ts'
import {interleaved, timeBoth, type Measured} from './measure.ts'
import {measureRss} from './p4-rss.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'
import {dryRun, sentenceStarts} from './tandem.ts'

export interface ParagraphOptions {
  /** Paragraph sizes in bytes, smallest first; the ratios compare the last with the first. */
  sizes: readonly number[]
  rounds: number
}

export interface ParagraphResults {
  figures: Figure[]
  /** Per size: bytes, CPU ms per MB for splitting and for the dry run. */
  sizes: Array<{bytes: number; splitMsPerMb: number; dryRunMsPerMb: number; segments: number; billedCharacters: number}>
  maxRssBytes?: number
}

const attribution =
  'The paragraphs are made of the words of the German Open Source Guides (CC BY 4.0, © GitHub, Inc. and contributors), ' +
  'changed for benchmarking: markup removed, names inserted, joined into one paragraph.'

export async function measureParagraph(pieces: readonly Piece[], options: ParagraphOptions): Promise<ParagraphResults> {
  const names = await glossaryNames()
  const words = pieceWords(pieces)
  const roots: string[] = []
  try {
    const projects: Array<{bytes: number; root: string; text: string}> = []
    for (const bytes of options.sizes) {
      const text = paragraph(words, names, bytes)
      const root = await paragraphProject(text)
      roots.push(root)
      projects.push({bytes: Buffer.byteLength(text), root, text})
    }
    // Once through each size first, so that no size pays for compiling the code.
    for (const project of projects.slice(0, -1)) {
      sentenceStarts(project.text)
      await dryRun(project.root)
    }

    // The smaller sizes interleaved over the rounds; the largest takes as long as all of them, so one round.
    const small = projects.slice(0, -1)
    const largest = projects.at(-1)
    if (!largest) throw new Error('P5 needs at least one size')
    // Peak RSS as a user sees it: a child process, startup included. It runs alongside the timings, which
    // count this process's CPU time only (a memory figure, not a timing, like P4's).
    const rssRun = measureRss(largest.root, 1, {args: ['build', '--dry-run']})
    rssRun.catch(() => undefined)
    const tasks: Record<string, () => Promise<unknown>> = {}
    for (const project of small) {
      tasks[`split ${project.bytes}`] = async () => sentenceStarts(project.text)
      tasks[`dry ${project.bytes}`] = async () => dryRun(project.root)
    }
    // Small sizes are quick and noisy: at least five rounds.
    const smallRounds = Math.max(5, options.rounds)
    const timings: Record<string, Measured> = Object.keys(tasks).length > 0 ? await interleaved(smallRounds, tasks) : {}
    const largeRounds = 1
    const largeSplit: number[] = []
    const largeDry: number[] = []
    let largeFigures = {segments: 0, billedCharacters: 0}
    for (let round = 0; round < largeRounds; round++) {
      largeSplit.push((await timeBoth(() => sentenceStarts(largest.text))).cpu)
      largeDry.push(
        (
          await timeBoth(async () => {
            largeFigures = await dryRun(largest.root)
          })
        ).cpu
      )
    }

    const sizes: ParagraphResults['sizes'] = []
    for (const project of small) {
      const megabytes = project.bytes / 1e6
      const figures = await dryRun(project.root)
      sizes.push({
        bytes: project.bytes,
        splitMsPerMb: (timings[`split ${project.bytes}`]?.cpu.median ?? NaN) / megabytes,
        dryRunMsPerMb: (timings[`dry ${project.bytes}`]?.cpu.median ?? NaN) / megabytes,
        ...figures
      })
    }
    sizes.push({
      bytes: largest.bytes,
      splitMsPerMb: median(largeSplit) / (largest.bytes / 1e6),
      dryRunMsPerMb: median(largeDry) / (largest.bytes / 1e6),
      ...largeFigures
    })

    const first = sizes[0] as ParagraphResults['sizes'][number]
    const last = sizes.at(-1) as ParagraphResults['sizes'][number]
    // The smallest size also carries the fixed costs (opening the project, the glossary, the memory), so the
    // step between the two largest sizes is given as well: it shows a superlinear step that those costs would hide.
    const previous = sizes.at(-2)
    const perMb = (pick: (size: ParagraphResults['sizes'][number]) => number) =>
      sizes.map((size) => `${formatSize(size.bytes)}: ${formatSeconds(pick(size))}/MB`).join(', ') +
      (previous && previous !== first ? `; ${formatSize(last.bytes)} ÷ ${formatSize(previous.bytes)}: ${formatNumber(pick(last) / pick(previous), 2)}` : '')
    const splitRatio = last.splitMsPerMb / first.splitMsPerMb
    const dryRatio = last.dryRunMsPerMb / first.dryRunMsPerMb
    const figures: Figure[] = [
      {
        id: 'P5',
        name: `sentence splitting, one paragraph: time per MB at ${formatSize(last.bytes)} ÷ at ${formatSize(first.bytes)}`,
        value: formatNumber(splitRatio, 2),
        goal: '≤ 1.5',
        status: pass(splitRatio <= 1.5),
        measured: splitRatio,
        note: `${perMb((size) => size.splitMsPerMb)}; CPU time, median of ${smallRounds} (${largeRounds} at ${formatSize(last.bytes)})`
      },
      {
        id: 'P5',
        name: `tandem build --dry-run, one paragraph: time per MB at ${formatSize(last.bytes)} ÷ at ${formatSize(first.bytes)}`,
        value: formatNumber(dryRatio, 2),
        goal: '≤ 1.5',
        status: pass(dryRatio <= 1.5),
        measured: dryRatio,
        note: `${perMb((size) => size.dryRunMsPerMb)}; in process (estimate()), CPU time; ${last.billedCharacters} billed characters at ${formatSize(last.bytes)}`
      }
    ]

    const rss = await rssRun
    const megabytes = rss.maxRssBytes / 1e6
    figures.push({
      id: 'P5',
      name: `peak RSS of tandem build --dry-run, one ${formatSize(last.bytes)} paragraph`,
      value: `${formatNumber(megabytes, 0)} MB`,
      goal: '≤ 300 MB',
      status: pass(megabytes <= 300),
      measured: megabytes,
      unit: 'MB',
      note: `a child process, startup included (about 130 MB before any work), alongside the timings above; it took ${formatSeconds(rss.milliseconds)}`
    })
    return {figures, sizes, maxRssBytes: rss.maxRssBytes}
  } finally {
    await Promise.all(roots.map((root) => rm(root, {recursive: true, force: true})))
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function formatSize(bytes: number): string {
  return bytes >= 1e6 ? `${formatNumber(bytes / 1e6, bytes >= 1e7 ? 0 : 1)} MB` : `${formatNumber(bytes / 1e3, 0)} KB`
}

/** The words of the pieces' running text: markup, URLs and e-mail addresses left out. */
function pieceWords(pieces: readonly Piece[]): string[] {
  const words: string[] = []
  for (const piece of pieces) {
    const text = piece.body.replace(/```[\s\S]*?```/g, ' ').replace(/[#>*_`[\]()<>$\\&{}|=~+-]/g, ' ')
    for (const word of text.split(/\s+/)) {
      if (/^\p{L}/u.test(word) && !/:\/\/|@|^www\./i.test(word)) words.push(word)
    }
  }
  if (words.length === 0) throw new Error('P5: the corpus has no words')
  return words
}

/** One paragraph of about `bytes`: the words in order, a glossary name (some in the genitive) every 40th word, lines of at most 78 characters. */
function paragraph(words: readonly string[], names: readonly string[], bytes: number): string {
  const lines: string[] = []
  let line = ''
  let size = 0
  for (let index = 0; size < bytes; index++) {
    let word = words[index % words.length] as string
    if (names.length > 0 && index % 40 === 39) word = (names[(index * 7919) % names.length] as string) + (index % 80 === 79 ? 's' : '')
    if (line !== '' && line.length + word.length + 1 > 78) {
      lines.push(line)
      size += Buffer.byteLength(line) + 1
      line = ''
    }
    line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines.join('\n')
}

async function paragraphProject(text: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-paragraph-'))
  await mkdir(path.join(root, 'content', 'de'), {recursive: true})
  await mkdir(path.join(root, 'memory'), {recursive: true})
  await mkdir(path.join(root, 'glossary'), {recursive: true})
  await copyFile(path.join(repoRoot, 'glossary', 'names.tsv'), path.join(root, 'glossary', 'names.tsv'))
  await copyFile(path.join(guideDir, 'LICENSE'), path.join(root, 'LICENSE-opensource-guide.txt')).catch(() => undefined)
  await writeFile(path.join(root, 'README.md'), `${attribution}\n`)
  await writeFile(path.join(root, 'content', 'de', 'lang.md'), `# Ein langer Absatz\n\n${text}\n`)
  return root
}

/** The German forms of glossary/names.tsv. */
async function glossaryNames(): Promise<string[]> {
  const text = await readFile(path.join(repoRoot, 'glossary', 'names.tsv'), 'utf8')
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[0] ?? '')
    .filter((name) => name !== '')
}
