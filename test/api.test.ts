/**
 * The public API (src/index.ts): the sorted export list, pinned as remark's packages pin theirs, so that an
 * addition or a removal is a conscious change; and the processor rebuilt from those exports alone, as the
 * README's "API" example does, writes what `createProcessor` writes.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {VFile} from 'vfile'
import * as tandem from '../src/index.ts'
import {repoRoot} from './project.ts'

const seed = 'content/de/russland-gesteht-nordkoreanische-soldaten-kaempfen-in-kursk.md'

/** The README's API example, as a JavaScript module. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
  const api = readme.slice(readme.indexOf('\n## API\n'), readme.indexOf('\n## Folders\n'))
  const code = /```js\n([\s\S]*?)```/.exec(api)?.[1]
  if (!code) throw new Error('README: no ```js example in the API section')
  return code
}

/** English edition and side-by-side view of the seed article, by `createProcessor`. */
async function byCreateProcessor(): Promise<{english: string; parallel: string | undefined}> {
  const memory = await tandem.TranslationMemory.open(path.join(repoRoot, tandem.DEFAULTS.memoryPath), {root: repoRoot, readOnly: true})
  const glossary = await tandem.readNameGlossary(path.join(repoRoot, tandem.DEFAULTS.glossaryPath), repoRoot)
  const processor = tandem.createProcessor({
    sourceLang: tandem.DEFAULTS.sourceLang,
    targetLang: tandem.DEFAULTS.targetLang,
    frontmatterFields: tandem.DEFAULTS.frontmatterFields,
    matcher: new tandem.NameMatcher(glossary.entries),
    memory,
    t: tandem.createI18n('en').t,
    memoryLabel: tandem.DEFAULTS.memoryPath
  })
  const file = await processor.process(new VFile({path: path.join(repoRoot, seed), cwd: repoRoot, value: await readFile(path.join(repoRoot, seed))}))
  return {english: String(file), parallel: file.data.tandem?.parallel}
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(tandem).sort()).toEqual([
      'ConfigError',
      'DEFAULTS',
      'DeepLProvider',
      'InlineCodeError',
      'InlineIds',
      'MemoryError',
      'MemoryFileError',
      'MissingTranslationsError',
      'NameMatcher',
      'OpenAIProvider',
      'ProviderAuthorizationError',
      'ProviderBadAnswerError',
      'ProviderConnectionError',
      'ProviderError',
      'ProviderQuotaError',
      'ProviderRateLimitError',
      'ProviderRetryableError',
      'ProviderUnavailableError',
      'TandemError',
      'TranslationMemory',
      'alignSentences',
      'applyNameGlossary',
      'build',
      'checkNames',
      'createFinisher',
      'createI18n',
      'createProcessor',
      'createSegmenter',
      'createWriter',
      'englishEdition',
      'harvest',
      'harvestPostEdits',
      'importPlainText',
      'inlineToTagged',
      'keySegments',
      'keyTaggedSource',
      'lookupMemory',
      'markdownStyle',
      'markdownSyntax',
      'memoryKey',
      'mergeMemories',
      'pairTranslations',
      'parallelView',
      'planImport',
      'planXliffImport',
      'postEditDistance',
      'readNameGlossary',
      'readTbx',
      'readTmx',
      'readXliff',
      'recordId',
      'remarkTemplateTags',
      'requireTranslations',
      'resolveConfig',
      'restoreTargets',
      'segmentBlocks',
      'slugify',
      'splitSentences',
      'taggedToInline',
      'translateMisses',
      'writeReaderSite',
      'writeTbx',
      'writeTmx',
      'writeXliff'
    ])
  })

  it('rebuilds the processor from its plugins (the README example) with the output of createProcessor', async () => {
    const expected = await byCreateProcessor()
    // The committed English edition is what both must write: the comparison is not of two empty strings.
    expect(expected.english).toBe(await readFile(path.join(repoRoot, seed.replace('content/de/', 'content/en/')), 'utf8'))

    // The example imports `tandem`; here that is the source entry (the package test runs it against dist/).
    const code = (await readmeExample()).replace(/from 'tandem'/, `from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'src/index.ts')).href)}`)
    const dir = path.join(repoRoot, 'test', 'output')
    await mkdir(dir, {recursive: true})
    const module = path.join(dir, 'readme-api-example.mjs')
    await writeFile(module, code)
    const printed: unknown[] = []
    vi.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void printed.push(...values))
    const cwd = process.cwd()
    process.chdir(repoRoot)
    try {
      await import(pathToFileURL(module).href)
    } finally {
      process.chdir(cwd)
    }
    expect(printed).toEqual([expected.english])
  })
})
