import {readdir} from 'node:fs/promises'
import path from 'node:path'
import type {VFile} from 'vfile'
import {readNameGlossary, type NameGlossary} from '../glossary/names-file.ts'
import {NameMatcher} from '../glossary/matcher.ts'
import {definedOptions} from '../core/options.ts'
import {sha256} from '../core/hash.ts'
import {isTemporaryFile} from '../core/write-file-atomic.ts'
import {DEFAULTS, type Settings} from '../core/defaults.ts'

export interface ProjectOptions {
  /** Project root (default: `process.cwd()`). */
  root?: string
  /** German Markdown files (default: every `.md` below `content/de`). */
  files?: readonly string[]
  sourceLang?: string
  targetLang?: string
  frontmatterFields?: readonly string[]
  concurrency?: number
}

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
  const settings = {...DEFAULTS, ...definedOptions(options)}
  const sourceDir = path.join(root, settings.sourceDir)
  const files = options.files ? options.files.map((file) => path.resolve(root, file)) : await findMarkdown(sourceDir)
  const glossary = await readNameGlossary(path.join(root, settings.glossaryPath), root)
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

/**
 * Outputs mirror a file's path inside content/de, so a file elsewhere could have them land on
 * the source itself: it gets a fatal message and is not built. Returns whether it is inside.
 */
export function checkInsideSourceDir(project: Project, file: VFile): boolean {
  const relative = path.relative(project.sourceDir, file.path)
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return true
  const message = file.message(`not inside ${project.settings.sourceDir}; move it there to build it`, {
    place: {line: 1, column: 1},
    ruleId: 'outside-source-dir',
    source: 'tandem'
  })
  message.fatal = true
  return false
}

/** Every `.md` file below `dir`, sorted, so that builds are deterministic. */
export async function findMarkdown(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, {recursive: true, withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    // A temporary file of tandem's (an import being written, or a leftover) is no article.
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !isTemporaryFile(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}
