/**
 * The README against the code (../shared/style.md: the deepl-node README/code drift). Every option of every
 * command, as `tandem … --help` lists it, must be in the README's "Commands" table on that command's row,
 * and every default there must be the one the help shows and, where DEFAULTS has it, DEFAULTS' value.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {main} from '../src/cli/main.ts'
import {DEFAULTS} from '../src/core/defaults.ts'

const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8')

/** Options whose default is a field of DEFAULTS: `command path → flag → value`. */
const fromDefaults: Record<string, Record<string, string | number>> = {
  build: {
    '--target-lang': DEFAULTS.targetLang,
    '--formality': DEFAULTS.formality,
    '--concurrency': DEFAULTS.concurrency,
    '--retry-delay': DEFAULTS.retry.initialDelayMs,
    '--price': DEFAULTS.price.perMillion,
    '--provider': DEFAULTS.provider,
    '--model': DEFAULTS.openai.model,
    '--temperature': DEFAULTS.openai.temperature
  },
  status: {'--target-lang': DEFAULTS.targetLang, '--price': DEFAULTS.price.perMillion},
  check: {'--target-lang': DEFAULTS.targetLang},
  'memory import': {'--target-lang': DEFAULTS.targetLang},
  'memory align': {'--target-lang': DEFAULTS.targetLang, '--min-confidence': DEFAULTS.align.minConfidence, '--origin': 'import'},
  'memory rekey': {'--target-lang': DEFAULTS.targetLang},
  'memory export': {'--target-lang': DEFAULTS.targetLang, '--format': 'tmx'},
  'glossary add': {'--kind': 'person'},
  'glossary candidates': {'--min': 1},
  'glossary check': {'--target-lang': DEFAULTS.targetLang},
  'glossary export': {'--format': 'tbx'},
  'xliff export': {'--target-lang': DEFAULTS.targetLang, '--xliff-version': '1.2'},
  'xliff import': {'--target-lang': DEFAULTS.targetLang}
}

/** Defaults that the help describes in words rather than as a value; the README says them in its own words. */
const describedDefaults = new Set(['build --timeout', 'build --server-url', 'build --author', 'harvest --author', 'clean --author', 'glossary sync --server-url', 'import --slug', 'memory import --origin', 'memory import --date', 'memory align --date'])

interface HelpOption {
  flags: string[]
  /** The default as the help shows it, without quotes. */
  default?: string
}

interface Help {
  options: HelpOption[]
  commands: string[]
}

async function help(command: readonly string[]): Promise<Help> {
  const out: string[] = []
  const code = await main([...command, '--help'], {cwd: import.meta.dirname, env: {}, stdout: (text) => out.push(text), stderr: () => {}})
  expect(code).toBe(0)
  const sections = new Map<string, string[]>()
  let section = ''
  for (const line of out.join('\n').split('\n')) {
    if (/^\S.*:$/.test(line)) section = line
    else if (/^ {2}\S/.test(line)) sections.set(section, [...(sections.get(section) ?? []), line.trim()])
    // A wrapped description: glue it to its entry.
    else if (/^ {3,}\S/.test(line)) {
      const entries = sections.get(section) ?? []
      entries[entries.length - 1] += ' ' + line.trim()
    }
  }
  const options = (sections.get('Options:') ?? []).map((entry) => {
    const flags = entry.split(/ {2,}/)[0]!.split(/,\s*/).map((flag) => flag.split(' ')[0]!)
    const value = /default: "?([^",)]+)"?\)/.exec(entry)?.[1]
    return value === undefined ? {flags} : {flags, default: value}
  })
  const commands = (sections.get('Commands:') ?? []).map((entry) => entry.split(' ')[0]!).filter((name) => name !== 'help')
  return {options, commands}
}

/** Every command path of the CLI, with its help. */
async function commandTree(prefix: readonly string[] = []): Promise<Array<{path: string[]; help: Help}>> {
  const own = await help(prefix)
  const below = await Promise.all(own.commands.map((name) => commandTree([...prefix, name])))
  return [{path: [...prefix], help: own}, ...below.flat()]
}

/**
 * The Commands table's text by command path. A row's first cell names its commands: `tandem memory import <de.md> …`,
 * or several at once, `tandem glossary list\|add`; the words up to the first `<`, `[`, `-` or capital word are the path.
 */
