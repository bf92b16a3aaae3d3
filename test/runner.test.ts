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
import {closeServers, createProject, deeplEnv, removeProjects, startServer} from './project.ts'

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
      parses.length = 0
      const result = await build({root: project.root, provider: provider(), site: {ui: 'en'}})
      expect(result.files.map((file) => file.ok), run).toEqual([true, true, true])
      const german = parses.filter((file) => file.startsWith(path.join(project.root, 'content', 'de')))
      expect(german.sort(), run).toEqual(Object.keys(files).map((file) => path.join(project.root, file)).sort())
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
