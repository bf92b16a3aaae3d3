#!/usr/bin/env node
// `npm run bench`: the benchmarks are TypeScript run through tsx, like bin/tandem.js.
import {register} from 'tsx/esm/api'

register()
const {main} = await import('./run.ts')
process.exitCode = await main(process.argv.slice(2))
