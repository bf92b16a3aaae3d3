import {writeFile} from 'node:fs/promises'

/** PASS and MISS compare a figure with its goal; INFO has no goal; N/A cannot be measured yet; ERROR means the bench failed. */
export type Status = 'PASS' | 'MISS' | 'INFO' | 'N/A' | 'ERROR'

export interface Figure {
  /** P1…P4 */
  id: string
  name: string
  /** As printed. */
  value: string
  /** As printed, e.g. `≤ 1.5×`; empty for INFO rows. */
  goal: string
  status: Status
  /** The number behind `value`, for results.json; null when there is none. */
  measured: number | null
  unit?: string
  note?: string
}

export function pass(ok: boolean): Status {
  return ok ? 'PASS' : 'MISS'
}

/** A plain-text table, one line per figure, with notes indented below their row. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['', 'figure', 'value', 'goal', 'result']
  const rows = figures.map((figure) => [figure.id, figure.name, figure.value, figure.goal, figure.status])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')]
  figures.forEach((figure, index) => {
    out.push(line(rows[index] ?? []))
    if (figure.note) out.push(`${' '.repeat((widths[0] ?? 0) + 2)}  ↳ ${figure.note}`)
  })
  return out.join('\n')
}

export async function writeResults(file: string, results: unknown): Promise<void> {
  await writeFile(file, JSON.stringify(results, null, 2) + '\n')
}

export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits})
}

export function formatSeconds(ms: number): string {
  return `${formatNumber(ms / 1000, 2)} s`
}
