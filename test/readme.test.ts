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
