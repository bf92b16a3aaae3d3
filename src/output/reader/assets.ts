// The reader's CSS and JavaScript, inlined into every page so that the site makes no other request.
// Nothing here comes from an article: the only variable part is rules generated from numbers (bead counts, bar widths).

const baseStyle = `
:root{--bg:#fbfaf6;--fg:#1f1e1b;--muted:#625d54;--rule:#dedad0;--accent:#1d5b86;--accent-fg:#fff;--hl:#ffe27a;--focus:#b93f0b;--tip-bg:#22211e;--tip-fg:#fbfaf6;--code-bg:#f0eee7;--human:#2f7d4a;--import:#8a6bb8;--mt:#b9b3a6;--missing:#e3dfd5;--warn:#a4400e}
@media (prefers-color-scheme:dark){:root{--bg:#161719;--fg:#e8e5dd;--muted:#a7a196;--rule:#35373b;--accent:#78b3de;--accent-fg:#111;--hl:#6b5710;--focus:#ff9b5c;--tip-bg:#e8e5dd;--tip-fg:#161719;--code-bg:#222427;--human:#5fb67c;--import:#b39ae0;--mt:#6f6a60;--missing:#2c2e32;--warn:#ff9b5c}}
*{box-sizing:border-box}
html{color-scheme:light dark;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.62 Charter,"Bitstream Charter","Iowan Old Style",Georgia,"DejaVu Serif",serif}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-100vw;top:.5rem;padding:.5rem .75rem;background:var(--bg);font-family:system-ui,sans-serif}
.skip:focus{left:.5rem;z-index:10}
.site-header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.6rem 1.5rem;padding:.7rem 1.25rem;border-bottom:1px solid var(--rule);font:.95rem/1.4 system-ui,sans-serif}
.site-header nav a{font-weight:650;text-decoration:none;color:var(--fg)}
.site-header nav a:hover{text-decoration:underline}
.show{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem;border:0;margin:0;padding:0}
.show legend{float:left;padding:0;margin-right:.4rem;color:var(--muted)}
.show input{position:absolute;opacity:0;width:1px;height:1px}
.show label{padding:.2rem .7rem;border:1px solid var(--rule);border-radius:999px;cursor:pointer}
.show input:checked+label{background:var(--accent);border-color:var(--accent);color:var(--accent-fg)}
.show input:focus-visible+label{outline:3px solid var(--focus);outline-offset:2px}
main{max-width:76rem;margin:0 auto;padding:1rem 1.25rem 3rem}
.columns{position:sticky;top:0;z-index:3;display:grid;grid-template-columns:1fr 1fr;gap:2.5rem;padding:.45rem .6rem;margin:0 0 .5rem;background:var(--bg);border-bottom:1px solid var(--rule);font:600 .75rem/1.2 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:2.5rem;margin:0;padding:.3rem .6rem;border-radius:.3rem;scroll-margin:3rem 0 1rem}
.pair+.pair{margin-top:.55rem}
.pair.item+.pair.item{margin-top:0}
.pair:focus{outline:3px solid var(--focus);outline-offset:2px}
.col{min-width:0;margin:0;overflow-wrap:anywhere}
h1.pair{font-size:1.85rem;line-height:1.22;margin:.6rem 0 .4rem}
h2.pair{font-size:1.35rem;line-height:1.3;margin-top:2rem}
h3.pair,h4.pair,h5.pair,h6.pair{font-size:1.12rem;margin-top:1.4rem}
h1 .col,h2 .col,h3 .col,h4 .col,h5 .col,h6 .col{display:block}
.lead{color:var(--muted);font-style:italic}
.hints{color:var(--muted);font:.85rem/1.45 system-ui,sans-serif;margin:0 0 1rem;padding:0 .6rem}
.hints p{margin:.15rem 0}
.s{border-radius:.2rem;transition:background-color .12s}
.s:focus{outline:2px solid var(--focus);outline-offset:1px}
.name{position:relative;text-decoration:underline dotted var(--muted);text-decoration-thickness:1.5px;text-underline-offset:.22em;cursor:help}
.name:hover,.name:focus{text-decoration-color:currentColor}
.tip{display:none;position:absolute;left:0;top:calc(100% + .3rem);z-index:5;width:max-content;max-width:min(20rem,80vw);padding:.45rem .65rem;border-radius:.35rem;background:var(--tip-bg);color:var(--tip-fg);font:400 .85rem/1.4 system-ui,sans-serif;font-style:normal;text-transform:none;letter-spacing:normal;box-shadow:0 .3rem 1rem rgba(0,0,0,.25)}
.name:hover .tip,.name:focus .tip,.name.open .tip,.origin:hover .tip,.origin:focus .tip{display:block}
.origin{position:relative;display:inline-block;width:.55rem;height:.55rem;margin-left:.45rem;border-radius:50%;vertical-align:.12em;cursor:help;border:1.5px solid var(--muted)}
.origin-human{background:var(--human)}.origin-import{background:var(--import)}.origin-mt{background:transparent}
.origin .tip{left:auto;right:0;white-space:normal}
.meta{margin:0 0 .6rem;padding:0 .6rem;color:var(--muted);font:.9rem/1.4 system-ui,sans-serif}
.tip .en-form{display:block;font-weight:700;font-size:.95rem}
.tip .kind{text-transform:uppercase;font-size:.7rem;letter-spacing:.06em;opacity:.85}
.missing{color:var(--muted);font-style:italic}
.aligned{color:var(--muted);font-size:.75em;white-space:nowrap}
.stale{color:#a15c00;font-size:.75em;white-space:nowrap;border-bottom:1px dotted}
.unsafe-link{text-decoration:line-through dotted}
.col ul,.col ol{margin:0;padding-left:1.3rem}
.depth-1 .col{padding-left:1.3rem}.depth-2 .col{padding-left:2.6rem}.depth-3 .col{padding-left:3.9rem}
.task{margin-right:.35rem}
.quote{margin:.6rem 0;padding-left:.8rem;border-left:3px solid var(--rule)}
.footnote{font-size:.92rem}
.footnote-label{font:600 .8rem system-ui,sans-serif;color:var(--muted);padding:0 .6rem}
.code{display:block}
.code pre{margin:0;padding:.7rem .9rem;overflow:auto;background:var(--code-bg);border-radius:.3rem;font:.88rem/1.45 ui-monospace,"DejaVu Sans Mono",monospace}
code{font:.9em ui-monospace,"DejaVu Sans Mono",monospace;background:var(--code-bg);padding:.05em .25em;border-radius:.2em}
pre code{background:none;padding:0}
table{border-collapse:collapse;margin:.2rem 0}
th,td{border:1px solid var(--rule);padding:.25rem .5rem;text-align:left;vertical-align:top}
img{max-width:100%;height:auto}
hr{border:0;border-top:1px solid var(--rule);margin:1.5rem 0}
.articles{list-style:none;padding:0;margin:1rem 0}
.articles li{padding:.8rem 0;border-bottom:1px solid var(--rule)}
.articles a{display:grid;grid-template-columns:1fr 1fr;gap:2.5rem;text-decoration:none;color:var(--fg)}
.articles a:hover .de,.articles a:focus .de{text-decoration:underline}
.articles .de{font-weight:650;font-size:1.12rem}
.articles .en{color:var(--muted)}
.facts{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem;margin-top:.35rem;color:var(--muted);font:.85rem/1.4 system-ui,sans-serif}
.mix{display:inline-flex;width:8rem;height:.5rem;border-radius:.25rem;overflow:hidden;background:var(--missing)}
.mix span{flex:0 1 0;min-width:2px}
.mix-human{background:var(--human)}.mix-import{background:var(--import)}.mix-mt{background:var(--mt)}.mix-missing{background:var(--missing)}
.warnings,.stale-count{color:var(--warn)}
@media (hover:none) and (pointer:coarse){.hint-keys{display:none}}
.site-footer{max-width:76rem;margin:0 auto;padding:1rem 1.25rem 2rem;border-top:1px solid var(--rule);color:var(--muted);font:.85rem/1.45 system-ui,sans-serif}
body:has(#show-de:checked) .en,body:has(#show-en:checked) .de{display:none}
body:has(#show-de:checked) :is(.pair,.columns,.articles a),body:has(#show-en:checked) :is(.pair,.columns,.articles a){grid-template-columns:1fr}
body:has(#show-de:checked) main,body:has(#show-en:checked) main{max-width:44rem}
body:has(#show-de:checked) .hint-sentences,body:has(#show-en:checked) :is(.hint-sentences,.hint-names){display:none}
@media (max-width:700px){
body{font-size:1rem}
main{padding:.6rem .8rem 2rem}
.site-header{padding:.6rem .8rem}
.columns{display:none}
.pair,.articles a{grid-template-columns:1fr;gap:.35rem}
.pair+.pair{margin-top:1rem}
.pair>.en,.articles .en{padding-left:.7rem;border-left:3px solid var(--rule)}
h1.pair{font-size:1.5rem}
}
@media (prefers-reduced-motion:reduce){.s{transition:none}}
@media print{.site-header,.columns,.hints{display:none}}
`

