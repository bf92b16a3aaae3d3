/**
 * The bench corpus: the repository's content/de plus the German Open Source Guides from
 * ../shared/corpus, cut into article-sized pieces and scaled deterministically to N articles
 * in a temporary tandem project. Every copy of a piece is varied (its article number is
 * inserted into each block), so that no two articles share a segment.
 */
import {copyFile, mkdir, mkdtemp, readFile, readdir, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {parse as parseYaml, stringify as stringifyYaml} from 'yaml'
import {de} from '../src/i18n/resources.ts'

export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
export const guideDir = path.join(repoRoot, '..', 'shared', 'corpus', 'opensource-guide')

const attribution =
  'Adapted from the German translation of the Open Source Guides, CC BY 4.0, © GitHub, Inc. and contributors. ' +
  'Changed for benchmarking: cut into sections and numbered.'

/** One article-sized piece of the source corpus, before it is copied and varied. */
export interface Piece {
  /** Where it came from, e.g. `opensource-guide/de/legal.md#3`. */
  origin: string
  slug: string
  frontmatter: Record<string, unknown> | undefined
  /** Markdown after the front matter. */
  body: string
  /** Offsets in `body`, ascending, where an article's variation is inserted: the end of each block's text. */
  insertAt: number[]
  /** Whether the piece comes from the CC BY corpus, and so carries the attribution header. */
  attributed: boolean
}

export interface Corpus {
  /** A temporary tandem project: content/de, memory/, glossary/. */
  root: string
  /** Absolute paths of the articles, sorted as `build()` finds them. */
  files: string[]
  /** UTF-8 bytes of all articles. */
  bytes: number
  pieces: number
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)
const hasLetter = /\p{L}/u
/** Headings that are controlled vocabulary: varying them would turn the Details block into ordinary text. */
const fixedHeadings = new Set<string>([de.details.heading])

/** Read the source corpus and cut it into pieces; the order is fixed, so the corpus is deterministic. */
export async function loadPieces(): Promise<Piece[]> {
  const pieces: Piece[] = []
  const ownDir = path.join(repoRoot, 'content', 'de')
  for (const name of await markdownFiles(ownDir)) {
    const {frontmatter, body} = splitFrontmatter(await readFile(path.join(ownDir, name), 'utf8'))
    pieces.push(piece(`content/de/${name}`, slugOf(name), frontmatter, body, false))
  }
  const guideDe = path.join(guideDir, 'de')
  let guides: string[]
  try {
    guides = await markdownFiles(guideDe)
  } catch (error) {
    throw new Error(`the bench corpus needs ${guideDe} (the shared Open Source Guides): ${(error as Error).message}`)
  }
  for (const name of guides) {
    const {frontmatter, body} = splitFrontmatter(await readFile(path.join(guideDe, name), 'utf8'))
    const sections = splitSections(body)
    sections.forEach((section, index) => {
      // The guide's own front matter stays on its first piece; the others get the section heading as title.
      const heading = /^##[ \t]+(.+?)[ \t#]*$/m.exec(section)?.[1]
      const matter = index === 0 ? frontmatter : {title: heading ?? slugOf(name), lang: 'de'}
      pieces.push(piece(`opensource-guide/de/${name}#${index}`, `${slugOf(name)}-${index}`, matter, section, true))
    })
  }
  return pieces
}

/** Write `count` varied articles into a new temporary project. */
export async function createCorpus(count: number, pieces: readonly Piece[]): Promise<Corpus> {
  if (pieces.length === 0) throw new Error('the bench corpus is empty')
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-'))
  const contentDir = path.join(root, 'content', 'de')
  await mkdir(contentDir, {recursive: true})
  await mkdir(path.join(root, 'memory'), {recursive: true})
  await mkdir(path.join(root, 'glossary'), {recursive: true})
  await copyIfExists(path.join(repoRoot, 'glossary', 'names.tsv'), path.join(root, 'glossary', 'names.tsv'))
  await copyIfExists(path.join(guideDir, 'LICENSE'), path.join(root, 'LICENSE-opensource-guide.txt'))
  await writeFile(path.join(root, 'README.md'), readme(count, pieces.length))

  const files: string[] = []
  let bytes = 0
  const width = String(count - 1).length
  for (let index = 0; index < count; index++) {
    const source = pieces[index % pieces.length] as Piece
    const file = path.join(contentDir, `${String(index).padStart(width, '0')}-${source.slug}.md`)
    const text = article(source, index)
    await writeFile(file, text)
    files.push(file)
    bytes += Buffer.byteLength(text)
  }
  files.sort()
  return {root, files, bytes, pieces: pieces.length}
}

/** The Markdown of article `index`: the piece with ` (Nr. <index>)` after the text of every block. */
export function article(source: Piece, index: number): string {
  const marker = ` (Nr. ${index})`
  let body = ''
  let last = 0
  for (const offset of source.insertAt) {
    body += source.body.slice(last, offset) + marker
    last = offset
  }
  body += source.body.slice(last)
  const header = source.attributed ? `<!-- ${attribution} -->\n\n` : ''
  if (!source.frontmatter) return header + body
  const matter: Record<string, unknown> = {...source.frontmatter}
  for (const field of ['title', 'description'] as const) {
    if (typeof matter[field] === 'string') matter[field] = `${matter[field]}${marker}`
  }
  return `---\n${stringifyYaml(matter, {lineWidth: 0})}---\n\n${header}${body}`
}

/** Where to vary a body: after the last inline node of each paragraph, heading and table cell that has a letter. */
function insertionOffsets(body: string): number[] {
  const tree = parser.parse(body) as Root
  const offsets: number[] = []
  visit(tree, (node) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return
    const text = toString(node)
    if (!hasLetter.test(text)) return
    if (node.type === 'heading' && fixedHeadings.has(text.trim())) return
    const lastChild = node.children[node.children.length - 1]
    const offset = lastChild?.position?.end.offset
    if (!lastChild || lastChild.type === 'break' || offset === undefined) return
    offsets.push(offset)
  })
  return offsets.sort((a, b) => a - b)
}

