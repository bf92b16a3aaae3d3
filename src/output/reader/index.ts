export {readerArticle, type Block, type Provenance, type ReaderArticle, type ReaderArticleOptions, type Unit} from './article.ts'
export {articlePage, indexPage, pageHtml, renderArticlePage, renderIndexPage, sortEntries, type IndexEntry, type IndexOptions, type PageOptions, type PageTree} from './render-page.ts'
export {readerSchema} from './schema.ts'
export {imageSource, safeLinkUrl, type ImageSource} from './sanitize-url.ts'
