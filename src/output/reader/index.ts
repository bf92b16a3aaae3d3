export {readerArticle, type Block, type ReaderArticle, type Unit} from './article.ts'
export {renderArticlePage, renderIndexPage, type IndexEntry, type PageOptions} from './render-page.ts'
export {imageSource, safeLinkUrl, type ImageSource} from './sanitize-url.ts'
