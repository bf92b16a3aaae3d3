/**
 * The one project runner (issue 11): each German file is parsed exactly once per build, and the dry run and the
 * build agree on requests and characters where files share paragraphs, whatever the timing of the answers.
 */
import path from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {build} from '../src/pipeline/build.ts'
import {DeepLProvider} from '../src/providers/deepl.ts'
import {RequestScheduler} from '../src/providers/scheduler.ts'
import {appendFile, rm} from 'node:fs/promises'
import {closeServers, createProject, deeplEnv, memoryRecord, removeProjects, startServer} from './project.ts'

const parses = vi.hoisted(() => [] as string[])

// Every parse of Markdown goes through remark-parse's parser: count them, by file.
vi.mock('remark-parse', async (importOriginal) => {
  const original = ((await importOriginal()) as {default: (this: Processor, ...options: unknown[]) => void}).default
  return {
    default: function (this: Processor, ...options: unknown[]) {
      original.call(this, ...options)
      const parser = this.parser
      if (!parser) return
      this.parser = (document: string, file: VFile) => {
        parses.push(file.path)
        return parser(document, file)
      }
    }
  }
})

afterEach(async () => {
  parses.length = 0
  await removeProjects()
  await closeServers()
})

const shared = 'Die Soldaten kämpfen in der Region.'
const files = {
  'content/de/a.md': `---\ntitle: Die Truppen\n---\n\n# Die Truppen\n\n${shared}\n\nDer Krieg ist nicht vorbei.\n`,
  'content/de/b.md': `# Der Krieg\n\n${shared}\n\nRussland liefert Munition.\n\n- Die Ukraine bleibt.\n- Der Vertrag gilt.\n`,
  'content/de/c.md': `# Die Region\n\n${shared}\n\nDer Krieg ist nicht vorbei.\n\nDie Ukraine bleibt.\n`
}

describe('the project runner', () => {
  it('parses each German file exactly once per build, also with English editions to pair and a reader to write', async () => {
    const project = await createProject({files})
    const deepl = await startServer()
    const provider = () => new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, scheduler: new RequestScheduler({})})
    for (const run of ['cold', 'warm']) {
      // A glossary change: the file it touches (b.md has Russland) is read again, once; the others are skipped (see below).
      if (run === 'warm') await project.write('glossary/names.tsv', 'de\ten\tkind\tnote\nRussland\tRussia\tplace\t\n')
      parses.length = 0
      const result = await build({root: project.root, provider: provider(), site: {ui: 'en'}})
      expect(result.files.map((file) => file.ok), run).toEqual([true, true, true])
      const german = parses.filter((file) => file.startsWith(path.join(project.root, 'content', 'de')))
      const expected = run === 'warm' ? ['content/de/b.md'] : Object.keys(files)
      expect(german.sort(), run).toEqual(expected.map((file) => path.join(project.root, file)).sort())
    }
  })

  it('agrees with its dry run on requests and characters where files share paragraphs, with a slow server', async () => {
    const project = await createProject({files})
    const deepl = await startServer({delayMs: 80})
    const dry = await project.cli(['build', '--dry-run', '--json', '--concurrency', '3'])
    expect(dry.code).toBe(0)
    const plan = JSON.parse(dry.stdout.join('\n')) as {total: {requests: number; billedCharacters: number; toTranslate: number}}
    const run = await project.cli(['build', '--concurrency', '3'], deeplEnv(deepl))
    expect(run.code, run.stderr.join('\n')).toBe(0)
    const requests = deepl.translateRequests()
    const texts = requests.flatMap((request) => request.params.texts)
    expect({requests: requests.length, billedCharacters: deepl.billedCharacters, toTranslate: texts.length}).toEqual({
      requests: plan.total.requests,
      billedCharacters: plan.total.billedCharacters,
      toTranslate: plan.total.toTranslate
    })
    // The shared paragraph is sent once.
    expect(texts.filter((text) => text === shared)).toHaveLength(1)
  })
})

