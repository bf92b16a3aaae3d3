/**
 * po4a (Debian package `po4a`), where installed, over the same articles: P1's INFO row and P1b's yardstick.
 * One po4a run extracts every article into a POT/PO pair and merges the PO back into translated
 * documents. The first run creates the PO files; the later, timed runs are its no-change rerun
 * (nothing new to extract). Never installed by the bench.
 */
import {spawnSync} from 'node:child_process'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import type {Corpus} from './corpus.ts'
import {timeChild, type ChildTiming} from './measure.ts'

export function po4aInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v po4a'], {stdio: 'ignore'}).status === 0
}

/** A po4a no-change rerun over every article, once its first run has made the PO files. */
export type Po4aRerun = () => Promise<ChildTiming>

/** Write the config, run po4a once, and return its rerun; a sentence saying why not when po4a is missing or fails. */
export async function preparePo4a(corpus: Corpus): Promise<Po4aRerun | string> {
  if (!po4aInstalled()) return 'po4a not installed'
  const dir = path.join(corpus.root, 'po4a')
  const config = path.join(dir, 'po4a.cfg')
  const rerun = () => timeChild('po4a --quiet "$1" >/dev/null', [config], corpus.root)
  try {
    await mkdir(path.join(dir, 'po'), {recursive: true})
    await writeFile(config, po4aConfig(corpus))
    await rerun()
    return rerun
  } catch (error) {
    return `po4a failed: ${(error as Error).message.split('\n')[0]}`
  }
}

function po4aConfig(corpus: Corpus): string {
  const lines = ['[po4a_langs] en', '[po4a_paths] po4a/po/articles.pot $lang:po4a/po/$lang.po', '[options] --keep 0 --no-backups']
  for (const file of corpus.files) {
    const relative = path.relative(corpus.root, file)
    const output = path.join('po4a', 'out', '$lang', path.basename(file))
    lines.push(`[type: text] ${relative} $lang:${output} opt:"-o markdown -o yfm_keys=title,description"`)
  }
  return lines.join('\n') + '\n'
}
