/**
 * Issue 16's measure: align each of the eight Open Source Guides pairs (CC BY 4.0, © GitHub, Inc. and
 * contributors) into the memory with `tandem memory align`, build the German (misses go to the DeepL
 * test server), and count the official English blocks that the English edition reproduces exactly.
 */
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {tandemData} from '../src/core/data.ts'
import {taggedToPlain} from '../src/core/tagged-text.ts'
import {build} from '../src/pipeline/build.ts'
import {createSegmenter} from '../src/pipeline/processor.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {corpusDir as besideRepo} from './fidelity.ts'
import {createProject, removeProjects, type Project} from './project.ts'
import {startDeepLServer, type DeepLServer} from './servers/deepl.ts'

// Beside the repository, or beside the worktrees folder for a git worktree.
const corpusDir = [besideRepo, path.join(besideRepo, '..', '..', '..', '..', 'shared', 'corpus', 'opensource-guide')].find((dir) => existsSync(dir)) ?? besideRepo
const articles = ['best-practices', 'building-community', 'code-of-conduct', 'finding-users', 'getting-paid', 'how-to-contribute', 'leadership-and-governance', 'legal']

let deepl: DeepLServer
let project: Project
const stored: Record<string, string> = {}

beforeAll(async () => {
  const files: Record<string, string> = {}
  for (const article of articles) files[`content/de/${article}.md`] = readFileSync(path.join(corpusDir, 'de', `${article}.md`), 'utf8')
  project = await createProject({files})
  for (const article of articles) {
    const run = await project.cli(['memory', 'align', `content/de/${article}.md`, path.join(corpusDir, 'en', `${article}.md`)])
    expect(run.code).toBe(0)
    stored[article] = run.stderr.at(-1) ?? ''
  }
  deepl = await startDeepLServer()
  const provider = new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, maxRetries: 1})
  await build({root: project.root, provider, concurrency: 2})
}, 180_000)

afterAll(async () => {
  await deepl.close()
  await removeProjects()
})

/** The words of each block of an English file, as tandem segments it. */
async function blockTexts(markdown: string): Promise<string[]> {
  const processor = createSegmenter({sourceLang: 'de', targetLang: 'en-US', frontmatterFields: ['title', 'description', 'summary'], labelLanguage: 'en'})
  const file = new VFile({value: markdown})
  await processor.run(processor.parse(file), file)
  return tandemData(file).segments.map((segment) => taggedToPlain(segment.source))
}

describe('a build of the aligned corpus', () => {
  it('reproduces at least 90 % of the official English blocks exactly, and at least 80 % of each pair’s', async () => {
    let reproduced = 0
    let official = 0
    const shares: string[] = []
    const perPair: Record<string, number> = {}
    for (const article of articles) {
      const built = new Map<string, number>()
      for (const text of await blockTexts(await project.read(`content/en/${article}.md`))) built.set(text, (built.get(text) ?? 0) + 1)
      const expected = await blockTexts(readFileSync(path.join(corpusDir, 'en', `${article}.md`), 'utf8'))
      let hits = 0
      for (const text of expected) {
        const left = built.get(text) ?? 0
        if (left === 0) continue
        built.set(text, left - 1)
        hits++
      }
      reproduced += hits
      official += expected.length
      perPair[article] = hits / expected.length
      shares.push(`${article} ${hits}/${expected.length} (${((100 * hits) / expected.length).toFixed(1)} %)`)
    }
    console.log(`built English reproduces ${reproduced}/${official} official blocks (${((100 * reproduced) / official).toFixed(1)} %): ${shares.join(', ')}`)
    console.log(Object.entries(stored).map(([article, line]) => `${article}: ${line}`).join('\n'))
    // Measured: 93.4 % (646 of 692); each pair at least 83.8 % (legal; 75 % before cognates and same-page links). All eight pairs differ in structure
    // (the German has 5 to 22 blocks more: asides quoted in both languages, newer revisions on either side),
    // so the 80 % for such pairs holds for each one.
    expect(reproduced / official).toBeGreaterThanOrEqual(0.9)
    for (const [article, share] of Object.entries(perPair)) expect({article, share: share >= 0.8 ? 'at least 80 %' : share}).toEqual({article, share: 'at least 80 %'})
  })
})
