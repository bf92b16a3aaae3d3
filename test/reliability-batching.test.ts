/**
 * Batching within DeepL's limits, German sentence splitting of an oversized paragraph, DeepL's `context`,
 * and `--dry-run` figures against what the test server then bills. Everything goes through deepl-node.
 */
import {afterEach, describe, expect, it} from 'vitest'
import {deeplLimits, encodedSize} from '../src/providers/batch.ts'
import {splitTaggedText} from '../src/providers/plan.ts'
import {splitSentences} from '../src/segment/split-sentences.ts'
import {billedCharacters, translateWords} from './servers/deepl.ts'
import type {DeepLServer} from './servers/deepl.ts'
import {createProject, memoryFile, memoryRecord, removeProjects, type Project, startServer, closeServers, deeplEnv} from './project.ts'

const server = startServer

const env = deeplEnv

afterEach(async () => {
  await closeServers()
  await removeProjects()
})

interface DryRun {
  files: Array<{file: string; segments: number; memoryHits: number; toTranslate: number; billedCharacters: number; requests: number; cost: number}>
  total: {files: number; segments: number; memoryHits: number; toTranslate: number; billedCharacters: number; requests: number; cost: number}
  pricePerMillion: number
  currency: string
}

async function dryRun(project: Project, extra: string[] = []): Promise<DryRun> {
  // No key, no server: a dry run needs neither.
  const run = await project.cli(['build', '--dry-run', '--json', ...extra])
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout.join('\n')) as DryRun
}

/** Every sent text's billed characters, as the server counts them. */
function billedBy(deepl: DeepLServer): number {
  return deepl.translateRequests().reduce((sum, request) => sum + request.billedCharacters, 0)
}

describe('splitSentences', () => {
  it('splits German at sentence ends, not after z. B., Dr. med., Nr. 5, 24. Februar or other abbreviations', () => {
    const text =
      'Das gilt z. B. für Dr. med. Müller. Er wohnt in Haus Nr. 5 seit dem 24. Februar 2022. Am 3. März kam er zurück! ' +
      'Die Zahl war 24. Dann ging es weiter. Er sagte: „Das ist gut.“ Dann ging er. Wir sahen ca. 5 Leute, u. a. Herrn Prof. Dr. Schmidt. ' +
      'Das war im 19. Jh. sehr verbreitet. Die Kosten betrugen 3,5 Mio. Euro. Siehe Art. 5 GG. Im Jahr 2022. Danach z.B. Tests. ' +
      'Vgl. S. 12 und (vgl. Abb. 3). Was nun? Es kam zum 2. Mal. J. R. R. Tolkien schrieb. Äpfel, Birnen usw. Die Preise stiegen.'
    expect(splitSentences(text)).toEqual([
      'Das gilt z. B. für Dr. med. Müller.',
      'Er wohnt in Haus Nr. 5 seit dem 24. Februar 2022.',
      'Am 3. März kam er zurück!',
      'Die Zahl war 24.',
      'Dann ging es weiter.',
      'Er sagte: „Das ist gut.“',
      'Dann ging er.',
      'Wir sahen ca. 5 Leute, u. a. Herrn Prof. Dr. Schmidt.',
      'Das war im 19. Jh. sehr verbreitet.',
      'Die Kosten betrugen 3,5 Mio. Euro.',
      'Siehe Art. 5 GG.',
      'Im Jahr 2022.',
      'Danach z.B. Tests.',
      'Vgl. S. 12 und (vgl. Abb. 3).',
      'Was nun?',
      'Es kam zum 2. Mal.',
      'J. R. R. Tolkien schrieb.',
      'Äpfel, Birnen usw.',
      'Die Preise stiegen.'
    ])
  })

  it('returns one sentence for text without an end, and none for white space', () => {
    expect(splitSentences('  ein Satz ohne Punkt ')).toEqual(['ein Satz ohne Punkt'])
    expect(splitSentences(' \n ')).toEqual([])
  })
})

describe('splitTaggedText', () => {
  it('cuts only between elements, so every piece is well-formed, and the pieces joined with a space are the text', () => {
    const text = 'Eins ist <b>fett. Noch fett.</b> Zwei <a id="1">verlinkt</a>. Drei <x id="2"/> hier. <i>Vier.</i> Fünf.'
    const pieces = splitTaggedText(text, 60)
    expect(pieces).toEqual(['Eins ist <b>fett. Noch fett.</b>', 'Zwei <a id="1">verlinkt</a>.', 'Drei <x id="2"/> hier.', '<i>Vier.</i> Fünf.'])
    expect(pieces.join(' ')).toBe(text)
    for (const piece of pieces) expect(encodedSize(piece)).toBeLessThanOrEqual(60)
  })

  it('cuts after a closing tag when the space before the next sentence is inside the element', () => {
    expect(splitTaggedText('Eins <b>fett. </b>Zwei hier.', 40)).toEqual(['Eins <b>fett. </b>', 'Zwei hier.'])
  })

  it('falls back to the spaces between words for a sentence longer than the limit', () => {
    const text = 'ein sehr langer Satz ohne jedes Ende und ohne Punkt'
    const pieces = splitTaggedText(text, 30)
    expect(pieces.join(' ')).toBe(text)
    expect(pieces.length).toBeGreaterThan(1)
    for (const piece of pieces) expect(encodedSize(piece)).toBeLessThanOrEqual(30)
  })
})

