import {randomBytes} from 'node:crypto'
import {hostname} from 'node:os'
import {link, mkdir, open, readFile, rename, stat, unlink, utimes} from 'node:fs/promises'
import path from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {isProcessRunning} from './process-alive.ts'
import {temporaryName} from './write-file-atomic.ts'
import {DEFAULTS} from './defaults.ts'

/** What a lock file says about the process that holds it. */
export interface LockHolder {
  pid: number
  host: string
  /** ISO time the lock was taken. */
  since: string
}

/** Told once per acquisition when another process holds the lock for longer than `noticeMs`. */
export interface LockWait {
  /** The lock file (absolute). */
  lock: string
  /** Unset when the lock file could not be read (being written, or not tandem's). */
  holder?: LockHolder
}

export interface LockOptions {
  /** A lock whose file is older than this is taken over even if its process seems alive (default `DEFAULTS.lock.staleMs`; the holder refreshes it). */
  staleMs?: number
  /** How long to wait quietly before `onWait` (default `DEFAULTS.lock.noticeMs`): two builds often wait a few milliseconds for each other. */
  noticeMs?: number
  /** First wait between two looks at a held lock, doubling up to `maxPollMs` (defaults: `DEFAULTS.lock`). */
  pollMs?: number
  maxPollMs?: number
  onWait?: (wait: LockWait) => void
}


/**
 * Run `work` while holding the lock file `lock` (created with O_EXCL, as git's `index.lock`).
 * A lock left by a dead process on this host, or not refreshed for `staleMs`, is taken over.
 */
export async function withLock<T>(lock: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULTS.lock.staleMs
  const token = await acquire(lock, staleMs, options)
  // Touched while held, so that a long hold is not mistaken for a stale lock.
  const refresh = setInterval(() => {
    const now = new Date()
    utimes(lock, now, now).catch(() => undefined)
  }, staleMs / 3)
  refresh.unref()
  try {
    return await work()
  } finally {
    clearInterval(refresh)
    await release(lock, token)
  }
}

async function acquire(lock: string, staleMs: number, options: LockOptions): Promise<string> {
  const token = randomBytes(8).toString('hex')
  const content = JSON.stringify({pid: process.pid, host: hostname(), since: new Date().toISOString(), token}) + '\n'
  const started = Date.now()
  let noticed = false
  let poll: number = options.pollMs ?? DEFAULTS.lock.pollMs
  for (;;) {
    try {
      const handle = await open(lock, 'wx')
      try {
        await handle.writeFile(content, 'utf8')
      } finally {
        await handle.close()
      }
      return token
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') {
        await mkdir(path.dirname(lock), {recursive: true})
        continue
      }
      if (code !== 'EEXIST') throw error
    }
    const seen = await inspect(lock)
    if (seen === undefined) continue
    if (isStale(seen, staleMs)) {
      await takeOver(lock, seen.text)
      continue
    }
    if (!noticed && Date.now() - started >= (options.noticeMs ?? DEFAULTS.lock.noticeMs)) {
      noticed = true
      const holder = seen.holder ? {pid: seen.holder.pid, host: seen.holder.host, since: seen.holder.since} : undefined
      options.onWait?.({lock, ...(holder ? {holder} : {})})
    }
    await sleep(poll)
    poll = Math.min(poll * 2, options.maxPollMs ?? DEFAULTS.lock.maxPollMs)
  }
}

interface SeenLock {
  text: string
  holder?: LockHolder & {token: string}
  ageMs: number
}

/** The lock file as it is now; undefined when it vanished meanwhile. */
async function inspect(lock: string): Promise<SeenLock | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)])
    return {text, ageMs: Date.now() - info.mtimeMs, ...parseHolder(text)}
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function parseHolder(text: string): {holder?: LockHolder & {token: string}} {
  try {
    const value = JSON.parse(text) as Partial<Record<'pid' | 'host' | 'since' | 'token', unknown>>
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string' && typeof value.token === 'string') {
      return {holder: {pid: value.pid, host: value.host, since: value.since, token: value.token}}
    }
  } catch {
    // Being written right now, or not a lock of ours: only its age can make it stale.
  }
  return {}
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  if (seen.ageMs > staleMs) return true
  // A pid means something only on the host that wrote it.
  return seen.holder !== undefined && seen.holder.host === hostname() && !isProcessRunning(seen.holder.pid)
}

/**
 * Remove a stale lock without removing a fresh one that another process took meanwhile:
 * move it aside (atomic), and put it back if what was moved is not what was judged stale.
 */
async function takeOver(lock: string, staleText: string): Promise<void> {
  // Named as a temporary file, so that a crash right here leaves nothing `removeLeftovers()` misses.
  const aside = temporaryName(lock)
  try {
    await rename(lock, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText)
  if (moved !== staleText) await link(aside, lock).catch(() => undefined)
  await unlink(aside).catch(() => undefined)
}

async function release(lock: string, token: string): Promise<void> {
  // Only our own: after a takeover (we were judged stale) the file is another process's.
  const seen = await inspect(lock).catch(() => undefined)
  if (seen?.holder?.token === token) await unlink(lock).catch(() => undefined)
}
