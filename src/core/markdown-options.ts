import type {Options as StringifyOptions} from 'remark-stringify'

/** One Markdown style for everything tandem writes: the importer's German and the English edition. */
export const markdownStyle: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: false
}
