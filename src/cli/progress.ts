import {Presets, SingleBar} from 'cli-progress'
import type {i18n, TFunction} from 'i18next'
import {createI18n, say} from '../i18n/index.ts'
import {errorText} from '../core/errors.ts'
import {ProviderRateLimitError} from '../providers/errors.ts'
import type {RetryEvent} from '../providers/scheduler.ts'
import type {TranslationProgress} from '../pipeline/run-project.ts'

/** Where the progress display goes: a terminal gets a bar, anything else (CI logs, pipes) plain lines. */
export type ProgressStream = NodeJS.WritableStream & {isTTY?: boolean}

export interface Totals {
  segments: number
  billedCharacters: number
}

export interface ProgressDisplay {
  update(progress: TranslationProgress): void
  retry(event: RetryEvent): void
  /** A note beside the bar (a terminal) or a line of its own (a log), e.g. that the build is stopping. */
  note(text: string): void
  stop(): void
}

/** Show the cursor, turn line wrapping back on: what the bar's `hideCursor` and `linewrap: false` turned off. */
export const restoreTerminal = '\x1B[?25h\x1B[?7h'

/**
 * Segments done/total, characters and an ETA, as a cli-progress bar on a terminal. Without a terminal, a line
 * per answer; `totals` (from the dry-run count) is then optional, since counting first means parsing twice.
 */
export function createProgressDisplay(stream: ProgressStream, totals?: Totals, ui: i18n = english): ProgressDisplay {
  return stream.isTTY && totals ? new BarDisplay(stream, totals, ui.t) : new LineDisplay(stream, totals, ui)
}

const english = createI18n('en')

class BarDisplay implements ProgressDisplay {
  private readonly bar: SingleBar
  private segments = 0
  private characters = 0
  /**
   * However the process ends (a second Ctrl-C exits at once, an uncaught error), the terminal gets its cursor and
   * line wrapping back; a TTY's writes are synchronous, so this lands before the process is gone.
   */
  private readonly onExit = () => this.stream.write(restoreTerminal)

  constructor(
    private readonly stream: ProgressStream,
    private readonly totals: Totals,
    private readonly t: TFunction
  ) {
    process.once('exit', this.onExit)
    this.bar = new SingleBar(
      {
        stream,
        format: t('cli.progress.bar'),
        hideCursor: true,
        // The ETA follows characters, which is what DeepL's time and price follow.
        etaBuffer: 20,
        fps: 5
      },
      Presets.shades_classic
    )
    this.bar.start(totals.billedCharacters, 0, {segments: 0, segmentsTotal: totals.segments, note: ''})
  }

  update(progress: TranslationProgress): void {
    this.segments += progress.segments
    this.characters += progress.billedCharacters
    // A parallel shared with a file the count gave it to can push the value past the estimate.
    if (this.characters > this.totals.billedCharacters) this.bar.setTotal(this.characters)
    this.bar.update(this.characters, {segments: this.segments, note: ''})
  }

  retry(event: RetryEvent): void {
    const why = this.t(event.error instanceof ProviderRateLimitError ? 'cli.progress.rateLimited' : 'cli.progress.unavailable')
    this.bar.update({note: this.t('cli.progress.retryNote', {why, retry: event.retry, wait: seconds(event.waitMs, this.t)})})
  }

  note(text: string): void {
    this.bar.update({note: `(${text})`})
  }

  stop(): void {
    process.off('exit', this.onExit)
    this.bar.stop()
  }
}

class LineDisplay implements ProgressDisplay {
  private segments = 0
  private characters = 0

  constructor(
    private readonly stream: ProgressStream,
    private readonly totals: Totals | undefined,
    private readonly ui: i18n
  ) {}

  private get t(): TFunction {
    return this.ui.t
  }

  update(progress: TranslationProgress): void {
    this.segments += progress.segments
    this.characters += progress.billedCharacters
    const {t} = this
    const sofar = this.totals
      ? t('cli.progress.sofarOf', {segments: this.segments, segmentsTotal: this.totals.segments, characters: this.characters, charactersTotal: this.totals.billedCharacters})
      : t('cli.progress.sofar', {segments: this.segments, characters: this.characters})
    this.stream.write(`${t('cli.progress.answered', {file: progress.file, segments: progress.segments, characters: progress.billedCharacters, sofar})}\n`)
  }

  retry(event: RetryEvent): void {
    const error = say(this.ui, errorText(event.error))
    this.stream.write(`${this.t('cli.progress.retryLine', {error, retry: event.retry, wait: seconds(event.waitMs, this.t)})}\n`)
  }

  note(text: string): void {
    this.stream.write(`tandem: ${text}\n`)
  }

  stop(): void {}
}

function seconds(ms: number, t: TFunction): string {
  return t('cli.progress.seconds', {seconds: (ms / 1000).toFixed(1)})
}
