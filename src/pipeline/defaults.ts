/** Every default of the build in one place; the README's option table is checked against it. */
export const DEFAULTS = {
  /** German sources. */
  sourceDir: 'content/de',
  /** English edition. */
  targetDir: 'content/en',
  /** Side-by-side view. */
  parallelDir: 'content/parallel',
  memoryPath: 'memory/de-en.jsonl',
  glossaryPath: 'glossary/names.tsv',
  sourceLang: 'de',
  targetLang: 'en-US',
  frontmatterFields: ['title', 'description', 'summary'],
  /** Files processed at once, and so provider requests in flight. */
  concurrency: 2
} as const
