export {alignSentences, type AlignOptions, type SentenceLink} from './align-sentences.ts'
export {splitSentences} from '../segment/split-sentences.ts'
