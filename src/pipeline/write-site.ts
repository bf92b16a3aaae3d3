import {readdir, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {createI18n, type UiLanguage} from '../i18n/index.ts'
import {TranslationMemory} from '../memory/translation-memory.ts'
import {createSegmenter} from './processor.ts'
import {openProject} from './project.ts'
import {createFileSegmenter} from './segment-files.ts'
import restoreTargets from '../output/restore-targets.ts'
import {writeFileAtomic} from '../core/write-file-atomic.ts'
import {readerArticle} from '../output/reader/article.ts'
import {indexEntry, renderArticlePage, renderIndexPage, type IndexEntry} from '../output/reader/render-page.ts'
import {renderFeed} from '../output/reader/feed.ts'

export interface ReaderSiteOptions {
  /** Project root (default: `process.cwd()`). */
  root?: string
  /** Interface language of the pages (default: `en`). */
  ui?: UiLanguage
  /** Output folder, relative to the root or absolute (default: `site`). */
  outDir?: string
  /** Target language of the memory records to show (default: the build's, `en-US`). */
  targetLang?: string
}

export const readerDefaults = {ui: 'en', outDir: 'site'} as const satisfies Required<Omit<ReaderSiteOptions, 'root' | 'targetLang'>>

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

/** Marks the pages this writes, so that only they are removed when their article is gone. */
const generatorMark = '<meta name="generator" content="tandem reader">'

/**
 * Write the bilingual reader: `<outDir>/index.html`, `<outDir>/articles/<slug>.html` and the Atom feed `<outDir>/feed.xml`, from
 * `content/de`, the translation memory and the name glossary. No provider is asked: a segment
 * the memory lacks shows as not translated. The same inputs give the same bytes.
 */
export async function writeReaderSite(options: ReaderSiteOptions = {}): Promise<ReaderSite> {
  const ui = options.ui ?? readerDefaults.ui
  const project = await openProject({root: options.root ?? process.cwd(), ...(options.targetLang ? {targetLang: options.targetLang} : {})})
  const dir = path.resolve(project.root, options.outDir ?? readerDefaults.outDir)
  // Memory keys depend on the glossary's matches: on a broken glossary every lookup would miss.
  if (project.glossaryBroken) return {dir, pages: [], feed: path.join(dir, 'feed.xml'), written: [], files: [project.glossary.file]}

  const memory = await TranslationMemory.open(path.join(project.root, project.settings.memoryPath))
  const segment = createFileSegmenter(project, memory)
  const english = createI18n('en').t
  const interfaceStrings = createI18n(ui).t
  const parser = createSegmenter({
    sourceLang: project.settings.sourceLang,
    targetLang: project.settings.targetLang,
    frontmatterFields: project.settings.frontmatterFields
  })

  // One article at a time, written and let go: a large site must not sit in memory whole.
  const files: VFile[] = []
  const entries: IndexEntry[] = []
  const hrefs: string[] = ['index.html']
  const written: string[] = []
  const write = async (href: string, html: string) => {
    const target = path.join(dir, ...href.split('/'))
    if (await writeFileAtomic(target, html)) written.push(target)
  }
  for (const filePath of project.files) {
    const file = await segment(filePath)
    files.push(file)
    if (file.messages.some((message) => message.fatal) || !file.data.tandem) continue
    restoreTargets({t: english})(undefined, file)
    const slug = path.relative(project.sourceDir, file.path).replace(/\.md$/, '').split(path.sep).join('/')
    const href = `articles/${slug}.html`
    const article = readerArticle(file, parser.parse(file), {slug, frontmatterFields: project.settings.frontmatterFields, record: (key) => memory.get(key)})
    const toRoot = '../'.repeat(href.split('/').length - 1)
    await write(href, renderArticlePage(article, {ui, t: interfaceStrings, matcher: project.matcher, toRoot}))
    hrefs.push(href)
    entries.push(indexEntry(article, href))
    file.value = ''
    delete file.data.tandem
  }
  await write('index.html', renderIndexPage(entries, {ui, t: interfaceStrings, toRoot: '', sourceDir: project.settings.sourceDir}))
  // The feed is of the English edition: English whatever the interface language.
  await write('feed.xml', renderFeed(entries, {title: english('reader.siteTitle'), author: 'tandem'}))
  const all = hrefs.map((href) => [href] as const)
  await removeStalePages(dir, new Set(all.map(([href]) => path.join(dir, ...href.split('/')))))
  const pages = all.map(([href]) => path.join(dir, ...href.split('/')))
  // In page order, index first, whatever order they were written in.
  return {dir, pages, feed: path.join(dir, 'feed.xml'), written: pages.filter((page) => written.includes(page)), files: [project.glossary.file, ...files]}
}

/** Pages this wrote before for articles that are gone; files it did not write are left alone. */
async function removeStalePages(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name)
    if (!entry.isFile() || !entry.name.endsWith('.html') || keep.has(file)) continue
    const text = await readFile(file, 'utf8')
    if (text.includes(generatorMark)) await rm(file)
  }
}
