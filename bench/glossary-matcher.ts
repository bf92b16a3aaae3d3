/** The plug for P3: the name glossary's matcher, as the build uses it. */
import {NameMatcher} from '../src/glossary/matcher.ts'
import type {MatcherFactory} from './p3-glossary.ts'

export const notPluggedReason = 'n/a (no glossary matcher)'

export function glossaryMatcher(): MatcherFactory | undefined {
  return (names) => {
    const matcher = new NameMatcher(names.map((name, index) => ({...name, note: '', line: index + 2})))
    return (text) => matcher.match(text).length
  }
}
