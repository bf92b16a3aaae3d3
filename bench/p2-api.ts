/**
 * P2, API efficiency: builds against the local DeepL-compatible test server (127.0.0.1) through
 * the real DeepLProvider and deepl-node, counting what the server received and billed.
 * The cold build also fills the memory that P1 and P4 build with.
 */
import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {TranslationMemory} from '../src/memory/translation-memory.ts'
import {openProject} from '../src/pipeline/project.ts'
import {segmentFiles} from '../src/pipeline/segment-files.ts'
import {startDeepLServer, type DeepLServer} from '../test/servers/deepl.ts'
import type {Corpus} from './corpus.ts'
import {time} from './measure.ts'
import {formatNumber, formatSeconds, pass, type Figure} from './report.ts'
import {buildAll, segmentText} from './tandem.ts'

/** What the server saw since the last reset. */
export interface ApiCounts {
  /** Requests to any endpoint (translations, glossary look-ups, …). */
  allRequests: number
  /** Translate requests. */
  requests: number
  /** Texts in all translate requests: segments sent. */
  texts: number
  billedCharacters: number
}

export interface ColdBuild extends ApiCounts {
  milliseconds: number
  files: number
  /** Distinct translatable segments of the corpus. */
  distinctSegments: number
  /** Code points of those segments' text without tags. */
  textCharacters: number
  /** What tandem itself reported as billed. */
  tandemBilledCharacters: number
}

export interface EditedBuild extends ApiCounts {
  milliseconds: number
  file: string
}

/** The test server and a DeepLProvider that talks to it. */
export class ApiProbe {
  readonly provider: DeepLProvider
  private readonly server: DeepLServer

  private constructor(server: DeepLServer) {
    this.server = server
    this.provider = new DeepLProvider({authKey: server.authKey, serverUrl: server.url, maxRetries: 1})
  }

  static async start(): Promise<ApiProbe> {
    return new ApiProbe(await startDeepLServer())
  }

  /** Forget what the server saw. */
  reset(): void {
    this.server.reset()
  }

  counts(): ApiCounts {
    const requests = this.server.translateRequests()
    return {
      allRequests: this.server.requests.length,
      requests: requests.length,
      texts: requests.reduce((sum, request) => sum + request.params.texts.length, 0),
      billedCharacters: this.server.billedCharacters
    }
  }

  /** Build the corpus with an empty memory: every segment is sent. */
  async coldBuild(corpus: Corpus): Promise<ColdBuild> {
    this.reset()
    let built: Awaited<ReturnType<typeof buildAll>> | undefined
    const milliseconds = await time(async () => {
      built = await buildAll(corpus.root, corpus.files.length, this.provider)
    })
    if (!built) throw new Error('the cold build returned nothing')
    const cold = {
      ...this.counts(),
      milliseconds,
      files: built.files.length,
      ...segmentText(built),
      tandemBilledCharacters: built.billedCharacters
    }
    this.reset()
    return cold
  }

  /** Change one name's English form, then build everything again: only the segments holding it may be sent. */
  async glossaryChangedBuild(corpus: Corpus): Promise<GlossaryChangedBuild> {
    const names = path.join(corpus.root, 'glossary', 'names.tsv')
    const [from, to] = ['Selenskyj\tZelensky\t', 'Selenskyj\tZelenskyy\t']
    const text = await readFile(names, 'utf8')
    if (!text.includes(from)) throw new Error('glossary/names.tsv has no Selenskyj → Zelensky entry to change')
    await writeFile(names, text.replace(from, to))
    const project = await openProject({root: corpus.root})
    const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath))
    const keys = new Set<string>()
    for (const file of await segmentFiles(project, memory)) {
      for (const segment of file.data.tandem?.segments ?? []) {
        if (segment.matches.some((match) => match.de === 'Selenskyj')) keys.add(segment.key)
      }
    }
    this.reset()
    await buildAll(corpus.root, corpus.files.length, this.provider)
    const counts = this.counts()
    this.reset()
    return {...counts, affected: keys.size, entry: 'Selenskyj → Zelenskyy'}
  }

  /** Add a sentence to one paragraph of one article, then build everything again. */
  async editedBuild(corpus: Corpus): Promise<EditedBuild> {
    const file = corpus.files[Math.floor(corpus.files.length / 2)]
    if (!file) throw new Error('the corpus has no files')
    await editOneParagraph(file)
    this.reset()
    const milliseconds = await time(() => buildAll(corpus.root, corpus.files.length, this.provider))
    const counts = this.counts()
    this.reset()
    return {...counts, milliseconds, file: path.relative(corpus.root, file)}
  }

  close(): Promise<void> {
    return this.server.close()
  }
}

