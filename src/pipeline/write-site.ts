import {existsSync} from 'node:fs'
import {readdir, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {DEFAULTS} from '../core/defaults.ts'
import {sha256} from '../core/hash.ts'
import {readSmallFile} from '../core/read-small-file.ts'
import {packageVersion} from '../core/version.ts'
import {isTemporaryFile, writeFileAtomic} from '../core/write-file-atomic.ts'
import {createI18n, type UiLanguage} from '../i18n/index.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import type {IndexEntry} from '../output/reader/render-page.ts'
import {openProject, type Project} from './project.ts'
import {runProject} from './run-project.ts'

export interface ReaderSiteOptions {
  /** Project root (default: `process.cwd()`). */
  root?: string
  /** Interface language of the pages (default: `DEFAULTS.ui`). */
  ui?: UiLanguage
  /** Output folder, relative to the root or absolute (default: `DEFAULTS.siteDir`). */
  outDir?: string
  /** Target language of the memory records to show (default: `DEFAULTS.targetLang`). */
  targetLang?: string
}

export interface ReaderSite {
  /** Absolute path of the site's folder. */
  dir: string
  /** Absolute paths of every page of the site, the index first, then the articles in source order. */
  pages: string[]
  /** Absolute path of the Atom feed of the English edition, `feed.xml`. */
  feed: string
  /** The pages whose bytes changed (an unchanged page is not rewritten). */
  written: string[]
  /** The glossary and the German files, with their messages; a file with a fatal message has no page. */
  files: VFile[]
}

/** The reader's renderers (hast and its utilities) load when a first page is rendered: a rebuild that renders none never loads them. */
function loadRenderers() {
  return (renderers ??= Promise.all([import('../output/reader/article.ts'), import('../output/reader/render-page.ts'), import('../output/reader/feed.ts')]).then(
    ([article, page, feed]) => ({...article, ...page, ...feed})
  ))
}
let renderers:
  | Promise<typeof import('../output/reader/article.ts') & typeof import('../output/reader/render-page.ts') & typeof import('../output/reader/feed.ts')>
  | undefined

/** Beside each page, its index entry: `articles/<slug>.entry.json`. */
function entryOf(href: string): string {
  return href.replace(/\.html$/, '.entry.json')
}

/** Marks the pages this writes, so that only they are removed when their article is gone. */
const generatorMark = '<meta name="generator" content="tandem reader">'

/** Writes the reader one article at a time, as the project runner finishes them, then the index. */
export interface SiteWriter {
  addArticle(file: VFile, tree: Root): Promise<void>
  /**
   * An article a rebuild skipped: its page stays, and its index entry is read from beside the page. False when
   * either is missing (a fresh clone has no site): the article must then be built.
   */
  keepArticle(file: VFile): Promise<boolean>
  finish(files: readonly VFile[]): Promise<ReaderSite>
}

export async function createSiteWriter(
  project: Project,
  ui: UiLanguage,
  memory: TranslationMemory,
  outDir: string = project.settings.siteDir
): Promise<SiteWriter> {
  const dir = path.resolve(project.root, outDir)
  const t = createI18n(ui).t
  const entries = new Map<string, IndexEntry>()
  const written: string[] = []
  const hrefOf = (file: string) => `articles/${path.relative(project.sourceDir, file).replace(/\.md$/, '').split(path.sep).join('/')}.html`
  const write = async (href: string, html: string) => {
    const target = path.join(dir, ...href.split('/'))
    if (await writeFileAtomic(target, html)) written.push(target)
  }
  return {
    async addArticle(file, tree) {
      const {readerArticle, renderArticlePage, indexEntry} = await loadRenderers()
      const href = hrefOf(file.path)
      const slug = href.slice('articles/'.length, -'.html'.length)
      const article = readerArticle(file, tree, {slug, frontmatterFields: project.settings.frontmatterFields, record: (key) => memory.get(key)})
      const toRoot = '../'.repeat(href.split('/').length - 1)
      await write(href, renderArticlePage(article, {ui, t, matcher: project.matcher, toRoot}))
      const entry = indexEntry(article, href)
      entries.set(href, entry)
      // What the index and the feed need of it, for a rebuild that skips the article.
      await writeFileAtomic(path.join(dir, ...entryOf(href).split('/')), `${JSON.stringify(entry)}\n`)
    },
    async keepArticle(file) {
      const href = hrefOf(file.path)
      try {
        const entry = readSmallFile(path.join(dir, ...entryOf(href).split('/')))
        if (entry === undefined || !existsSync(path.join(dir, ...href.split('/')))) return false
        entries.set(href, JSON.parse(entry.toString('utf8')) as IndexEntry)
        return true
      } catch {
        return false
      }
    },
    async finish(files) {
      // In source order, whatever order the articles were finished in.
      const index = project.files.map(hrefOf).flatMap((href) => entries.get(href) ?? [])
      // The index and the feed are rendered only when what they show changed: the list of entries, the language, the site's address.
      const inputs = sha256(JSON.stringify([packageVersion(), ui, project.settings.sourceDir, project.settings.siteUrl ?? '', index]))
      const recorded = path.join(dir, 'index.entry.json')
      const current =
        readSmallFile(recorded)?.toString('utf8') === `${JSON.stringify({inputs})}\n` &&
        existsSync(path.join(dir, 'index.html')) &&
        existsSync(path.join(dir, 'feed.xml'))
      if (!current) {
        const {renderIndexPage, renderFeed} = await loadRenderers()
        await write('index.html', renderIndexPage(index, {ui, t, toRoot: '', sourceDir: project.settings.sourceDir}))
        // The feed is of the English edition: English whatever the interface language.
        await write('feed.xml', renderFeed(index, {
            title: createI18n('en').t('reader.siteTitle'),
            author: 'tandem',
            ...(project.settings.siteUrl ? {siteUrl: project.settings.siteUrl} : {})
          }))
        await writeFileAtomic(recorded, `${JSON.stringify({inputs})}\n`)
      }
      const pages = ['index.html', ...index.map((entry) => entry.href)].map((href) => path.join(dir, ...href.split('/')))
      // A page stays while its German source is there, even if this run could not render it (a stopped build).
      const keep = new Set(['index.html', ...project.files.map(hrefOf)].map((href) => path.join(dir, ...href.split('/'))))
      await removeStalePages(dir, keep)
      return {dir, pages, feed: path.join(dir, 'feed.xml'), written: pages.filter((page) => written.includes(page)), files: [project.glossary.file, ...files]}
    }
  }
}

/**
 * Write the bilingual reader: `<outDir>/index.html`, `<outDir>/articles/<slug>.html` and the Atom feed `<outDir>/feed.xml`, from
 * `content/de`, the translation memory and the name glossary. No provider is asked: a segment
 * the memory lacks shows as not translated. The same inputs give the same bytes.
 */
export async function writeReaderSite(options: ReaderSiteOptions = {}): Promise<ReaderSite> {
  const project = await openProject({root: options.root ?? process.cwd(), ...(options.targetLang ? {targetLang: options.targetLang} : {})})
  const dir = path.resolve(project.root, options.outDir ?? project.settings.siteDir)
  // Memory keys depend on the glossary's matches: on a broken glossary every lookup would miss.
  if (project.glossaryBroken) return {dir, pages: [], feed: path.join(dir, 'feed.xml'), written: [], files: [project.glossary.file]}
  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath), {root: project.root, readOnly: true})
  try {
    const site = await createSiteWriter(project, options.ui ?? DEFAULTS.ui, memory, options.outDir)
    const run = await runProject({
      project,
      memory,
      dryRun: true,
      onFile: async (file, tree) => {
        await site.addArticle(file, tree)
        // One article at a time, written and let go: a large site must not sit in memory whole.
        file.value = ''
        delete file.data.tandem
      }
    })
    return await site.finish(run.files)
  } finally {
    await memory.close()
  }
}

/** Pages this wrote before for articles that are gone; files it did not write are left alone. */
async function removeStalePages(dir: string, keep: ReadonlySet<string>): Promise<void> {
  let entries
  try {
    entries = await readdir(dir, {recursive: true, withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name)
    // Another build's page being written is not a stale page.
    if (!entry.isFile() || !entry.name.endsWith('.html') || isTemporaryFile(entry.name) || keep.has(file)) continue
    const text = await readFile(file, 'utf8')
    if (text.includes(generatorMark)) {
      await rm(file)
      await rm(file.replace(/\.html$/, '.entry.json'), {force: true})
    }
  }
}
