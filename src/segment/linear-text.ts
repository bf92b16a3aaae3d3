import {lineEnding} from 'micromark-core-commonmark'
import type {Construct, Event, Extension} from 'micromark-util-types'
import type {Processor} from 'unified'

/**
 * micromark cuts a paragraph's text into many `data` events (one per word, where GFM's email
 * autolinks could start) and merges each run of them afterwards with one `splice` of the whole
 * event list (`resolveAllText`, micromark/lib/initialize/text.js): quadratic in the paragraph, 4 s
 * for 1 MB of text with line breaks, hours for 10 MB. This merges the runs of each line as its line
 * ending is read, over that line's events only, so that micromark's own merge finds nothing left to
 * do. The events are the same either way: a run's first token, spanning to the end of its last.
 * A paragraph of one very long line is still merged by micromark alone.
 */
export const linearTextSyntax: Extension = (() => {
  const lineEndingMergingData: Construct = {...lineEnding, name: 'lineEndingMergingData', resolveTo: mergeLineData}
  // Tried before CommonMark's line ending, which it reads the same way.
  return {text: {[-5]: lineEndingMergingData, [-4]: lineEndingMergingData, [-3]: lineEndingMergingData}}
})()

/** remark plugin: parse long paragraphs in linear time (see `linearTextSyntax`). */
export default function remarkLinearText(this: Processor): undefined {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(linearTextSyntax)
}

/**
 * `resolveTo` of a line ending just read (its events, and the next line's indent, end `events`):
 * merge the data runs since the line ending before it. In place: micromark holds on to the list.
 */
function mergeLineData(events: Event[]): Event[] {
  let from = events.length
  while (from > 0 && !isLineEnding(events[from - 1] as Event, 'enter')) from--
  from--
  while (from > 0 && !isLineEnding(events[from - 1] as Event, 'exit')) from--
  return mergeAdjacentData(events, Math.max(0, from))
}

function isLineEnding(event: Event, kind: 'enter' | 'exit'): boolean {
  return event[0] === kind && event[1].type === 'lineEnding'
}

/**
 * What micromark's `resolveAllText` does, from `from` on, in one forward pass: each run of adjacent
 * `data` events becomes the enter and exit of its first token, whose end moves to the run's end.
 */
export function mergeAdjacentData(events: Event[], from = 0): Event[] {
  let write = from
  let read = from
  while (read < events.length) {
    const first = events[read] as Event
    if (first[1].type !== 'data' || read + 1 >= events.length) {
      events[write++] = first
      read++
      continue
    }
    // The first token's enter and its exit, then any further data events.
    let end = read + 2
    while (end < events.length && (events[end] as Event)[1].type === 'data') end++
    if (end !== read + 2) first[1].end = (events[end - 1] as Event)[1].end
    events[write++] = first
    events[write++] = events[read + 1] as Event
    read = end
  }
  events.length = write
  return events
}
