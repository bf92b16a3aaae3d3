/**
 * Every default of tandem, in one object (../shared/style.md: the deepl-node README/code drift is what this prevents).
 * Plugins take typed slices of `Settings`, the CLI's option defaults are read from here, a project's
 * `tandem.config.json` overrides it through `resolveConfig()`, and the README's option table is tested against it.
 */
export interface Settings {
  /** German sources. */
  sourceDir: string
  /** English edition. */
  targetDir: string
  /** Side-by-side view. */
  parallelDir: string
  /** The bilingual reader, written by every build and by `tandem site`. */
  siteDir: string
  memoryPath: string
  glossaryPath: string
  /**
   * `required`: a missing `glossaryPath` is an error, since a build without it would protect no names and key every
   * segment anew; `optional`: for a project that has no name glossary.
   */
  glossary: 'required' | 'optional'
  sourceLang: string
  targetLang: string
  /** Front-matter fields that are translated. */
  frontmatterFields: readonly string[]
  /** Provider requests in flight at once, and files read at once. */
  concurrency: number
  /** Language of the CLI's messages and of the reader's interface. */
  ui: 'en' | 'de'
  deepl: DeepLSettings
  retry: RetrySettings
  price: PriceSettings
  import: ImportSettings
  align: AlignSettings
}

export interface DeepLSettings {
  /** Timeout of one request in ms (deepl-node's `minTimeout`); a full 128 KiB request can take DeepL many seconds. */
  timeoutMs: number
  /** Texts in one request (DeepL's documented limit). */
  maxTexts: number
  /**
   * Bytes of texts in one request, form-encoded as deepl-node sends them: DeepL's 128 KiB body less 8 KiB
   * for the other parameters (languages, tag options, context).
   */
  maxBytes: number
}

/** How 429, 5xx, timeouts and resets are retried, in tandem's one scheduler (deepl-node's own retries are off). */
export interface RetrySettings {
  /** Retries of a rate-limited request, HTTP 429. */
  rateLimitRetries: number
  /** Retries of a server error (5xx), a timeout or a reset connection. */
  transientRetries: number
  /** First wait in ms; each further retry of the same request waits 1.6 times longer, ±23 % jitter. */
  initialDelayMs: number
  /** Longest backoff wait in ms. */
  maxDelayMs: number
}

/**
 * The price used for cost figures: DeepL API Pro's usage charge, €0.00002 per character, that is €20 per million
 * (DeepL help center, "Character count and billing in DeepL API"). The monthly base fee is not included.
 */
export interface PriceSettings {
  perMillion: number
  currency: string
}

/** The plain-text importer. */
export interface ImportSettings {
  /** A stand-alone line becomes a heading only if it has at most this many characters… */
  maxHeadingLength: number
  /** …and at most this many words. */
  maxHeadingWords: number
  /** Generated slugs are cut at a word boundary to at most this many characters. */
  maxSlugLength: number
}

/** The reader's sentence aligner. */
export interface AlignSettings {
  /** English characters per German character (Gale–Church's fixed ratio; German runs about a tenth longer). */
  ratio: number
  /** `tandem memory align`: aligned pairs below this confidence (0–1) are listed, not stored. */
  minConfidence: number
}

export const DEFAULTS: Readonly<Settings> = {
  sourceDir: 'content/de',
  targetDir: 'content/en',
  parallelDir: 'content/parallel',
  siteDir: 'site',
  memoryPath: 'memory/de-en.jsonl',
  glossaryPath: 'glossary/names.tsv',
  glossary: 'required',
  sourceLang: 'de',
  targetLang: 'en-US',
  frontmatterFields: ['title', 'description', 'summary'],
  concurrency: 2,
  ui: 'en',
  deepl: {timeoutMs: 30_000, maxTexts: 50, maxBytes: 120 * 1024},
  retry: {rateLimitRetries: 8, transientRetries: 4, initialDelayMs: 1000, maxDelayMs: 60_000},
  price: {perMillion: 20, currency: 'EUR'},
  import: {maxHeadingLength: 80, maxHeadingWords: 10, maxSlugLength: 80},
  align: {ratio: 0.9, minConfidence: 0.5}
}

/** Settings where every group may be given in part: what a config file or a caller passes. */
export type SettingsInput = {
  [K in keyof Settings]?: Settings[K] extends readonly unknown[] ? Settings[K] : Settings[K] extends object ? Partial<Settings[K]> : Settings[K]
}
