/**
 * The import graph of src/ (issue 11, ../shared/design.md "Data flow"): dependencies point one way.
 * Every `import`, `export … from` and `import()` is read with the TypeScript compiler's own pre-processor,
 * type-only imports included (a type cycle is still a cycle between folders).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'
import {repoRoot} from './project.ts'

/**
 * The layers of src/, lowest first. A folder may import only itself and the folders above it in this table.
 * `align/` sits before `memory/` because the memory stores aligned pairs (memory/aligned-records.ts);
 * `i18n/` is a leaf of resources that the importer's Details labels, the reader and the CLI read.
 * `index.ts` is the public API: it re-exports, and nothing imports it.
 */
const layers: readonly string[] = [
  'core',
  'i18n',
  'import',
  'segment',
  'glossary',
  'align',
  'memory',
  'interchange',
  'providers',
  'output',
  'pipeline',
  'cli',
  'index.ts'
]

/** Folders that hold stages: none of them may import pipeline/, whatever the table says. */
const stages = new Set(['import', 'segment', 'glossary', 'align', 'memory', 'interchange', 'providers', 'output'])

type Edge = readonly [from: string, to: string]

const srcDir = path.join(repoRoot, 'src')

/** Every relative import in src/ as [importer, imported], both relative to src/. */
function importEdges(): Edge[] {
  const files = readdirSync(srcDir, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.ts'))
  const edges: Edge[] = []
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(path.join(srcDir, file), 'utf8'), true, true)
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith('.')) continue
      const target = path.relative(srcDir, path.resolve(srcDir, path.dirname(file), imported.fileName))
      edges.push([toPosix(file), toPosix(target)])
    }
  }
  return edges
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}

/** The top-level folder of a file under src/ (`index.ts` for the root files). */
function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file
}

/** Each cycle of the graph once, as `a -> b -> a`. */
function findCycles(edges: readonly Edge[]): string[] {
  const next = new Map<string, string[]>()
  for (const [from, to] of edges) {
    if (from === to) continue
    next.set(from, [...(next.get(from) ?? []), to])
  }
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles: string[] = []
  const visit = (node: string) => {
    state.set(node, 'open')
    stack.push(node)
    for (const target of next.get(node) ?? []) {
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].join(' -> '))
      else if (!state.has(target)) visit(target)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...next.keys()].sort()) if (!state.has(node)) visit(node)
  return cycles
}

/** The folder graph: one edge per pair of different folders that a file import joins. */
function folderEdges(edges: readonly Edge[]): Edge[] {
  const seen = new Map<string, Edge>()
  for (const [from, to] of edges) {
    const edge = [folderOf(from), folderOf(to)] as const
    if (edge[0] !== edge[1]) seen.set(edge.join('\0'), edge)
  }
  return [...seen.values()]
}

/** Imports that point down the table (against the stage order), and imports of pipeline/ from a stage. */
function findUpwardImports(edges: readonly Edge[]): string[] {
  const problems: string[] = []
  for (const [from, to] of edges) {
    const a = folderOf(from)
    const b = folderOf(to)
    if (a === b) continue
    if (stages.has(a) && b === 'pipeline') problems.push(`${from} imports ${to}: a stage never imports pipeline/`)
    else if (layers.indexOf(b) > layers.indexOf(a)) problems.push(`${from} imports ${to}: ${b}/ comes after ${a}/`)
  }
  return problems
}

describe('the import graph of src/', () => {
  const edges = importEdges()

  it('is read: every stage shows up and every import resolves to a file', () => {
    const files = new Set(readdirSync(srcDir, {recursive: true, encoding: 'utf8'}).map(toPosix))
    expect(edges.length).toBeGreaterThan(100)
    expect(edges.filter(([, to]) => !files.has(to)).map((edge) => edge.join(' imports '))).toEqual([])
    expect(edges).toContainEqual(['pipeline/processor.ts', 'segment/segment-blocks.ts'])
  })

  it('places every folder of src/ in the layer table', () => {
    const folders = new Set(edges.flat().map(folderOf))
    expect([...folders].filter((folder) => !layers.includes(folder)).sort()).toEqual([])
  })

  it('has no cycle between files', () => {
    expect(findCycles(edges)).toEqual([])
  })

  it('has no cycle between folders', () => {
    expect(findCycles(folderEdges(edges))).toEqual([])
  })

  it('has no import against the stage order, and no stage imports pipeline/', () => {
    expect(findUpwardImports(edges)).toEqual([])
  })

  it('nothing imports the public API', () => {
    expect(edges.filter(([, to]) => to === 'index.ts')).toEqual([])
  })
})

describe('the checks themselves', () => {
  it('find a file cycle and a folder cycle', () => {
    const edges: Edge[] = [
      ['glossary/matcher.ts', 'glossary/names-file.ts'],
      ['glossary/names-file.ts', 'glossary/matcher.ts'],
      ['segment/a.ts', 'memory/b.ts'],
      ['memory/b.ts', 'segment/c.ts']
    ]
    expect(findCycles(edges)).toEqual(['glossary/matcher.ts -> glossary/names-file.ts -> glossary/matcher.ts'])
    expect(findCycles(folderEdges(edges))).toEqual(['memory -> segment -> memory'])
  })

  it('find an upward import and a stage importing pipeline/', () => {
    expect(
      findUpwardImports([
        ['memory/store.ts', 'output/write.ts'],
        ['output/x.ts', 'pipeline/data.ts'],
        ['cli/main.ts', 'pipeline/build.ts'],
        ['output/y.ts', 'core/types.ts']
      ])
    ).toEqual([
      'memory/store.ts imports output/write.ts: output/ comes after memory/',
      'output/x.ts imports pipeline/data.ts: a stage never imports pipeline/'
    ])
  })
})