export function coldFigures(cold: ColdBuild): Figure[] {
  const ratio = cold.billedCharacters / Math.max(1, cold.textCharacters)
  return [
    {
      id: 'P2',
      name: 'cold build: requests',
      value: `${cold.requests} (${formatNumber(cold.texts / Math.max(1, cold.requests), 1)} texts each)`,
      goal: '',
      status: 'INFO',
      measured: cold.requests,
      note:
        `${cold.texts} texts sent for ${cold.distinctSegments} distinct segments in ${cold.files} files, in ${formatSeconds(cold.milliseconds)}; ` +
        `${cold.allRequests - cold.requests} other requests (e.g. glossary look-ups)`
    },
    {
      id: 'P2',
      name: 'cold build: billed ÷ text characters',
      value: formatNumber(ratio, 3),
      goal: '≤ 1.05',
      status: pass(ratio <= 1.05),
      measured: ratio,
      note: `${cold.billedCharacters} characters billed by the server (tandem counted ${cold.tandemBilledCharacters}) for ${cold.textCharacters} characters of text`
    }
  ]
}

/** `builds` warm builds were made since the last reset. */
export function rebuildFigure(counts: ApiCounts, builds: number): Figure {
  return {
    id: 'P2',
    name: 'rebuild: requests, characters',
    value: `${counts.allRequests}, ${counts.billedCharacters}`,
    goal: '0, 0',
    status: pass(counts.allRequests === 0 && counts.billedCharacters === 0),
    measured: counts.allRequests + counts.billedCharacters,
    note: `requests of any kind, counted over ${builds} warm build${builds === 1 ? '' : 's'} with the provider set`
  }
}

export function editedFigure(edited: EditedBuild): Figure {
  return {
    id: 'P2',
    name: 'one paragraph edited: segments sent',
    value: `${edited.texts} in ${edited.requests} request${edited.requests === 1 ? '' : 's'}`,
    goal: '= 1',
    status: pass(edited.texts === 1),
    measured: edited.texts,
    note: `edited ${edited.file}, then built all files`
  }
}

export interface GlossaryChangedBuild extends ApiCounts {
  /** Distinct segments whose source holds the changed entry's German form, by the project's own matcher. */
  affected: number
  entry: string
}

export function glossaryChangeFigure(changed: GlossaryChangedBuild | undefined): Figure {
  if (!changed) return {id: 'P2', name: 'one glossary entry changed: segments sent', value: 'not run', goal: '= affected', status: 'N/A', measured: null}
  return {
    id: 'P2',
    name: 'one glossary entry changed: segments sent',
    value: `${changed.texts} of ${changed.affected} affected`,
    goal: '= affected',
    status: pass(changed.texts === changed.affected && changed.affected > 0),
    measured: changed.texts,
    note: `changed ${changed.entry} in glossary/names.tsv, then built all files (${changed.requests} requests)`
  }
}

/** Add a sentence at the end of the first paragraph of `file`. */
async function editOneParagraph(file: string): Promise<void> {
  const text = await readFile(file, 'utf8')
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).parse(text) as Root
  const paragraph = tree.children.find((node) => node.type === 'paragraph')
  const offset = paragraph?.position?.end.offset
  if (offset === undefined) throw new Error(`${file} has no paragraph to edit`)
  await writeFile(file, `${text.slice(0, offset)} Dieser Satz wurde nachträglich ergänzt.${text.slice(offset)}`)
}