function commandRows(): Map<string, string> {
  const table = readme.slice(readme.indexOf('\n## Commands\n'), readme.indexOf('\n## ', readme.indexOf('\n## Commands\n') + 1))
  const rows = new Map<string, string>()
  for (const line of table.split('\n')) {
    const cell = /^\| `tandem([^`]*)`/.exec(line)?.[1]
    if (cell === undefined) continue
    const words: string[] = []
    for (const word of cell.trim().split(/\s+/)) {
      if (word === '' || /^[<[\-]/.test(word) || /^[A-Z]/.test(word)) break
      words.push(word)
    }
    const last = words.pop()
    for (const name of last === undefined ? [''] : last.split('\\|')) {
      const key = [...words, name].join(' ')
      rows.set(key, `${rows.get(key) ?? ''}${line}\n`)
    }
  }
  return rows
}

/** Every leaf of a nested settings object by its dotted path (`deepl.timeoutMs`). */
function leaves(object: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>()
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [inner, leaf] of leaves(value as Record<string, unknown>, `${prefix}${key}.`)) result.set(inner, leaf)
    } else result.set(prefix + key, value)
  }
  return result
}

/** A default as the README writes it: strings in backticks, numbers bare, lists as backticked items. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => `\`${String(item)}\``).join(', ')
  // An empty string is a setting that is off: the table says `none`.
  if (value === '') return 'none'
  return typeof value === 'string' ? `\`${value}\`` : String(value)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('README', () => {
  it('shows the two commands a new user runs', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
    expect(readme).toContain(DEFAULTS.memoryPath)
  })

  it('has a row in the Commands table for every command, and every option of it on that row', async () => {
    const rows = commandRows()
    const missing: string[] = []
    for (const {path: command, help: commandHelp} of await commandTree()) {
      const name = command.join(' ')
      // A group such as `tandem memory` has no options of its own; its commands have rows.
      if (commandHelp.commands.length > 0 && name !== '') continue
      const row = rows.get(name)
      if (row === undefined) {
        missing.push(`no row for \`tandem ${name}\``)
        continue
      }
      for (const option of commandHelp.options) {
        if (option.flags.includes('--help')) continue
        if (!option.flags.some((flag) => new RegExp('`[^`|]*' + escapeRegExp(flag) + '(?![\\w-])').test(row))) {
          missing.push(`\`tandem ${name}\`: ${option.flags.join(', ')} is not on its row`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('states every default as the help shows it, and the defaults that DEFAULTS holds as DEFAULTS holds them', async () => {
    const rows = commandRows()
    const wrong: string[] = []
    for (const {path: command, help: commandHelp} of await commandTree()) {
      const name = command.join(' ')
      const expected = fromDefaults[name] ?? {}
      for (const option of commandHelp.options) {
        const flag = option.flags.at(-1)!
        if (option.default === undefined || describedDefaults.has(`${name} ${flag}`)) continue
        const value = expected[flag]
        if (value === undefined) {
          wrong.push(`\`tandem ${name} ${flag}\` (default ${option.default}) is in neither table of this test`)
          continue
        }
        if (option.default !== String(value)) wrong.push(`\`tandem ${name} ${flag}\`: the help says ${option.default}, the code's default is ${value}`)
        const stated = new RegExp('`(?:[^`|]* )?' + escapeRegExp(flag) + '(?: [^`]*)?` \\(default `?' + escapeRegExp(String(value)) + '`?[ ,)]')
        if (!stated.test(rows.get(name) ?? '')) wrong.push(`\`tandem ${name}\`: the README does not say \`${flag}\` (default ${value})`)
      }
      for (const flag of Object.keys(expected)) {
        if (!commandHelp.options.some((option) => option.flags.includes(flag) && option.default !== undefined)) {
          wrong.push(`\`tandem ${name} ${flag}\` shows no default in the help`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('has a row in the Settings table for every field of DEFAULTS, with its value', () => {
    const section = readme.slice(readme.indexOf('\n## Settings\n'), readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 1))
    const rows = new Map<string, {value: string; option: string}>()
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((cell) => cell.trim())
      const field = /^`([\w.]+)`$/.exec(cells[1] ?? '')?.[1]
      if (field) rows.set(field, {value: cells[2] ?? '', option: cells[3] ?? ''})
    }
    const fields = leaves(DEFAULTS as unknown as Record<string, unknown>)
    expect([...rows.keys()].sort()).toEqual([...fields.keys()].sort())
    for (const [field, value] of fields) {
      expect({field, value: rows.get(field)?.value}).toEqual({field, value: shown(value)})
      // An option named there sets this field, and its default is this value.
      const option = rows.get(field)?.option
      if (option) {
        const flag = /^`(--[\w-]+)`$/.exec(option)?.[1]
        expect(flag, `${field}: ${option}`).toBeDefined()
        const commands = Object.entries(fromDefaults).filter(([, flags]) => flag !== undefined && flag in flags)
        expect(commands.length, `${field}: no command has ${option}`).toBeGreaterThan(0)
        for (const [, flags] of commands) expect(flags[flag!]).toBe(value)
      }
    }
  })

  it('reads the help and the table as it should (the checks can fail)', async () => {
    const build = (await help(['build'])).options
    expect(build.find((option) => option.flags.includes('--concurrency'))).toEqual({flags: ['--concurrency'], default: String(DEFAULTS.concurrency)})
    expect(commandRows().get('glossary lint')).toContain('`tandem glossary')
    expect(commandRows().has('')).toBe(true)
  })

  it('states the LLM defaults where the README explains them', () => {
    const build = readme.split('\n').find((line) => line.startsWith('| `tandem build'))
    expect(build).toBeDefined()
    expect(build).toContain(`\`--concurrency\` (default ${DEFAULTS.concurrency})`)
    expect(build).toContain(`\`--provider\` (default \`${DEFAULTS.provider}\`)`)
    expect(build).toContain(`\`--model\` (default \`${DEFAULTS.openai.model}\`)`)
    expect(build).toContain(`\`--temperature\` (default ${DEFAULTS.openai.temperature})`)
    expect(readme).toContain(`\`openai.maxTexts\` texts (default ${DEFAULTS.openai.maxTexts})`)
    expect(readme).toContain(`\`openai.maxTokens\` tokens (default ${DEFAULTS.openai.maxTokens})`)
    expect(readme).toContain(`\`openai.timeoutMs\`, default ${DEFAULTS.openai.timeoutMs} ms`)
    expect(readme).toContain(`\`OPENAI_BASE_URL\` (or \`--base-url\`, or \`openai.baseUrl\` in the config) defaults to \`${DEFAULTS.openai.baseUrl}\``)
    expect(readme).toContain(`(\`openai.model\`, default \`${DEFAULTS.openai.model}\`)`)
    expect(DEFAULTS.openai.inputPricePerMillion).toBe(0)
    expect(readme).toContain('`openai.outputPricePerMillion` (default 0, right for a local server)')
    expect(readme).toContain(DEFAULTS.memoryPath)
    const align = readme.split('\n').find((line) => line.startsWith('| `tandem memory align'))
    expect(align).toContain(`\`--min-confidence\` (default ${DEFAULTS.align.minConfidence})`)
  })
})
