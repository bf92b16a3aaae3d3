import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {DEFAULTS} from '../src/core/defaults.ts'

const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8')

describe('README', () => {
  it('shows the two commands a new user runs', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })

  it('states the defaults that the code uses', () => {
    const build = readme.split('\n').find((line) => line.startsWith('| `tandem build'))
    expect(build).toBeDefined()
    expect(build).toContain(`\`--target-lang\` (default \`${DEFAULTS.targetLang}\`)`)
    expect(build).toContain(`\`--concurrency\` (default ${DEFAULTS.concurrency})`)
    expect(readme).toContain(DEFAULTS.memoryPath)
    const align = readme.split('\n').find((line) => line.startsWith('| `tandem memory align'))
    expect(align).toContain(`\`--min-confidence\` (default ${DEFAULTS.align.minConfidence})`)
  })
})
