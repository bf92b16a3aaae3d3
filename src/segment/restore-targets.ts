import type {PhrasingContent} from 'mdast'
import type {VFile} from 'vfile'
import {decodeXML} from 'entities'
import type {TFunction} from 'i18next'
import {tandemData} from '../pipeline/data.ts'
import {TagError, fromTaggedText} from './tagged-text.ts'
import type {Segment} from './types.ts'

export interface Options {
  /** i18next `t` of the target language, for the controlled vocabulary. */
  t: TFunction
}

/** Tagged English text → `segment.targetNodes`, with links and placeholders restored by id. */
export default function restoreTargets(options: Options) {
  const {t} = options
  return function (_tree: unknown, file: VFile): undefined {
    for (const segment of tandemData(file).segments) {
      const translated = segment.target ? restore(segment, file) : []
      if (!segment.label) {
        segment.targetNodes = translated
      } else if (segment.kind === 'detail') {
        const label: PhrasingContent = {type: 'strong', children: [{type: 'text', value: `${t(segment.label)}:`}]}
        segment.targetNodes = translated.length > 0 ? [label, {type: 'text', value: ' '}, ...translated] : [label]
      } else {
        segment.targetNodes = [{type: 'text', value: t(segment.label)}]
      }
    }
  }
}

function restore(segment: Segment, file: VFile): PhrasingContent[] {
  const target = segment.target ?? ''
  try {
    return fromTaggedText(target, segment.placeholders)
  } catch (error) {
    if (!(error instanceof TagError)) throw error
    file.message(`the translation's tags are damaged (${error.message}); kept as plain text`, {
      place: segment.position,
      ruleId: 'tag-damage',
      source: 'tandem'
    })
    // Plain text, with every link and placeholder kept at the end: never broken Markdown, never a lost URL.
    // Removing a placeholder leaves its spaces behind; punctuation moves back to its word.
    const text = decodeXML(target.replace(/<[^>]*>/g, ''))
      .replace(/\s+([.,;:!?])/g, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim()
    const kept = segment.placeholders.flatMap((node): PhrasingContent[] => [{type: 'text', value: ' '}, structuredClone(node)])
    return [{type: 'text', value: text}, ...kept]
  }
}