/** The page's whole style sheet; `extra` is the page's generated rules (highlights, the index's bars), numbers only. */
export function pageStyle(extra: string): string {
  return baseStyle + extra
}

/**
 * The language toggle is CSS (radio buttons and `:has`), so it works without script; this
 * remembers the choice between pages, makes the article one tab stop whose sentences, names and
 * links the arrow keys walk (a roving tabindex), moves between paragraphs with j and k, and puts
 * a tooltip where it covers neither the sentence being read nor its translation.
 */
export const pageScript = `
(() => {
  'use strict'
  const key = 'tandem-reader-show'
  const choices = Array.from(document.querySelectorAll('input[name="show"]'))
  const article = document.querySelector('main article')
  const itemSelector = '.s, .name, .origin, a[href]'
  const shown = (element) => element.getClientRects().length > 0
  const items = () => (article ? Array.from(article.querySelectorAll(itemSelector)).filter(shown) : [])
  const pairs = () => Array.from(document.querySelectorAll('main .pair')).filter(shown)

  // The article's one tab stop: the item last focused in it, or its first item shown.
  let stop = article ? article.querySelector('[tabindex="0"]') : null
  const rove = (element) => {
    if (stop === element) return
    if (stop) stop.tabIndex = -1
    element.tabIndex = 0
    stop = element
  }
  const settle = () => {
    if (stop && shown(stop)) return
    const first = items()[0]
    if (first) rove(first)
  }

  try {
    const saved = localStorage.getItem(key)
    for (const choice of choices) if (choice.value === saved) choice.checked = true
  } catch {}
  for (const choice of choices) {
    choice.addEventListener('change', () => {
      try { localStorage.setItem(key, choice.value) } catch {}
      settle()
    })
  }
  settle()

  if (article) {
    article.addEventListener('focusin', (event) => {
      const target = event.target
      if (!(target instanceof Element)) return
      if (target.matches(itemSelector)) rove(target)
      else if (target.matches('.pair')) {
        const first = items().find((item) => target.contains(item))
        if (first) rove(first)
      }
    })
  }

  const editable = (target) => target instanceof HTMLElement && (target.isContentEditable || target.matches('textarea, select, input:not([type="radio"])'))
  const movePair = (step) => {
    const list = pairs()
    if (list.length === 0) return
    const current = document.activeElement instanceof Element ? document.activeElement.closest('.pair') : null
    let index = current ? list.indexOf(current) : -1
    if (index === -1) {
      // Nothing chosen yet: start from the first paragraph in view.
      const first = list.findIndex((pair) => pair.getBoundingClientRect().bottom > 0)
      index = first === -1 ? 0 : first
    } else {
      index = Math.max(0, Math.min(list.length - 1, index + step))
    }
    list[index].focus()
  }
  const moveItem = (where) => {
    const list = items()
    if (list.length === 0) return
    const active = document.activeElement
    let index = list.indexOf(active)
    if (where === 'first') index = 0
    else if (where === 'last') index = list.length - 1
    else if (index === -1) {
      // A pair is focused: its first item, or the last one before it.
      const next = list.findIndex((item) => active.contains(item) || active.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING)
      index = where > 0 ? (next === -1 ? list.length - 1 : next) : Math.max(0, (next === -1 ? list.length : next) - 1)
    } else {
      index = Math.max(0, Math.min(list.length - 1, index + where))
    }
    list[index].focus()
  }
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || editable(event.target)) return
    const inside = article !== null && document.activeElement instanceof Element && article.contains(document.activeElement)
    const pairKeys = {j: 1, k: -1}
    const insideKeys = {ArrowDown: ['pair', 1], ArrowUp: ['pair', -1], ArrowRight: ['item', 1], ArrowLeft: ['item', -1], Home: ['item', 'first'], End: ['item', 'last']}
    if (event.key in pairKeys) movePair(pairKeys[event.key])
    else if (inside && event.key in insideKeys) {
      const [kind, step] = insideKeys[event.key]
      if (kind === 'pair') movePair(step)
      else moveItem(step)
    } else return
    event.preventDefault()
  })

  // A tooltip goes above or below the lit sentences (the one it is in and its translation), never over them.
  let open = null
  const place = (owner) => {
    const tip = owner.querySelector('.tip')
    if (!tip) return
    open = owner
    owner.classList.add('open')
    tip.style.position = 'fixed'
    tip.style.left = '0px'
    tip.style.top = '0px'
    tip.style.right = 'auto'
    const width = tip.offsetWidth
    const height = tip.offsetHeight
    const sentence = owner.closest('.s')
    const pair = owner.closest('.pair')
    const bead = sentence ? sentence.getAttribute('data-b') : null
    const lit = sentence && pair ? Array.from(pair.querySelectorAll('.s[data-b="' + bead + '"]')).filter(shown) : []
    const boxes = [owner, ...lit].flatMap((element) => Array.from(element.getClientRects()))
    const own = (sentence || owner).getClientRects()
    const all = boxes.length > 0 ? boxes : Array.from(owner.getClientRects())
    const ownTop = Math.min(...Array.from(own, (box) => box.top))
    const ownBottom = Math.max(...Array.from(own, (box) => box.bottom))
    const top = Math.min(...all.map((box) => box.top))
    const bottom = Math.max(...all.map((box) => box.bottom))
    const gap = 6
    const anchor = owner.getBoundingClientRect()
    const left = Math.max(4, Math.min(anchor.left, window.innerWidth - width - 4))
    const clear = (y) => all.every((box) => box.right <= left || box.left >= left + width || box.bottom <= y || box.top >= y + height)
    const fits = (y) => y >= 0 && y + height <= window.innerHeight
    const candidates = [ownBottom + gap, ownTop - gap - height, bottom + gap, top - gap - height]
    const y = candidates.find((candidate) => clear(candidate) && fits(candidate)) ?? candidates.find(clear) ?? candidates[2]
    tip.style.left = left + 'px'
    tip.style.top = y + 'px'
  }
  const close = (owner) => {
    const tip = owner.querySelector('.tip')
    owner.classList.remove('open')
    if (tip) for (const property of ['position', 'left', 'top', 'right']) tip.style.removeProperty(property)
    if (open === owner) open = null
  }
  const owners = '.name, .origin'
  document.addEventListener('mouseover', (event) => {
    const owner = event.target instanceof Element ? event.target.closest(owners) : null
    if (owner && owner !== open) place(owner)
  })
  document.addEventListener('mouseout', (event) => {
    const owner = event.target instanceof Element ? event.target.closest(owners) : null
    if (owner && !(event.relatedTarget instanceof Node && owner.contains(event.relatedTarget)) && owner !== document.activeElement) close(owner)
  })
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof Element && event.target.matches(owners)) place(event.target)
  })
  document.addEventListener('focusout', (event) => {
    if (event.target instanceof Element && event.target.matches(owners)) close(event.target)
  })
  window.addEventListener('scroll', () => { if (open) place(open) }, {passive: true})
})()
`
