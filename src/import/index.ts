export {importPlainText, isValidSlug, slugify} from './plain-text.ts'
export type {ImportedArticle, ImportOptions} from './plain-text.ts'
export {ruleIds} from './constants.ts'
export {findInvalidUtf8} from '../core/utf8.ts'
