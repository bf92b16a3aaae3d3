// Preloaded into the P4 child (`node --import bench/rss-probe.js bin/tandem.js build`):
// at exit it writes the process's peak resident set size to $TANDEM_BENCH_RSS_FILE.
import {writeFileSync} from 'node:fs'

const out = process.env.TANDEM_BENCH_RSS_FILE
const start = performance.now()
if (out) {
  process.on('exit', (code) => {
    const usage = process.resourceUsage()
    // maxRSS is in kilobytes.
    writeFileSync(out, JSON.stringify({maxRssBytes: usage.maxRSS * 1024, milliseconds: performance.now() - start, code}))
  })
}
