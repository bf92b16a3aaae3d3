#!/usr/bin/env node
// The sources are TypeScript run through tsx, so a fresh `npm ci` needs no build step.
import {register} from 'tsx/esm/api'

register()
// `tandem glossary candidates | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})
const {main} = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
