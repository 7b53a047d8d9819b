import { h } from '../ui/dom.js'
import { flow } from '../ui/flow.js'
import * as format from '../ui/format.js'

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

/** Paths: the flow of sessions' page paths from a start page, level by level; click a page to start from it. */
export default {
  id: 'paths',
  title: 'Paths',
  async render (root, ctx) {
    // The start page and depth picked here, kept in the URL ('' starts at each session's landing page).
    const choice = { start: ctx.param('start'), depth: +ctx.param('depth') || 3 }
    const pickers = h('div.pickers')
    const panel = h('section.panel.wide', h('h2', 'Paths'), h('div', { style: 'height:540px' }))
    root.replaceChildren(pickers, panel)
    const [report, exits] = await Promise.all([
      ctx.report('paths', { ...ctx.params(ctx.range), depth: choice.depth, ...(choice.start ? { start: choice.start } : {}) }),
      ctx.report('exits', { ...ctx.params(ctx.range), sort: 'sessions', limit: 500 })
    ])
    const pages = exits.rows.map(r => r.page)
    pickers.replaceChildren(
      h('label', 'Start ', h('select', { name: 'start', onchange: e => ctx.setParam('start', e.target.value) },
        h('option', { value: '', selected: !choice.start }, 'each session\'s landing page'),
        [...new Set([...pages, choice.start].filter(Boolean))].map(p => h('option', { value: p, selected: p === choice.start }, p)))),
      h('label', 'Depth ', h('select', { name: 'depth', onchange: e => ctx.setParam('depth', e.target.value) },
        DEPTHS.map(d => h('option', { value: d, selected: d === choice.depth }, String(d))))))
    panel.replaceChildren(
      h('h2', 'Paths', h('small', ` · ${format.count(report.sessions)} sessions from ${report.start ?? 'their landing page'}; hover for counts, click a page to start from it`)),
      report.links.length
        ? h('div.scroll', flow({ links: report.links, format: format.count, onNode: start => ctx.setParam('start', start) }))
        : h('p.empty', 'No sessions viewed this page in the range.'))
  }
}
