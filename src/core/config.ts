import {isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import {DEFAULTS, type Settings, type SettingsInput} from './defaults.ts'
import {ConfigError} from './errors.ts'
import {phrase, type Phrase} from './phrase.ts'
import {deeplFormalities, formalityProblem, targetLanguageProblem} from './languages.ts'

/** Where a setting came from, for messages: a config file (with its text, for line:column) or the command line. */
export interface ConfigOrigin {
  /** Relative path of the file, or `options` for values passed by code or the CLI. */
  name: string
  /** The file's text: positions are read from it. */
  text?: string
  /** The settings sit under this key of the file (`tandem` in package.json). */
  key?: string
}

/** Options that take a whole number, and their least value. */
const integers: Readonly<Record<string, number>> = {
  concurrency: 1,
  'deepl.maxTexts': 1,
  'deepl.maxBytes': 1024,
  'deepl.timeoutMs': 1,
  'retry.rateLimitRetries': 0,
  'retry.transientRetries': 0,
  'retry.initialDelayMs': 0,
  'retry.maxDelayMs': 0,
  'import.maxHeadingLength': 1,
  'import.maxHeadingWords': 1,
  'import.maxSlugLength': 1,
  'openai.timeoutMs': 1,
  'openai.maxTexts': 1,
  'openai.maxTokens': 100
}

/** Options that take any number from a least value on, 0 included (a price, a temperature). */
const fromZero: ReadonlySet<string> = new Set(['openai.temperature', 'openai.inputPricePerMillion', 'openai.outputPricePerMillion'])

const choices: Readonly<Record<string, readonly string[]>> = {ui: ['en', 'de'], formality: deeplFormalities, provider: ['deepl', 'openai'], glossary: ['required', 'optional']}

/** Strings checked by a function that says what is wrong. */
const checks: Readonly<Record<string, (value: string) => Phrase | undefined>> = {targetLang: targetLanguageProblem, siteUrl: siteUrlProblem}

/** Strings that may be empty, meaning "none". */
const mayBeEmpty: ReadonlySet<string> = new Set(['siteUrl'])

/** The site's address must be absolute: the feed's links are resolved against it. */
function siteUrlProblem(value: string): Phrase | undefined {
  if (value === '') return undefined
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return phrase('reasons.config.siteUrl', 'expected the absolute http or https address the site is served at, such as `https://example.org/reader/`, not `{{value}}`', {value})
  }
  return undefined
}

/**
 * Validate `input` against the shape of `DEFAULTS` and lay it over `base` (default: `DEFAULTS`).
 * Unknown keys and wrong types are a `ConfigError` naming the file, line and column, with a hint.
 * `undefined` values are skipped, so CLI options that were not given keep what the file said.
 */
export function resolveConfig(input: unknown, origin: ConfigOrigin = {name: 'options'}, base: Readonly<Settings> = DEFAULTS): Settings {
  const locate = origin.text === undefined ? () => '' : positions(origin)
  const fail = (keyPath: string, reason: Phrase): never => {
    const place = locate(keyPath)
    throw new ConfigError(phrase('errors.config.at', '{{file}}: {{reason}}', {file: place ? `${origin.name}:${place}` : origin.name, reason}))
  }
  if (!isRecord(input)) return fail('', phrase('reasons.config.notObject', 'the settings must be an object, not {{value}}', {value: describe(input)}))
  const settings = merge(base as unknown as Record<string, unknown>, input, '', fail) as unknown as Settings
  const formality = formalityProblem(settings.formality, settings.targetLang)
  if (formality) fail(input.formality !== undefined ? 'formality' : 'targetLang', formality)
  return settings
}

