/**
 * The reader in a real browser: Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`)
 * driven by playwright-core, against the site served from 127.0.0.1. Screenshots go to test/output/.
 *
 * Without Chromium the suite is skipped with a printed reason, except under CI (`CI` set), where
 * a missing browser is a failure: the browser test must not pass by not running.
 */
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm} from 'node:fs/promises'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {chromium, type BrowserContext, type Locator, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeReaderSite, type ReaderSite} from '../src/pipeline/write-site.ts'
import {removeProjects, repoRoot} from './project.ts'
import {createReaderProject, seedSlug, xssSlug} from './reader-project.ts'

const chromiumPath = '/usr/bin/chromium'
const hasChromium = existsSync(chromiumPath)
const inCi = Boolean(process.env.CI)
/** The flags this machine's browser tests are known to need: no sandbox as root, no calls home on a closed network. */
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const screenshots = path.join(repoRoot, 'test', 'output')

if (!hasChromium && !inCi) {
  console.log(`SKIPPED test/reader-browser.test.ts: ${chromiumPath} is absent (install it with \`apt-get install chromium\`); under CI this is a failure`)
}

/** The highlight colour of `--hl` in the light scheme. */
const highlight = 'rgb(255, 226, 122)'

describe.skipIf(!hasChromium && !inCi)('the reader in Chromium', () => {
  let site: ReaderSite
  let server: Server
  let origin: string
  let userDataDir: string
  let context: BrowserContext
  /** Every URL the browser asked for, to prove it asks no other host. */
  const requests: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI is set but ${chromiumPath} is missing: .ci/run must \`apt-get install -y chromium\` before \`npm test\``)
    const project = await createReaderProject()
    site = await writeReaderSite({root: project.root})
    server = await serve(site.dir)
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    await mkdir(screenshots, {recursive: true})
    // A fresh profile each run; Playwright passes it as --user-data-dir (it refuses the flag in `args`).
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-chromium-'))
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumFlags,
      viewport: {width: 1280, height: 900},
      colorScheme: 'light',
      reducedMotion: 'reduce'
    })
    context.on('request', (request) => requests.push(request.url()))
    context.on('weberror', (error) => pageErrors.push(String(error.error())))
  }, 90_000)

  afterAll(async () => {
    await context?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    if (userDataDir) await rm(userDataDir, {recursive: true, force: true})
    await removeProjects()
  })

  async function open(href: string, width = 1280): Promise<Page> {
    const page = await context.newPage()
    await page.setViewportSize({width, height: 900})
    await page.goto(`${origin}/${href}`)
    return page
  }

  const seedPage = `articles/${seedSlug}.html`
  /** Words of the paragraph the tests look at (text content includes the hidden tooltips, so away from names). */
  const anchorText = 'nordkoreanischen Truppen einen bedeutenden Beitrag'

  it('shows German and English side by side, each column with its lang', async () => {
    const page = await open(seedPage)
    const pair = page.locator('.pair', {has: page.locator('.col.de', {hasText: anchorText})})
    const german = await pair.locator('.col.de').boundingBox()
    const english = await pair.locator('.col.en').boundingBox()
    expect(german && english).toBeTruthy()
    if (!german || !english) return
    expect(english.x).toBeGreaterThan(german.x + german.width)
    expect(Math.abs(english.y - german.y)).toBeLessThan(2)
    expect(await pair.locator('.col.de').getAttribute('lang')).toBe('de')
    expect(await pair.locator('.col.en').getAttribute('lang')).toBe('en')
    expect(await page.locator('.columns').innerText()).toBe('GERMAN\nENGLISH')
    await page.screenshot({path: path.join(screenshots, 'reader-desktop.png')})
    await page.close()
  })

  it('lights up the English sentence when its German sentence is hovered or focused', async () => {
    const page = await open(seedPage)
    const pair = page.locator('.pair', {has: page.locator('.col.de', {hasText: anchorText})})
    const german = pair.locator('.col.de .s', {hasText: /^Diese Bestätigung kommt/})
    const bead = await german.getAttribute('data-b')
    const english = pair.locator(`.col.en .s[data-b="${bead}"]`)
    const other = pair.locator('.col.en .s').first()
    expect(await english.innerText()).toBe('The confirmation comes amid growing concern around the world about the military cooperation between North Korea and Russia.')
    const background = (locator: Locator) => styleOf(locator, 'backgroundColor')

    expect(await background(english)).toBe('rgba(0, 0, 0, 0)')
    // Playwright points at the middle of the sentence's first line.
    await german.hover()
    expect(await background(english)).toBe(highlight)
    expect(await background(german)).toBe(highlight)
    expect(await background(other)).toBe('rgba(0, 0, 0, 0)')
    await page.screenshot({path: path.join(screenshots, 'reader-hover.png')})

    await page.mouse.move(0, 0)
    expect(await background(english)).toBe('rgba(0, 0, 0, 0)')
    await german.focus()
    expect(await background(english)).toBe(highlight)
    await page.close()
  })

  it('shows the English form of a German name in a tooltip, on hover and on focus', async () => {
    const page = await open(seedPage)
    const name = page.locator('.col.de .name', {hasText: /^Gerassimow/}).first()
    const tip = name.locator('.tip')
    expect(await tip.isVisible()).toBe(false)
    await name.hover()
    expect(await tip.isVisible()).toBe(true)
    expect(await tip.locator('.en-form').innerText()).toBe('Gerasimov')
    expect(await tip.innerText()).toContain('surname of Valery Gerasimov')
    expect(await name.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'))
    await page.screenshot({path: path.join(screenshots, 'reader-tooltip.png')})
    await page.mouse.move(0, 0)
    expect(await tip.isVisible()).toBe(false)
    await name.focus()
    expect(await tip.isVisible()).toBe(true)
    await page.close()
  })

  it('stacks the pairs at 375 px, without sideways scrolling', async () => {
    const page = await open(seedPage, 375)
    const pair = page.locator('.pair', {has: page.locator('.col.de', {hasText: anchorText})})
    const german = await pair.locator('.col.de').boundingBox()
    const english = await pair.locator('.col.en').boundingBox()
    if (!german || !english) throw new Error('the columns are not laid out')
    expect(english.y).toBeGreaterThanOrEqual(german.y + german.height)
    expect(Math.abs(english.x - german.x)).toBeLessThan(2)
    expect(german.width).toBeGreaterThan(300)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375)
    expect(await page.locator('.columns').isVisible()).toBe(false)
    await page.screenshot({path: path.join(screenshots, 'reader-375.png'), fullPage: false})
    await page.close()
  })

  it('shows one language only when asked, and remembers it', async () => {
    const page = await open(seedPage)
    await page.getByText('German only', {exact: true}).click()
    expect(await page.locator('.col.en').first().isVisible()).toBe(false)
    expect(await page.locator('.col.de').first().isVisible()).toBe(true)
    await page.reload()
    expect(await page.locator('#show-de').isChecked()).toBe(true)
    expect(await page.locator('.col.en').first().isVisible()).toBe(false)
    await page.getByText('English only', {exact: true}).click()
    expect(await page.locator('.col.de').first().isVisible()).toBe(false)
    expect(await page.locator('.col.en').first().isVisible()).toBe(true)
    await page.getByText('Both languages', {exact: true}).click()
    expect(await page.locator('.col.de').first().isVisible()).toBe(true)
    await page.close()
  })

  it('moves between paragraphs with j and k, with a visible focus', async () => {
    const page = await open(seedPage)
    const focused = () => page.locator('.pair:focus').getAttribute('id')
    await page.keyboard.press('j')
    expect(await focused()).toBe('p1')
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    expect(await focused()).toBe('p3')
    await page.keyboard.press('k')
    expect(await focused()).toBe('p2')
    const outline = await styleOf(page.locator('.pair:focus'), 'outlineStyle')
    expect(outline).toBe('solid')
    await page.close()
  })

  it('puts a name’s tooltip where it covers neither the lit sentence nor its translation, at 1280 and 375 px', async () => {
    for (const width of [1280, 375]) {
      const page = await open(seedPage, width)
      const names = page.locator('article .col.de .name')
      const count = await names.count()
      expect(count).toBeGreaterThan(20)
      // Focus places it as hover does: every name by focus, in the page; a sample by a real mouse.
      const byFocus = await page.evaluate(`Array.from(document.querySelectorAll('article .col.de .name')).map((name) => { name.focus(); return (${tipOverlaps.toString()})(name) })`)
      expect(byFocus).toEqual(Array.from({length: count}, () => ({visible: true, covered: []})))
      for (const index of [0, 3, 8, Math.floor(count / 2), count - 1]) {
        const name = names.nth(index)
        await name.hover()
        expect(await name.evaluate(tipOverlaps), `${width} px, hover on name ${index}`).toEqual({visible: true, covered: []})
        if (width === 375 && index === 8) await page.screenshot({path: path.join(screenshots, 'reader-tooltip-375.png')})
      }
      await page.close()
    }
  })

  it('shows the pointing hint only with both languages, the names hint only with German', async () => {
    const page = await open(seedPage)
    const hints = async () => [await page.locator('.hint-sentences').isVisible(), await page.locator('.hint-names').isVisible(), await page.locator('.hint-keys').isVisible()]
    expect(await hints()).toEqual([true, true, true])
    await page.getByText('German only', {exact: true}).click()
    expect(await hints()).toEqual([false, true, true])
    await page.getByText('English only', {exact: true}).click()
    expect(await hints()).toEqual([false, false, true])
    await page.getByText('Both languages', {exact: true}).click()
    await page.close()
  })

  it('has one tab stop for the article body, and the arrow keys move inside it', async () => {
    const page = await open(seedPage)
    /** Tab from the top of the page until focus comes round again: every stop once. */
    const stops = async (): Promise<string[]> => {
      await page.reload()
      const seen: string[] = []
      for (let step = 0; step < 30; step++) {
        await page.keyboard.press('Tab')
        const stop = await page.evaluate(describeFocus)
        if (seen.includes(stop)) break
        seen.push(stop)
      }
      return seen.filter((stop) => stop !== 'body')
    }
    expect(await stops()).toEqual(['a.skip', 'nav a', 'input#show-both', 'h1 .de .s[data-b=1]'])

    // Inside: → walks sentences and names in order, ↓ the paragraphs; the tab stop follows.
    await page.locator('h1 .col.de .s').focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate(describeFocus)).toBe('h1 .de .name')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate(describeFocus)).toBe('h1 .en .s[data-b=1]')
    await page.keyboard.press('ArrowLeft')
    expect(await page.evaluate(describeFocus)).toBe('h1 .de .name')
    await page.keyboard.press('ArrowDown')
    expect(await page.locator('.pair:focus').getAttribute('id')).toBe('p2')
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate(describeFocus)).toBe('.pair .de .s[data-b=1]')
    expect(await page.locator('article [tabindex="0"]').count()).toBe(1)
    await page.keyboard.press('End')
    const last = await page.evaluate(describeFocus)
    // Leaving and coming back lands where the reader was.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(describeFocus)).toBe(last)

    // With English only, the one stop is an English sentence (the choice is remembered over the reload).
    await page.getByText('English only', {exact: true}).click()
    expect(await stops()).toEqual(['a.skip', 'nav a', 'input#show-en', 'h1 .en .s[data-b=1]'])
    await page.getByText('Both languages', {exact: true}).click()
    await page.close()
  })

  it('says where a paragraph’s English came from, on hover and on focus', async () => {
    const page = await open(seedPage)
    const marker = page.locator('.pair', {has: page.locator('.col.de', {hasText: anchorText})}).locator('.origin')
    const tip = marker.locator('.tip')
    expect(await tip.isVisible()).toBe(false)
    await marker.hover()
    expect(await tip.innerText()).toBe('HUMAN TRANSLATION · 2026-11-28')
    await page.mouse.move(0, 0)
    expect(await tip.isVisible()).toBe(false)
    await marker.focus()
    expect(await tip.isVisible()).toBe(true)
    await page.close()
  })

  it('orders the index and shows each article’s mix of origins', async () => {
    const page = await open('index.html')
    expect(await page.locator('.articles .de').allInnerTexts()).toEqual([
      '<script>window.__xss=1</script>Titel "><img src=x onerror=window.__xss=1>',
      'Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!'
    ])
    const bar = page.locator('.mix').nth(1)
    expect(await page.locator('.mix-label').nth(1).innerText()).toBe('13 segments by a human')
    const human = await bar.locator('.mix-human').boundingBox()
    const whole = await bar.boundingBox()
    expect(human && whole && Math.round(human.width)).toBe(whole && Math.round(whole.width))
    await page.screenshot({path: path.join(screenshots, 'reader-index.png')})
    await page.close()
  })

  it('keeps the XSS article inert: no script runs, no javascript: link is left', async () => {
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    // Before any of the page's own code: count what the content security policy had to stop.
    // None means the escaping alone kept the vectors inert; the policy is only a second line.
    await page.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI))')
    await page.goto(`${origin}/articles/${xssSlug}.html`)
    // Give every mouse and focus vector its chance.
    for (const sentence of await page.locator('.s').all()) await sentence.hover()
    for (let step = 0; step < 40; step++) await page.keyboard.press('Tab')
    for (const refused of await page.locator('.unsafe-link').all()) await refused.click()

    expect(await page.evaluate('window.__xss')).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(await page.evaluate('window.__violations')).toEqual([])
    expect(await page.locator('script').count()).toBe(1)
    expect(await page.locator('iframe, object, embed, svg, base, form, details').count()).toBe(0)
    const hrefs: string[] = []
    for (const link of await page.locator('[href]').all()) hrefs.push((await link.getAttribute('href')) ?? '')
    expect(hrefs.filter((href) => /^\s*(?:javascript|vbscript|data):/i.test(href.replace(/[\t\n\r]/g, '')))).toEqual([])
    expect(await page.locator('h1 .col.de').innerText()).toBe('<script>window.__xss=1</script>Titel "><img src=x onerror=window.__xss=1>')
    await page.screenshot({path: path.join(screenshots, 'reader-xss.png'), fullPage: true})
    await page.close()
  })

  it('asked no host but the local server, and the pages threw no error', () => {
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([])
    expect(pageErrors).toEqual([])
  })
})