describe('a rebuild', () => {
  it('skips, without parsing, exactly the files none of whose inputs changed, and never one with a message to show', async () => {
    const project = await createProject({files: {...files, 'content/de/d.md': '\uFEFF# Der Vertrag\n\nDer Vertrag gilt.\n'}})
    const deepl = await startServer()
    const provider = () => new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, scheduler: new RequestScheduler({})})
    const rebuild = async () => {
      parses.length = 0
      const result = await build({root: project.root, provider: provider(), site: {ui: 'en'}})
      expect(result.files.map((file) => file.ok)).toEqual([true, true, true, true])
      const german = path.join(project.root, 'content', 'de')
      return parses.filter((file) => file.startsWith(german)).map((file) => path.relative(german, file)).sort()
    }
    // d.md warns about its byte order mark, so it is rebuilt (and warns) every time.
    expect(await rebuild()).toEqual(['a.md', 'b.md', 'c.md', 'd.md'])
    const outputs = async () => Promise.all(['content/en/a.md', 'content/parallel/b.md', 'site/index.html', 'site/feed.xml'].map((file) => project.read(file)))
    const before = await outputs()
    expect(await rebuild()).toEqual(['d.md'])
    expect(await outputs()).toEqual(before)

    // Each input, one at a time.
    await project.write('content/de/a.md', files['content/de/a.md'].replace('nicht vorbei', 'vorbei'))
    expect(await rebuild()).toEqual(['a.md', 'd.md'])
    await appendFile(path.join(project.root, 'memory/de-en.jsonl'), JSON.stringify(memoryRecord('Russland liefert Munition.', 'Russia delivers ammunition.')) + '\n')
    expect(await rebuild()).toEqual(['b.md', 'd.md'])
    expect(await project.read('content/en/b.md')).toContain('Russia delivers ammunition.')
    await project.write('content/en/c.md', (await project.read('content/en/c.md')).replace(/^# (.*)$/m, '# $1, edited'))
    expect(await rebuild()).toEqual(['c.md', 'd.md'])
    await rm(path.join(project.root, 'content/parallel/a.md'))
    expect(await rebuild()).toEqual(['a.md', 'd.md'])
    await rm(path.join(project.root, 'site/articles/b.html'))
    expect(await rebuild()).toEqual(['b.md', 'd.md'])
    expect(await project.exists('site/articles/b.html')).toBe(true)
    // A glossary entry: exactly the files that contain it (d.md warns anyway).
    await project.write('glossary/names.tsv', 'de\ten\tkind\tnote\nRussland\tRussia\tplace\t\n')
    expect(await rebuild()).toEqual(['b.md', 'd.md'])
    expect(await rebuild()).toEqual(['d.md'])
    // Its English form changed: the same file again. An entry only a.md holds (its title): a.md. Removed again: a.md.
    const russia = 'Russland\tthe Russian Federation\tplace\t\n'
    await project.write('glossary/names.tsv', `de\ten\tkind\tnote\n${russia}`)
    expect(await rebuild()).toEqual(['b.md', 'd.md'])
    expect(await project.read('content/en/b.md')).toContain('the Russian Federation')
    await project.write('glossary/names.tsv', `de\ten\tkind\tnote\n${russia}Truppen\ttroops\tterm\t\n`)
    expect(await rebuild()).toEqual(['a.md', 'd.md'])
    await project.write('glossary/names.tsv', `de\ten\tkind\tnote\n${russia}`)
    expect(await rebuild()).toEqual(['a.md', 'd.md'])
    // A note on an entry shows in the reader's name tooltips: the file that holds it.
    await project.write('glossary/names.tsv', `de\ten\tkind\tnote\n${russia.replace(/\t\n$/, '\tthe country\n')}`)
    expect(await rebuild()).toEqual(['b.md', 'd.md'])
    // The reader's index still lists every article, skipped or not.
    expect((await project.read('site/index.html')).match(/href="articles\/[a-d]\.html"/g)).toHaveLength(4)
  })

  it('renders the reader index and the feed again only when the list of articles or what it shows of them changes', async () => {
    const project = await createProject({files})
    const deepl = await startServer()
    const rebuild = () => build({root: project.root, provider: new DeepLProvider({authKey: deepl.authKey, serverUrl: deepl.url, scheduler: new RequestScheduler({})}), site: {ui: 'en'}})
    await rebuild()
    // A mark that only a rendering of the index or the feed would remove.
    const mark = '<!-- not rendered again -->'
    for (const page of ['site/index.html', 'site/feed.xml']) await project.write(page, (await project.read(page)) + mark)
    const unchanged = await rebuild()
    expect(unchanged.site?.written).toEqual([])
    expect(await project.read('site/index.html')).toContain(mark)
    expect(await project.read('site/feed.xml')).toContain(mark)
    // The last paragraph edited: the page changes; the index and the feed (titles, first paragraph, origins) do not.
    await project.write('content/de/c.md', files['content/de/c.md'].replace('Die Ukraine bleibt.', 'Die Ukraine bleibt stark.'))
    const body = await rebuild()
    expect(body.site?.written.map((page) => path.relative(project.root, page))).toEqual(['site/articles/c.html'])
    expect(await project.read('site/index.html')).toContain(mark)
    // A new title: both are rendered again, without the mark.
    await project.write('content/de/a.md', files['content/de/a.md'].replace('title: Die Truppen', 'title: Der Vertrag'))
    const title = await rebuild()
    expect(title.site?.written.map((page) => path.relative(project.root, page)).sort()).toEqual(['site/articles/a.html', 'site/index.html'])
    expect(await project.read('site/index.html')).not.toContain(mark)
    expect(await project.read('site/index.html')).toContain('<span class="de" lang="de">Der Vertrag</span>')
    expect(await project.read('site/feed.xml')).not.toContain(mark)
    // The index page gone: rendered again.
    await rm(path.join(project.root, 'site/index.html'))
    await rebuild()
    expect(await project.exists('site/index.html')).toBe(true)
  })
})
