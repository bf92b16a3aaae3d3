/**
 * A third process for test/memory-processes.test.ts: compacts the memory at argv[2] over and over while builds
 * append to it, until SIGTERM. Prints `ready` after its first round and the number of rewrites when it stops.
 */
import {setTimeout as sleep} from 'node:timers/promises'
import {TranslationMemory} from '../src/memory/translation-memory.ts'

const file = process.argv[2]
if (!file) throw new Error('usage: memory-compactor.ts <memory file>')
let stopping = false
process.on('SIGTERM', () => (stopping = true))
let rewrites = 0
let first = true
while (!stopping) {
  const memory = await TranslationMemory.open(file)
  if (await memory.compact()) rewrites++
  await memory.close()
  if (first) process.stdout.write('ready\n')
  first = false
  await sleep(1)
}
process.stdout.write(`rewrites ${rewrites}\n`)