describe('tandem build: batching', () => {
  it('sends 120 short segments in exactly 3 requests, as the dry run said, and bills each once', async () => {
    const items = Array.from({length: 120}, (_, index) => `Punkt ${index + 1} der Liste`)
    const project = await createProject({files: {'content/de/liste.md': items.map((item) => `- ${item}\n`).join('')}})
    const counted = await dryRun(project)
    const billed = items.reduce((sum, item) => sum + billedCharacters(item, 'xml'), 0)
    expect(counted.total).toMatchObject({files: 1, segments: 120, memoryHits: 0, toTranslate: 120, requests: 3, billedCharacters: billed})

    const deepl = await server()
    const run = await project.cli(['build'], env(deepl))
    expect(run.stderr).toEqual([`1 file: 1 built, 0 unchanged, 0 failed; 120 segments translated (${billed} characters billed)`])
    expect(run.code).toBe(0)
    const requests = deepl.translateRequests()
    expect(requests.map((request) => request.params.texts.length).sort((a, b) => a - b)).toEqual([20, 50, 50])
    expect(requests.every((request) => request.status === 200)).toBe(true)
    expect(requests.flatMap((request) => request.params.texts).sort()).toEqual([...items].sort())
    expect(deepl.billedCharacters).toBe(counted.total.billedCharacters)
    // A batch of many texts has no single neighbourhood: no context.
    expect(requests.every((request) => request.params.context === undefined)).toBe(true)
    expect(await project.read('content/en/liste.md')).toContain('\n- Punkt 120 the Liste\n')
    expect((await project.memory()).length).toBe(120)
  })

  it('splits a 200 KiB paragraph at German sentence ends within the limits, and joins it back into one paragraph', async () => {
    const sentence = (index: number) =>
      `Satz ${index} gilt z. B. für Dr. med. Weber aus Haus Nr. 5 seit dem 24. Februar und ${index % 7 === 0 ? '**bleibt** ' : ''}dort.`
    const sentences: string[] = []
    while (sentences.join(' ').length < 200 * 1024) sentences.push(sentence(sentences.length + 1))
    const paragraph = sentences.join(' ')
    const german = `# Ein langer Absatz\n\n${paragraph}\n\nDer Krieg ist nicht vorbei.\n`
    expect(Buffer.byteLength(paragraph)).toBeGreaterThan(200 * 1024)
    const project = await createProject({files: {'content/de/lang.md': german}})
    const counted = await dryRun(project)

    const deepl = await server()
    const run = await project.cli(['build'], env(deepl))
    expect(run.code).toBe(0)
    // The paragraph is one segment however many pieces it went in.
    expect(run.stderr).toEqual([`1 file: 1 built, 0 unchanged, 0 failed; 3 segments translated (${deepl.billedCharacters} characters billed)`])
    const requests = deepl.translateRequests()
    // Every request within DeepL's limits (the server answers 413 otherwise), and the paragraph in more than one.
    expect(requests.every((request) => request.status === 200)).toBe(true)
    const texts = requests.flatMap((request) => request.params.texts)
    const pieces = texts.filter((text) => text.startsWith('Satz '))
    expect(pieces.length).toBeGreaterThanOrEqual(2)
    for (const request of requests) expect(request.params.texts.length).toBeLessThanOrEqual(deeplLimits.maxTexts)
    // Cut only at sentence ends: each piece is whole sentences, "z. B.", "Dr. med.", "Nr. 5", "24. Februar" intact.
    const whole = /^Satz \d+ gilt z\. B\. für Dr\. med\. Weber aus Haus Nr\. 5 seit dem 24\. Februar und (?:<b>bleibt<\/b> )?dort\.$/
    for (const piece of pieces) {
      for (const part of piece.split(/ (?=Satz \d+ gilt)/)) expect(part).toMatch(whole)
    }
    expect(pieces.join(' ')).toBe(paragraph.replace(/\*\*bleibt\*\*/g, '<b>bleibt</b>'))

    // One paragraph in English, the translation of the whole.
    const english = await project.read('content/en/lang.md')
    const bodyBlocks = english.replace(/^---\n[\s\S]*?\n---\n\n/, '').split('\n\n')
    expect(bodyBlocks).toEqual(['# A langer Absatz', translateWords(paragraph), 'The War is not vorbei.\n'])
    // The memory keeps the paragraph whole; the parts it was sent in are gone.
    const records = await project.memory()
    expect(records.map((record) => record.source).sort()).toEqual(
      ['Der Krieg ist nicht vorbei.', 'Ein langer Absatz', paragraph.replace(/\*\*bleibt\*\*/g, '<b>bleibt</b>')].sort()
    )
    expect(records.every((record) => record.part === undefined)).toBe(true)
    expect(records.reduce((sum, record) => sum + (record.billedCharacters ?? 0), 0)).toBe(deepl.billedCharacters)
    // The dry run counted the same requests and characters.
    expect(counted.total.requests).toBe(requests.length)
    expect(counted.total.billedCharacters).toBe(deepl.billedCharacters)

    // Nothing left to send.
    deepl.reset()
    const again = await project.cli(['build'], env(deepl))
    expect(again.stderr).toEqual(['1 file: 0 built, 1 unchanged, 0 failed'])
    expect(deepl.requests).toEqual([])
  })

  it('keeps the parts of a split paragraph that were paid for when the quota runs out, and sends only the others again', async () => {
    const sentences = Array.from({length: 5000}, (_, index) => `Satz ${index + 1} bleibt in der Region.`)
    const paragraph = sentences.join(' ')
    const project = await createProject({files: {'content/de/lang.md': `${paragraph}\n`}})
    const parts = splitTaggedText(paragraph, deeplLimits.maxBytes)
    expect(parts.length).toBeGreaterThanOrEqual(2)
    const first = parts[0] ?? ''

    // Parts go one per request; the quota covers exactly one of them, whichever comes first.
    const smallest = Math.min(...parts.map((part) => billedCharacters(part, 'xml')))
    const limited = await server({quotaCharacters: billedCharacters(first, 'xml') + smallest - 1})
    const stopped = await project.cli(['build', '--concurrency', '1'], env(limited))
    expect(stopped.code).toBe(3)
    // Paid for, but no segment whole yet: the summary says what was billed, and counts no segment.
    expect(stopped.stderr.slice(1, 3)).toEqual([
      `1 file: 0 built, 0 unchanged, 1 failed; ${limited.billedCharacters} characters billed for parts of long paragraphs, kept in the memory`,
      expect.stringMatching(/^DeepL's character quota is used up\. Still to translate: 1 segment, \d+ characters/)
    ])
    const paid = limited.translateRequests().filter((request) => request.status === 200)
    expect(paid.map((request) => request.params.texts)).toEqual([[first]])
    expect((await project.memory()).map((record) => [record.source, record.part?.index])).toEqual([[first, 0]])

    const fresh = await server()
    const resumed = await project.cli(['build'], env(fresh))
    expect(resumed.code).toBe(0)
    // The paragraph made whole counts once, with the characters this run paid for.
    expect(resumed.stderr).toEqual([`1 file: 1 built, 0 unchanged, 0 failed; 1 segment translated (${fresh.billedCharacters} characters billed)`])
    expect(fresh.translateRequests().flatMap((request) => request.params.texts).sort()).toEqual(parts.slice(1).sort())
    const records = await project.memory()
    expect(records.map((record) => record.source)).toEqual([paragraph])
    expect(records[0]?.billedCharacters).toBe(limited.billedCharacters + fresh.billedCharacters)
    expect(await project.read('content/en/lang.md')).toContain(`\n${translateWords(paragraph)}\n`)
  })
})

describe('tandem build: DeepL context', () => {
  it('sends the neighbouring paragraphs as context with a request that carries a single paragraph', async () => {
    const memory = [
      memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.'),
      memoryRecord('Die Truppen bleiben in der Region.', 'The troops stay in the region.'),
      memoryRecord('Die Soldaten kämpfen.', 'The soldiers fight.')
    ]
    const project = await createProject({
      files: {
        'content/de/eins.md': 'Der Krieg ist nicht vorbei.\n\nRussland liefert **Waffen**.\n\nDie Truppen bleiben in der Region.\n',
        'content/de/zwei.md': 'Die Soldaten kämpfen.\n\nNordkorea entsendet Soldaten.\n\nRussland liefert Munition.\n',
        'memory/de-en.jsonl': memoryFile(memory)
      }
    })
    const deepl = await server()
    const run = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(run.code).toBe(0)
    const sent = deepl.translateRequests().map((request) => [request.params.texts, request.params.context])
    expect(sent).toEqual([
      [['Russland liefert <b>Waffen</b>.'], 'Der Krieg ist nicht vorbei.\n\nDie Truppen bleiben in der Region.'],
      // Two paragraphs in one request: DeepL's context would be shared by both, so none is sent.
      [['Nordkorea entsendet Soldaten.', 'Russland liefert Munition.'], undefined]
    ])
    // Context is not billed.
    const texts = ['Russland liefert <b>Waffen</b>.', 'Nordkorea entsendet Soldaten.', 'Russland liefert Munition.']
    expect(deepl.billedCharacters).toBe(texts.reduce((sum, text) => sum + billedCharacters(text, 'xml'), 0))
  })
})

describe('tandem build --dry-run', () => {
  it('prints per file and in total what a build sends and costs, sends nothing, and the build then bills exactly that', async () => {
    const memory = [memoryRecord('Der Krieg ist nicht vorbei.', 'The war is not over.')]
    const project = await createProject({
      files: {
        'content/de/a.md': '---\ntitle: Die Truppen\n---\n\n# Die Truppen\n\nDer Krieg ist nicht vorbei.\n\nRussland liefert Waffen.\n',
        // A paragraph shared with a.md is sent once, and counted for a.md.
        'content/de/b.md': '# Nordkorea\n\nRussland liefert Waffen.\n\n- eins\n- zwei\n- eins\n',
        'content/de/c.md': '# Der Krieg\n\nDer Krieg ist nicht vorbei.\n',
        'glossary/names.tsv': 'de\ten\tkind\tnote\nNordkorea\tNorth Korea\tplace\t\n',
        'memory/de-en.jsonl': memoryFile(memory)
      }
    })
    const text = await project.cli(['build', '--dry-run', '--price', '25'])
    expect(text.code).toBe(0)
    expect(text.stderr).toEqual([])
    const tr = (texts: string[]) => texts.reduce((sum, item) => sum + billedCharacters(item, 'xml'), 0)
    const aChars = tr(['Die Truppen', 'Russland liefert Waffen.'])
    const bChars = tr(['North Korea', 'eins', 'zwei'])
    const cChars = tr(['Der Krieg'])
    expect(text.stdout).toEqual([
      'file             segments  memory hits  to translate  characters  requests  cost (EUR)',
      `content/de/a.md         4            1             2  ${String(aChars).padStart(10)}         1      ${(aChars * 25e-6).toFixed(4)}`,
      `content/de/b.md         5            0             3  ${String(bChars).padStart(10)}         0      ${(bChars * 25e-6).toFixed(4)}`,
      `content/de/c.md         2            1             1  ${String(cChars).padStart(10)}         1      ${(cChars * 25e-6).toFixed(4)}`,
      `total (3 files)        11            2             6  ${String(aChars + bChars + cChars).padStart(10)}         2      ${((aChars + bChars + cChars) * 25e-6).toFixed(4)}`,
      "cost at €25 per million billed characters (DeepL API Pro's usage price; set another with --price)"
    ])
    const counted = await dryRun(project)
    expect(counted.pricePerMillion).toBe(20)
    expect(counted.currency).toBe('EUR')
    expect(counted.total).toEqual({
      files: 3,
      segments: 11,
      memoryHits: 2,
      toTranslate: 6,
      billedCharacters: aChars + bChars + cChars,
      requests: 2,
      cost: ((aChars + bChars + cChars) * 20) / 1e6
    })

    const deepl = await server()
    const run = await project.cli(['build', '--concurrency', '1'], env(deepl))
    expect(run.code).toBe(0)
    expect(deepl.translateRequests()).toHaveLength(counted.total.requests)
    expect(deepl.billedCharacters).toBe(counted.total.billedCharacters)
    expect(billedBy(deepl)).toBe(counted.total.billedCharacters)
    // c.md's one edited paragraph goes alone (with its neighbours as context), before the packed request.
    expect(deepl.translateRequests().flatMap((request) => request.params.texts)).toEqual([
      'Der Krieg',
      'Die Truppen',
      'Russland liefert Waffen.',
      '<n>North Korea</n>',
      'eins',
      'zwei'
    ])

    // After the build, the dry run finds nothing to send.
    const after = await dryRun(project)
    expect(after.total).toMatchObject({toTranslate: 0, billedCharacters: 0, requests: 0, cost: 0})
  })

  it('refuses --json without --dry-run', async () => {
    const project = await createProject({files: {'content/de/a.md': '# Die Truppen\n'}})
    expect(await project.cli(['build', '--json'])).toEqual({code: 2, stdout: [], stderr: ['tandem: --json goes with --dry-run']})
  })
})