function merge(
  base: Record<string, unknown>,
  input: Record<string, unknown>,
  prefix: string,
  fail: (keyPath: string, reason: Phrase) => never
): Record<string, unknown> {
  const result: Record<string, unknown> = {...base}
  for (const [key, value] of Object.entries(input)) {
    const keyPath = prefix + key
    if (!Object.hasOwn(base, key)) {
      const near = closest(key, Object.keys(base))
      fail(
        keyPath,
        near
          ? phrase('reasons.config.unknownNear', 'unknown option `{{key}}`; did you mean `{{near}}`?', {key: keyPath, near: prefix + near})
          : phrase('reasons.config.unknown', 'unknown option `{{key}}`', {key: keyPath})
      )
    }
    if (value === undefined) continue
    const expected = base[key]
    if (Array.isArray(expected)) {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
        fail(keyPath, phrase('reasons.config.list', '`{{key}}` must be a list of names, not {{value}}', {key: keyPath, value: describe(value)}))
      }
      result[key] = [...(value as string[])]
    } else if (isRecord(expected)) {
      if (!isRecord(value)) fail(keyPath, phrase('reasons.config.object', '`{{key}}` must be an object, not {{value}}', {key: keyPath, value: describe(value)}))
      result[key] = merge(expected, value as Record<string, unknown>, `${keyPath}.`, fail)
    } else if (typeof expected === 'number') {
      const least = integers[keyPath]
      const zero = fromZero.has(keyPath)
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (least === undefined ? (zero ? value >= 0 : value > 0) : Number.isInteger(value) && value >= least)
      if (!ok) {
        const wanted =
          least === undefined
            ? zero
              ? phrase('reasons.config.fromZero', 'a number of at least 0')
              : phrase('reasons.config.positive', 'a positive number')
            : least === 0
              ? phrase('reasons.config.whole', 'a whole number')
              : phrase('reasons.config.wholeFrom', 'a whole number of at least {{least}}', {least})
        fail(keyPath, phrase('reasons.config.number', '`{{key}}` must be {{wanted}}, not {{value}}', {key: keyPath, wanted, value: describe(value)}))
      }
      result[key] = value
    } else {
      const allowed = choices[keyPath]
      if (typeof value !== 'string' || (value.trim() === '' && !(mayBeEmpty.has(keyPath) && value === ''))) {
        fail(keyPath, phrase('reasons.config.string', '`{{key}}` must be a non-empty string, not {{value}}', {key: keyPath, value: describe(value)}))
      }
      if (allowed && !allowed.includes(value as string)) {
        const choices = allowed.map((choice) => `\`${choice}\``).join(', ')
        fail(keyPath, phrase('reasons.config.choice', '`{{key}}` must be one of {{choices}}, not `{{value}}`', {key: keyPath, choices, value: String(value)}))
      }
      const problem = checks[keyPath]?.(value as string)
      if (problem) fail(keyPath, phrase('reasons.config.check', '`{{key}}`: {{problem}}', {key: keyPath, problem}))
      result[key] = value
    }
  }
  return result
}

/** `line:column` of a key path in the config file's text (JSON is YAML 1.2, so yaml's tree gives positions). */
function positions(origin: ConfigOrigin): (keyPath: string) => string {
  const lines = new LineCounter()
  const document = parseDocument(origin.text ?? '', {lineCounter: lines, keepSourceTokens: false})
  return (keyPath) => {
    let node: YamlNode | null = document.contents as YamlNode | null
    let offset = node?.range?.[0] ?? 0
    const keys = [...(origin.key ? [origin.key] : []), ...(keyPath === '' ? [] : keyPath.split('.'))]
    for (const key of keys) {
      if (!isMap(node)) break
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key)
      if (!pair) break
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset
      node = (pair.value as YamlNode | null) ?? null
    }
    const point = lines.linePos(offset)
    return `${point.line}:${point.col}`
  }
}

/** A config file's text as settings, or a `ConfigError` at the place the JSON is broken. */
export function parseConfigText(origin: Required<Pick<ConfigOrigin, 'name' | 'text'>> & Pick<ConfigOrigin, 'key'>): SettingsInput | undefined {
  let value: unknown
  try {
    value = JSON.parse(origin.text)
  } catch (error) {
    const lines = new LineCounter()
    const document = parseDocument(origin.text, {lineCounter: lines})
    const problem = document.errors[0]
    const place = problem ? `${problem.linePos?.[0].line ?? 1}:${problem.linePos?.[0].col ?? 1}` : '1:1'
    const reason = error instanceof Error ? error.message : String(error)
    throw new ConfigError(phrase('errors.config.json', '{{file}}: not valid JSON ({{reason}})', {file: `${origin.name}:${place}`, reason}), {cause: error})
  }
  if (origin.key === undefined) return value as SettingsInput
  return isRecord(value) ? (value[origin.key] as SettingsInput | undefined) : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A wrong value as a message names it: a list, an object, else the JSON itself. */
function describe(value: unknown): Phrase | string {
  if (value === null) return '`null`'
  if (Array.isArray(value)) return phrase('reasons.config.aList', 'a list')
  if (typeof value === 'object') return phrase('reasons.config.anObject', 'an object')
  return `\`${JSON.stringify(value)}\``
}

/** The known key nearest to `key` by edit distance, if it is near enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