/**
 * In the page: whether the tooltip of `name` shows, and which lit sentences (the one the name is in,
 * its translation) or the name itself it overlaps. Runs in the browser, so it is plain JavaScript.
 */
function tipOverlaps(name: unknown): {visible: boolean; covered: string[]} {
  type Box = {left: number; right: number; top: number; bottom: number}
  type Node = {querySelector(selector: string): Node | null; closest(selector: string): Node | null; querySelectorAll(selector: string): Node[]; getClientRects(): Box[]; getBoundingClientRect(): Box; getAttribute(name: string): string | null; textContent: string | null}
  const element = name as Node
  const tip = element.querySelector('.tip') as Node
  const box = tip.getBoundingClientRect()
  const sentence = element.closest('.s') as Node
  const pair = element.closest('.pair') as Node
  const lit = Array.from(pair.querySelectorAll(`.s[data-b="${sentence.getAttribute('data-b')}"]`))
  const covered: string[] = []
  for (const target of [element, ...lit]) {
    for (const line of Array.from(target.getClientRects())) {
      const apart = line.right <= box.left || line.left >= box.right || line.bottom <= box.top || line.top >= box.bottom
      if (!apart) covered.push((target.textContent ?? '').slice(0, 40))
    }
  }
  return {visible: tip.getClientRects().length > 0 && box.bottom > box.top, covered}
}

