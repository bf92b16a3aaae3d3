import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {readNameGlossary, type NameGlossary} from '../glossary/names-file.ts'
import {NameMatcher} from '../glossary/matcher.ts'
import {parseConfigText, resolveConfig, type ConfigOrigin} from '../core/config.ts'
import {sha256} from '../core/hash.ts'
import {fileMessage, phrase} from '../core/phrase.ts'
import {definedOptions} from '../core/options.ts'
import {isTemporaryFile} from '../core/write-file-atomic.ts'
import {DEFAULTS, type Settings, type SettingsInput} from '../core/defaults.ts'

export interface ProjectOptions {
  /** Project root (default: `process.cwd()`). */
  root?: string
  /** German Markdown files (default: every `.md` below `content/de`). */
  files?: readonly string[]
  /** Settings over the project's config file (`tandem.config.json`, or the `tandem` key of package.json) over `DEFAULTS`. */
  settings?: SettingsInput
  sourceLang?: string
  targetLang?: string
  frontmatterFields?: readonly string[]
  concurrency?: number
  /** The command writes the names file, or works without one (`glossary add`, `import`, `suggest`, `candidates`): a missing one is then no error. */
  allowMissingGlossary?: boolean
}

/** The config files a project may have at its root, in the order they are looked for; the first found is used. */
export const configFiles = [
  {name: 'tandem.config.json'},
  {name: 'package.json', key: 'tandem'}
] as const

/** What every command needs to know about the project before it touches an article. */
export interface Project {
  root: string
  settings: Settings
  sourceDir: string
  /** Absolute paths of the German files to work on, sorted. */
  files: string[]
  glossary: NameGlossary
  matcher: NameMatcher
  /** sha256 of names.tsv (empty without one), recorded in the English front matter. */
  glossaryHash: string
  /** True when the glossary has errors: nothing may be built on it. */
  glossaryBroken: boolean
}

export async function openProject(options: ProjectOptions = {}): Promise<Project> {
  const root = path.resolve(options.root ?? process.cwd())
  const {sourceLang, targetLang, frontmatterFields, concurrency} = options
  // A value left undefined at the top must not hide the same setting given in `settings`.
  const flat = definedOptions({sourceLang, targetLang, frontmatterFields, concurrency})
  const settings = resolveConfig({...options.settings, ...flat}, {name: 'options'}, await readConfig(root))
  const sourceDir = path.join(root, settings.sourceDir)
  const files = options.files ? options.files.map((file) => path.resolve(root, file)) : await findMarkdown(sourceDir)
  const glossary = await readNameGlossary(path.join(root, settings.glossaryPath), root)
  if (glossary.missing && settings.glossary === 'required' && !options.allowMissingGlossary) {
    const reason = phrase(
      'messages.glossary-missing',
      'no such file: without it no name is protected; create it (`tandem glossary add` does), or set `"glossary": "optional"` in {{config}} for a project without one',
      {config: configFiles[0].name}
    )
    fileMessage(glossary.file, 'error', reason, {line: 1, column: 1})
  }
  const glossaryBroken = glossary.file.messages.some((message) => message.fatal)
  return {
    root,
    settings,
    sourceDir,
    files,
    glossary,
    matcher: new NameMatcher(glossaryBroken ? [] : glossary.entries),
    glossaryHash: glossary.bytes ? sha256(glossary.bytes) : '',
    glossaryBroken
  }
}

/** The project's settings: its config file over `DEFAULTS`; a broken file is a `ConfigError` at its line and column. */
export async function readConfig(root: string): Promise<Settings> {
  const found = await readConfigInput(root)
  return found ? resolveConfig(found.input, found.origin) : {...DEFAULTS}
}

/** What the project's config file says, unchecked, and where it says it; undefined without one. */
async function readConfigInput(root: string): Promise<{input: SettingsInput; origin: ConfigOrigin} | undefined> {
  for (const candidate of configFiles) {
    let text: string
    try {
      text = await readFile(path.join(root, candidate.name), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    const key = 'key' in candidate ? candidate.key : undefined
    const origin = {name: candidate.name, text, ...(key ? {key} : {})}
    const input = parseConfigText(origin)
    if (input !== undefined) return {input, origin}
  }
  return undefined
}

/**
 * The interface language the project's config file sets (`ui`), before the locale; undefined when it sets none.
 * A file that cannot be read or is broken sets none here: the command reports it when it reads its settings.
 */
export async function configuredUi(root: string): Promise<Settings['ui'] | undefined> {
  const found = await readConfigInput(root).catch(() => undefined)
  const ui = (found?.input as {ui?: unknown} | undefined)?.ui
  return ui === 'de' || ui === 'en' ? ui : undefined
}

/**
 * Outputs mirror a file's path inside content/de, so a file elsewhere could have them land on
 * the source itself: it gets a fatal message and is not built. Returns whether it is inside.
 */
export function checkInsideSourceDir(project: Project, file: VFile): boolean {
  const relative = path.relative(project.sourceDir, file.path)
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return true
  fileMessage(file, 'error', phrase('messages.outside-source-dir', 'not inside {{dir}}; move it there to build it', {dir: project.settings.sourceDir}), {line: 1, column: 1})
  return false
}

/** Every `.md` file below `dir` (or every file with another `ending`, such as the records' `.md.json`), sorted, so that builds are deterministic. */
export async function findMarkdown(dir: string, ending = '.md'): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, {recursive: true, withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    // A temporary file of tandem's (an import being written, or a leftover) is no article.
    // Links are listed too, so that one leading out of the project is refused with a message, not skipped unseen.
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(ending) && !isTemporaryFile(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

/**
 * The project `start` is in, the way git finds its repository: the nearest folder, `start` or above, with
 * `tandem.config.json` or `content/de`. Undefined outside a project.
 */
export async function findProjectRoot(start: string): Promise<string | undefined> {
  let dir = path.resolve(start)
  for (;;) {
    for (const marker of [configFiles[0].name, DEFAULTS.sourceDir]) {
      try {
        await stat(path.join(dir, marker))
        return dir
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error
      }
    }
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