function piece(
  origin: string,
  slug: string,
  frontmatter: Record<string, unknown> | undefined,
  body: string,
  attributed: boolean
): Piece {
  return {origin, slug, frontmatter, body, insertAt: insertionOffsets(body), attributed}
}

function splitFrontmatter(text: string): {frontmatter: Record<string, unknown> | undefined; body: string} {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text)
  if (!match) return {frontmatter: undefined, body: text}
  const value: unknown = parseYaml(match[1] ?? '')
  const frontmatter = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  return {frontmatter, body: text.slice(match[0].length).replace(/^\n+/, '')}
}

/** Cut Markdown before each `## ` heading outside fenced code; the text before the first is a section too. */
function splitSections(body: string): string[] {
  const sections: string[] = []
  let current: string[] = []
  let fence: string | undefined
  for (const line of body.split('\n')) {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (opening && (fence === undefined || opening.startsWith(fence))) fence = fence === undefined ? opening : undefined
    if (fence === undefined && /^##[ \t]/.test(line) && current.some((entry) => entry.trim() !== '')) {
      sections.push(current.join('\n').trim() + '\n')
      current = []
    }
    current.push(line)
  }
  if (current.some((entry) => entry.trim() !== '')) sections.push(current.join('\n').trim() + '\n')
  return sections
}

async function markdownFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.md')).sort()
}

function slugOf(name: string): string {
  return name.replace(/\.md$/, '')
}

async function copyIfExists(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function readme(count: number, pieces: number): string {
  return `# tandem bench corpus

Generated by \`npm run bench\`: ${count} articles made from ${pieces} pieces, deleted after the run.

The articles in \`content/de\` whose names start with a guide's name are ${attribution}
The licence is in \`LICENSE-opensource-guide.txt\` (Creative Commons Attribution 4.0 International).
The other articles come from tandem's own \`content/de\`.
`
}