/** In the page: a short CSS-like description of the focused element, to compare tab orders. */
function describeFocus(): string {
  type Node = {tagName: string; id: string; className: string; parentElement: Node | null; getAttribute(name: string): string | null; closest(selector: string): Node | null; matches(selector: string): boolean}
  const active = (globalThis as unknown as {document: {activeElement: Node | null}}).document.activeElement
  if (!active || active.tagName === 'BODY') return 'body'
  const tag = active.tagName.toLowerCase()
  if (active.matches('a.skip')) return 'a.skip'
  if (active.matches('nav a')) return 'nav a'
  if (tag === 'input') return `input#${active.id}`
  const column = active.closest('.col')
  const side = column ? (column.matches('.de') ? '.de' : '.en') : ''
  const where = active.closest('h1') ? 'h1' : '.pair'
  if (active.matches('.s')) return `${where} ${side} .s[data-b=${active.getAttribute('data-b')}]`
  if (active.matches('.name')) return `${where} ${side} .name`
  if (active.matches('.origin')) return `${where} ${side} .origin`
  if (active.matches('.pair')) return `.pair#${active.id}`
  return `${tag}.${active.className}`
}

/** A computed style property of the element, read in the page (this project's TypeScript has no DOM library). */
function styleOf(locator: Locator, property: 'backgroundColor' | 'outlineStyle'): Promise<string> {
  return locator.evaluate((element, name) => {
    const view = globalThis as unknown as {getComputedStyle(target: unknown): Record<string, string | undefined>}
    return view.getComputedStyle(element)[name] ?? ''
  }, property)
}

/** A static file server for `dir` on 127.0.0.1 and a free port. */
async function serve(dir: string): Promise<Server> {
  const types: Record<string, string> = {'.html': 'text/html; charset=utf-8', '.png': 'image/png'}
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    const file = path.join(dir, path.normalize(pathname === '/' ? '/index.html' : pathname))
    if (!file.startsWith(dir + path.sep)) {
      response.writeHead(403).end()
      return
    }
    try {
      const body = await readFile(file)
      response.writeHead(200, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'}).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}
