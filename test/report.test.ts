import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {describe, expect, it} from 'vitest'
import {countMessages, formatMessages, severity, sortMessages} from '../src/cli/report.ts'

function germanFile(): VFile {
  const file = new VFile({path: '/project/content/de/artikel.md', value: 'x'})
  file.message('later on the line', {place: {line: 12, column: 30}, ruleId: 'glossary-missing-name', source: 'tandem'})
  const error = file.message('no translation for "Ein Absatz mit…"', {
    place: {line: 12, column: 1},
    ruleId: 'no-translation',
    source: 'tandem'
  })
  error.fatal = true
  file.info('a note', {place: {line: 3, column: 7}, ruleId: 'info-rule'})
  file.message('a range starts here', {place: {start: {line: 9, column: 4}, end: {line: 9, column: 20}}, ruleId: 'tag-damage'})
  file.message('b: same place, second by reason', {place: {line: 9, column: 10}, ruleId: 'r-b'})
  file.message('a: same place, first by reason', {place: {line: 9, column: 10}, ruleId: 'r-a'})
  return file
}

describe('severity', () => {
  it('reads fatal: true as error, false as warning, unset as info', () => {
    const message = new VFileMessage('x')
    expect(severity(message)).toBe('info')
    message.fatal = false
    expect(severity(message)).toBe('warning')
    message.fatal = true
    expect(severity(message)).toBe('error')
  })
})

describe('sortMessages', () => {
  it('sorts by line, then column, then reason, without changing its input', () => {
    const file = germanFile()
    const before = file.messages.map((message) => message.reason)
    expect(sortMessages(file.messages).map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '3:7 a note',
      '9:4 a range starts here',
      '9:10 a: same place, first by reason',
      '9:10 b: same place, second by reason',
      '12:1 no translation for "Ein Absatz mit…"',
      '12:30 later on the line'
    ])
    expect(file.messages.map((message) => message.reason)).toEqual(before)
  })

  it('puts messages without a place first', () => {
    const file = new VFile({path: 'a.md'})
    file.message('placed', {place: {line: 1, column: 1}})
    file.message('unplaced')
    expect(sortMessages(file.messages).map((message) => message.reason)).toEqual(['unplaced', 'placed'])
  })
})

describe('formatMessages', () => {
  it('writes `path:line:col  severity  reason  rule`, relative to cwd and sorted', () => {
    expect(formatMessages([germanFile()], '/project')).toBe(
      [
        'content/de/artikel.md:3:7  info  a note  info-rule',
        'content/de/artikel.md:9:4  warning  a range starts here  tag-damage',
        'content/de/artikel.md:9:10  warning  a: same place, first by reason  r-a',
        'content/de/artikel.md:9:10  warning  b: same place, second by reason  r-b',
        'content/de/artikel.md:12:1  error  no translation for "Ein Absatz mit…"  no-translation',
        'content/de/artikel.md:12:30  warning  later on the line  glossary-missing-name'
      ].join('\n')
    )
  })

  it('keeps files in the given order, names a pathless file <stdin>, and places an unplaced message at 1:1 without a rule', () => {
    const second = new VFile({path: '/project/content/de/b.md'})
    second.message('second file', {place: {line: 2, column: 1}, ruleId: 'r'})
    const first = new VFile({path: '/project/content/de/z.md'})
    first.message('first file')
    const anonymous = new VFile({value: ''})
    anonymous.message('no path', {place: {line: 4, column: 2}, ruleId: 'x'})
    expect(formatMessages([first, second, anonymous], '/project')).toBe(
      [
        'content/de/z.md:1:1  warning  first file',
        'content/de/b.md:2:1  warning  second file  r',
        '<stdin>:4:2  warning  no path  x'
      ].join('\n')
    )
  })

  it('is empty for files without messages', () => {
    expect(formatMessages([new VFile({path: '/project/a.md'})], '/project')).toBe('')
    expect(formatMessages([], '/project')).toBe('')
  })
})

describe('countMessages', () => {
  it('counts errors and warnings over all files, and not infos', () => {
    const other = new VFile({path: 'b.md'})
    other.message('w')
    const error = other.message('e')
    error.fatal = true
    other.info('i')
    expect(countMessages([germanFile(), other])).toEqual({errors: 2, warnings: 5})
    expect(countMessages([])).toEqual({errors: 0, warnings: 0})
  })
})
