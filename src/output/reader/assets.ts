// The reader's CSS and JavaScript, inlined into every page so that the site makes no other request.
// Nothing here comes from an article: the only variable part is the count of highlight rules.

const baseStyle = `
:root{--bg:#fbfaf6;--fg:#1f1e1b;--muted:#625d54;--rule:#dedad0;--accent:#1d5b86;--accent-fg:#fff;--hl:#ffe27a;--focus:#b93f0b;--tip-bg:#22211e;--tip-fg:#fbfaf6;--code-bg:#f0eee7}
@media (prefers-color-scheme:dark){:root{--bg:#161719;--fg:#e8e5dd;--muted:#a7a196;--rule:#35373b;--accent:#78b3de;--accent-fg:#111;--hl:#6b5710;--focus:#ff9b5c;--tip-bg:#e8e5dd;--tip-fg:#161719;--code-bg:#222427}}
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
.name:hover .tip,.name:focus .tip{display:block}
.tip .en-form{display:block;font-weight:700;font-size:.95rem}
.tip .kind{text-transform:uppercase;font-size:.7rem;letter-spacing:.06em;opacity:.85}
.missing{color:var(--muted);font-style:italic}
.aligned{color:var(--muted);font-size:.75em;white-space:nowrap}
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
.site-footer{max-width:76rem;margin:0 auto;padding:1rem 1.25rem 2rem;border-top:1px solid var(--rule);color:var(--muted);font:.85rem/1.45 system-ui,sans-serif}
body:has(#show-de:checked) .en,body:has(#show-en:checked) .de{display:none}
body:has(#show-de:checked) :is(.pair,.columns,.articles a),body:has(#show-en:checked) :is(.pair,.columns,.articles a){grid-template-columns:1fr}
body:has(#show-de:checked) main,body:has(#show-en:checked) main{max-width:44rem}
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

/** Light up the other half of a bead while a sentence is hovered or focused, without script: one rule per bead number in use. */
function highlightRules(beads: number): string {
  let css = ''
  for (let bead = 1; bead <= beads; bead++) {
    css += `.pair:has(.s[data-b="${bead}"]:is(:hover,:focus-within)) .s[data-b="${bead}"]{background:var(--hl)}\n`
  }
  return css
}

/** The page's whole style sheet; `beads` is the largest bead number on the page. */
export function pageStyle(beads: number): string {
  return baseStyle + highlightRules(beads)
}

/**
 * The language toggle is CSS (radio buttons and `:has`), so it works without script; this only
 * remembers the choice between pages and moves between paragraphs with j and k.
 */
export const pageScript = `
(() => {
  'use strict'
  const key = 'tandem-reader-show'
  const choices = Array.from(document.querySelectorAll('input[name="show"]'))
  try {
    const saved = localStorage.getItem(key)
    for (const choice of choices) if (choice.value === saved) choice.checked = true
  } catch {}
  for (const choice of choices) {
    choice.addEventListener('change', () => {
      try { localStorage.setItem(key, choice.value) } catch {}
    })
  }
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'j' && event.key !== 'k') return
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return
    const target = event.target
    if (target instanceof HTMLElement && (target.isContentEditable || target.matches('textarea, select, input:not([type="radio"])'))) return
    const pairs = Array.from(document.querySelectorAll('main .pair')).filter((pair) => pair.getClientRects().length > 0)
    if (pairs.length === 0) return
    const current = document.activeElement instanceof Element ? document.activeElement.closest('.pair') : null
    let index = current ? pairs.indexOf(current) : -1
    if (index === -1) {
      // Nothing chosen yet: start from the first paragraph in view.
      const first = pairs.findIndex((pair) => pair.getBoundingClientRect().bottom > 0)
      index = first === -1 ? 0 : first
    } else {
      index = Math.max(0, Math.min(pairs.length - 1, index + (event.key === 'j' ? 1 : -1)))
    }
    event.preventDefault()
    pairs[index].focus()
  })
})()
`
