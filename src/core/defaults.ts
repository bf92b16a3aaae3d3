/** The build's settings; every default is in `DEFAULTS`, and the README's option table is checked against it. */
export interface Settings {
  /** German sources. */
  sourceDir: string
  /** English edition. */
  targetDir: string
  /** Side-by-side view. */
  parallelDir: string
  memoryPath: string
  glossaryPath: string
  sourceLang: string
  targetLang: string
  /** Front-matter fields that are translated. */
  frontmatterFields: readonly string[]
  /** Files processed at once, and so provider requests in flight. */
  concurrency: number
  // --- `tandem memory align` (issue 16) ---
  /** Aligned pairs below this confidence (0–1) are listed, not stored. */
  alignMinConfidence: number
}

export const DEFAULTS: Readonly<Settings> = {
  sourceDir: 'content/de',
  targetDir: 'content/en',
  parallelDir: 'content/parallel',
  memoryPath: 'memory/de-en.jsonl',
  glossaryPath: 'glossary/names.tsv',
  sourceLang: 'de',
  targetLang: 'en-US',
  frontmatterFields: ['title', 'description', 'summary'],
  concurrency: 2,
  // --- `tandem memory align` (issue 16) ---
  // 0.5: stored when more likely right than not; on the hand-checked gold every pair at or above it is right.
  alignMinConfidence: 0.5
}
