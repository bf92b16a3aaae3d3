/** `source` of every message the importer emits. */
export const source = 'tandem'

/** Rule ids of the importer's messages (`file.messages[n].ruleId`). */
export const ruleIds = {
  /** Fatal: the file is empty or holds only whitespace. */
  emptyFile: 'empty-file',
  /** Fatal: the bytes are not valid UTF-8. */
  invalidUtf8: 'invalid-utf8',
  /** Fatal: `options.slug` is not lowercase ASCII letters, digits and single hyphens. */
  invalidSlug: 'invalid-slug',
  /** Fatal: the title has no ASCII letters or digits to make a slug from, and no `options.slug` was given. */
  emptySlug: 'empty-slug',
  /** Fatal: `options.date` is not a calendar date as `YYYY-MM-DD`. */
  invalidDate: 'invalid-date',
  /** Fatal: `options.author` is empty or whitespace. */
  emptyAuthor: 'empty-author',
  /** Fatal: `options.sourceUrl` is not an absolute http(s) address. */
  invalidSourceUrl: 'invalid-source-url',
  /** Info: a UTF-8 byte order mark was removed. */
  bom: 'bom-removed',
  /** Warning: the title line is followed by text without a blank line in between. */
  titleNotSeparated: 'title-not-separated',
  /** Warning: a line in the Details block does not start with a known label. */
  unknownDetailsLabel: 'unknown-details-label'
} as const
