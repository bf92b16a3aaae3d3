import type {Schema} from 'hast-util-sanitize'

/** Classes the reader's own markup uses; nothing from an article becomes a class but a code block's language. */
const classes = [
  'pair', 'col', 'de', 'en', 'item', 'lead', 'quote', 'footnote', 'footnote-label', 'code', 'task',
  'depth-1', 'depth-2', 'depth-3',
  's', 'name', 'tip', 'en-form', 'kind', 'note', 'missing', 'aligned', 'stale', 'unsafe-link', 'image-link', 'fnref',
  'origin', 'origin-human', 'origin-import', 'origin-mt', 'meta',
  'skip', 'site-header', 'show', 'columns', 'hints', 'hint-sentences', 'hint-names', 'hint-keys', 'site-footer',
  'articles', 'facts', 'mix', 'mix-human', 'mix-import', 'mix-mt', 'mix-missing', 'mix-label', 'warnings', 'stale-count'
]

/** The ids the reader generates: pairs, name and origin tooltips, notes, the toggle, the index's bars. */
const ownId = /^(?:main|[pno]\d+|fn-\d+|mix-\d+|show-(?:both|de|en))$/

const className: [string, ...Array<string | RegExp>] = ['className', ...classes, /^language-[\w+#.-]{1,40}$/]
const common = [className, ['id', ownId], ['tabIndex', -1, 0], ['lang', 'de', 'en']] as Array<[string, ...Array<string | number | RegExp>]>

/**
 * What a reader page's body may hold, and nothing else: the elements and attributes its own
 * markup uses, links to the web and mail, images from the site or inlined rasters. It is applied
 * to every page's body after it is built, so a mistake in building cannot reach the browser.
 * The page's own `<style>` and `<script>` are added after it, outside the sanitized tree.
 */
export const readerSchema: Schema = {
  allowComments: false,
  allowDoctypes: false,
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style'],
  required: {},
  ancestors: {li: ['ol', 'ul'], tr: ['table'], th: ['table'], td: ['table']},
  protocols: {href: ['http', 'https', 'mailto'], src: ['data']},
  tagNames: [
    'a', 'article', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'fieldset', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'hr', 'img', 'input', 'label', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'span', 'strong', 'sup',
    'table', 'tbody', 'td', 'th', 'thead', 'time', 'tr', 'ul'
  ],
  attributes: {
    '*': common,
    a: ['href', 'title', ['rel', 'noopener', 'noreferrer']],
    span: [['dataB', /^\d+$/], ['role', 'tooltip', 'img'], ['ariaDescribedBy', ownId], 'ariaLabel', 'title', ['ariaHidden', 'true']],
    div: [['translate', 'no'], ['ariaHidden', 'true']],
    ol: ['start'],
    input: [['type', 'radio', 'checkbox'], ['name', 'show'], ['value', 'both', 'de', 'en'], 'checked', 'disabled'],
    label: [['htmlFor', ownId]],
    img: ['src', 'alt', 'title', ['loading', 'lazy']],
    time: ['dateTime']
  }
}
