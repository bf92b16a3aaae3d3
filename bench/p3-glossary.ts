/**
 * P3, glossary matching: 100k synthetic names plus the project's real ones, matched over the
 * corpus text; throughput in MB/s, and the time for 4× the text over the time for 1× (linear: ≤ 4.4).
 * The matcher comes from bench/glossary-matcher.ts; without one, the rows are n/a.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {repoRoot} from './corpus.ts'
import {interleaved, time} from './measure.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'

export type NameKind = 'person' | 'place' | 'org' | 'term'

export interface GlossaryName {
  de: string
  en: string
  kind: NameKind
}

/** Builds a matcher for `names`; the matcher returns how many names it found in `text`. */
export type MatcherFactory = (names: readonly GlossaryName[]) => (text: string) => number

export interface GlossaryOptions {
  syntheticNames: number
  rounds: number
}

export interface GlossaryResults {
  figures: Figure[]
  names: number
  textBytes: number
  matches?: number
}

export async function measureGlossary(
  corpusText: string,
  factory: MatcherFactory | undefined,
  reason: string,
  options: GlossaryOptions
): Promise<GlossaryResults> {
  const throughputRow = {id: 'P3', name: 'glossary matching throughput', goal: '≥ 40 MB/s', unit: 'MB/s'}
  const linearRow = {id: 'P3', name: 'glossary matching: time 4× text ÷ 1×', goal: '≤ 4.4'}
  const real = await realNames()
  const names = [...real, ...syntheticNames(options.syntheticNames, new Set(real.map((name) => name.de)))]
  const text = withNames(corpusText, names)
  const textBytes = Buffer.byteLength(text)
  if (!factory) {
    const note = `would run ${names.length} names (${real.length} real) over ${formatNumber(textBytes / 1e6, 2)} MB`
    return {
      figures: [
        {...throughputRow, value: reason, status: 'N/A', measured: null, note},
        {...linearRow, value: reason, status: 'N/A', measured: null}
      ],
      names: names.length,
      textBytes
    }
  }

  let match: (text: string) => number = () => 0
  const setup = await time(() => {
    match = factory(names)
  })
  const fourTimes = [text, text, text, text].join('\n\n')
  // Untimed runs first: a build runs the matcher over thousands of text nodes, so its code is optimised after
  // the first few, while one 2 MB call needs three or four to get there (measured here: 15, 23, 37, 44 MB/s).
  let matches = 0
  for (let run = 0; run < 3; run++) matches = match(text)
  const timings = await interleaved(options.rounds, {
    once: async () => {
      matches = match(text)
    },
    fourTimes: async () => match(fourTimes)
  })
  const throughput = textBytes / 1e6 / (timings.once.cpu.median / 1000)
  const linearity = timings.fourTimes.cpu.median / timings.once.cpu.median
  return {
    figures: [
      {
        ...throughputRow,
        value: `${formatNumber(throughput, 1)} MB/s`,
        status: pass(throughput >= 40),
        measured: throughput,
        note: `${names.length} names (${real.length} real) over ${formatNumber(textBytes / 1e6, 2)} MB, ${matches} matches; CPU time, median of ${options.rounds}; matcher built in ${formatSeconds(setup)}`
      },
      {
        ...linearRow,
        value: formatNumber(linearity, 2),
        status: pass(linearity <= 4.4),
        measured: linearity,
        note: `${formatSeconds(timings.fourTimes.cpu.median)} for 4×, ${formatSeconds(timings.once.cpu.median)} for 1×`
      }
    ],
    names: names.length,
    textBytes,
    matches
  }
}

/** The entries of the project's glossary/names.tsv; none when it is missing. */
async function realNames(): Promise<GlossaryName[]> {
  let text: string
  try {
    text = await readFile(path.join(repoRoot, 'glossary', 'names.tsv'), 'utf8')
  } catch {
    return []
  }
  const kinds = new Set<string>(['person', 'place', 'org', 'term'])
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .filter((fields): fields is [string, string, NameKind, ...string[]] => Boolean(fields[0] && fields[1] && kinds.has(fields[2] ?? '')))
    .map(([de, en, kind]) => ({de, en, kind}))
}

const syllables = ['ka', 'lo', 'mi', 'ran', 'tel', 'ber', 'sch', 'wen', 'dor', 'fal', 'gri', 'hul', 'jen', 'kro', 'lun', 'mar', 'nol', 'pet', 'quin', 'ros', 'sul', 'tam', 'vel', 'wol', 'zan', 'bri', 'cha', 'dre', 'eck', 'fin']
const placeEndings: ReadonlyArray<[string, string]> = [['burg', 'burg'], ['dorf', 'dorf'], ['hausen', 'hausen'], ['stadt', 'stadt'], ['au', 'au'], ['ingen', 'ingen']]
const orgForms: ReadonlyArray<[string, string]> = [['{}-Werke', '{} Works'], ['{} AG', '{} AG'], ['Stiftung {}', '{} Foundation'], ['{}-Partei', '{} Party']]
const termForms: ReadonlyArray<[string, string]> = [['{}-Abkommen', '{} Agreement'], ['{}gesetz', '{} Act'], ['{}-Offensive', '{} Offensive']]

/** `count` distinct, deterministic German-looking names of every kind, none in `taken`. */
export function syntheticNames(count: number, taken: ReadonlySet<string> = new Set()): GlossaryName[] {
  const random = mulberry32(0x7a4d3e)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const word = (parts: number) => {
    let stem = ''
    for (let index = 0; index < parts; index++) stem += pick(syllables)
    return stem.charAt(0).toUpperCase() + stem.slice(1)
  }
  const seen = new Set(taken)
  const names: GlossaryName[] = []
  while (names.length < count) {
    const kind = pick(['person', 'person', 'place', 'org', 'term'] as const)
    let name: GlossaryName
    if (kind === 'person') {
      const first = word(2)
      const last = word(2 + Math.floor(random() * 2))
      name = {de: `${first} ${last}`, en: `${first} ${last}`, kind}
    } else if (kind === 'place') {
      const stem = word(2 + Math.floor(random() * 2))
      const [de, en] = pick(placeEndings)
      name = {de: stem + de, en: stem + en, kind}
    } else {
      const stem = word(2 + Math.floor(random() * 2))
      const [de, en] = pick(kind === 'org' ? orgForms : termForms)
      name = {de: de.replace('{}', stem), en: en.replace('{}', stem), kind}
    }
    if (seen.has(name.de)) continue
    seen.add(name.de)
    names.push(name)
  }
  return names
}

/** The text with a name (some in the genitive) after every 40th word, so that the matcher has matches to find. */
function withNames(text: string, names: readonly GlossaryName[]): string {
  if (names.length === 0) return text
  let count = 0
  return text.replace(/\s+/g, (space) => {
    count++
    if (count % 40 !== 0) return space
    const name = names[(count * 7919) % names.length] as GlossaryName
    return ` ${name.de}${count % 80 === 0 ? 's' : ''}${space}`
  })
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}
