#!/usr/bin/env node
// In a clone, the TypeScript sources run through tsx (a dev dependency): `npm ci && npm start` needs no build
// step and never runs a stale dist/. An installed package has no src/ and runs the JavaScript that `npm pack` built.
import {existsSync} from 'node:fs'

// `tandem glossary candidates | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

const source = new URL('../src/cli/main.ts', import.meta.url)
const {main} = existsSync(source) ? await fromSource(source) : await import('../dist/cli/main.js')
process.exitCode = await main(process.argv.slice(2))

async function fromSource(url) {
  try {
    const {register} = await import('tsx/esm/api')
    register()
  } catch (error) {
    // A clone installed without dev dependencies: the built dist/ (`npm run build`), if there is one.
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && existsSync(new URL('../dist/cli/main.js', import.meta.url))) return import('../dist/cli/main.js')
    throw error
  }
  return import(url.href)
}
