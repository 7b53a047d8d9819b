import { h } from '../ui/dom.js'
import { table } from '../ui/table.js'
import { heatmapCanvas, heatmapHeight, DEVICE_WIDTHS } from '../ui/heatmap.js'
import * as format from '../ui/format.js'

const ELEMENTS = [
  { key: 'selector', label: 'Selector' },
  { key: 'text', label: 'Text' },
  { key: 'clicks', label: 'Clicks', numeric: true, bar: true, format: format.count },
  { key: 'sessions', label: 'Sessions', numeric: true, format: format.count }
]

const EXITS = [
  { key: 'page', label: 'Page' },
  { key: 'sessions', label: 'Sessions', numeric: true, format: format.count },
  { key: 'exits', label: 'Exits', numeric: true, bar: true, format: format.count },
  { key: 'exitRate', label: 'Exit rate', numeric: true, format: format.percent },
  { key: 'targetsText', label: 'Left to' }
]

const TARGETS = [
  { key: 'host', label: 'Host' },
  { key: 'sessions', label: 'Sessions', numeric: true, bar: true, format: format.count }
]


/**
 * Clicks & exits: for a page and a device class, the heatmap over the live page (at that device's width), the
 * clicked elements and the scroll depth; and for all pages, the exits with where sessions left to.
 */
export default {
  id: 'clicks',
  title: 'Clicks & exits',
  async render (root, ctx) {
    // The page and device class picked here, kept in the URL (not dashboard filters: they choose what this page shows).
    const choice = { page: ctx.param('clicksPage'), device: ctx.param('heatmapDevice') || 'desktop' }
    const pickers = h('div.pickers')
    const heat = h('section.panel.wide.heatmap-panel', h('h2', 'Heatmap'), h('div.heat-frame', { style: 'height:400px' }))
    const elements = h('section.panel', h('h2', 'Clicked elements'), table({ name: 'elements', columns: ELEMENTS, placeholderRows: 8 }))
    const scroll = h('section.panel', h('h2', 'Scroll depth'), h('div.scroll-bars'))
    const exits = h('section.panel.wide', h('h2', 'Exit pages'), table({ name: 'exits', columns: EXITS, placeholderRows: 8 }))
    const targets = h('section.panel', h('h2', 'Exit targets'), table({ name: 'targets', columns: TARGETS, placeholderRows: 5 }))
    root.replaceChildren(pickers, heat, h('section.lists', elements, scroll), exits, targets)

    const exitReport = await ctx.report('exits', { ...ctx.params(ctx.range), sort: 'sessions', limit: 500 })
    const pages = exitReport.rows.map(r => r.page)
    if (!pages.includes(choice.page)) choice.page = pages[0] || ''
    pickers.replaceChildren(
      h('label', 'Page ', h('select', { name: 'page', onchange: e => ctx.setParam('clicksPage', e.target.value) },
        pages.map(p => h('option', { value: p, selected: p === choice.page }, p)))),
      h('label', 'Device ', h('select', { name: 'device', onchange: e => ctx.setParam('heatmapDevice', e.target.value) },
        Object.keys(DEVICE_WIDTHS).map(d => h('option', { value: d, selected: d === choice.device }, d)))))
    exits.replaceChildren(h('h2', 'Exit pages', h('small', ` · ${format.count(exitReport.total)} pages; the share of their sessions that left from them`)),
      h('div.scroll', table({ name: 'exits', columns: EXITS, rows: exitReport.rows.map(r => ({ ...r, targetsText: r.targets.map(t => `${t.host} ${format.count(t.sessions)}`).join(' · ') })) })))
    targets.replaceChildren(h('h2', 'Exit targets', h('small', ' · outbound links clicked last')), table({ name: 'targets', columns: TARGETS, rows: exitReport.targets, emptyText: 'No session left through an outbound link.' }))
    if (!choice.page) {
      heat.replaceChildren(h('h2', 'Heatmap'), h('p.empty', 'No page views in this range.'))
      return
    }

    // The clicks report's own `page` is the page clicked on; the landing-page filter goes as landingPage.
    const { page: landingPage, ...params } = ctx.params(ctx.range)
    const report = await ctx.report('clicks', { ...params, ...(landingPage ? { landingPage } : {}), page: choice.page })
    elements.replaceChildren(h('h2', 'Clicked elements', h('small', ` · ${format.count(report.clicks)} clicks in ${format.count(report.sessions)} sessions`)),
      h('div.scroll', table({ name: 'elements', columns: ELEMENTS, rows: report.elements, emptyText: 'No clicks on this page.' })))
    scroll.replaceChildren(h('h2', 'Scroll depth', h('small', ` · ${format.count(report.scroll.sessions)} sessions, median ${Math.round(report.scroll.medianPct)}%`)),
      h('div.scroll-bars', Object.entries(report.scroll.reached).map(([pct, n]) => {
        const share = report.scroll.sessions ? n / report.scroll.sessions : 0
        return h('div.scroll-bar', { dataset: { reached: pct } }, h('span.label', `${pct}%`),
          h('span.track', h('span.fill', { style: `width:${(100 * share).toFixed(1)}%` })), h('span.value', `${format.count(n)} · ${format.percent(share)}`))
      })))
    heat.replaceChildren(...heatmap(report, choice))
  }
}

/** The heatmap over the live page in an iframe at the device's width, else on a blank canvas of the document's size. */
function heatmap (report, choice) {
  const map = report.heatmap.find(m => m.device === choice.device) || { cells: [], documentHeight: 0 }
  const width = DEVICE_WIDTHS[choice.device]
  const height = heatmapHeight(map)
  const title = h('h2', 'Heatmap', h('small', ` · ${choice.page} on ${choice.device} (${width} px wide), ${format.count(map.cells.reduce((n, c) => n + c.clicks, 0))} clicks`))
  const frame = h('div.heat-frame', { style: `width:${width}px;height:${height}px` })
  const note = h('p.note', { hidden: true })
  const blank = reason => {
    frame.replaceChildren(heatmapCanvas({ cells: map.cells, width, height }))
    frame.classList.add('blank')
    note.hidden = false
    note.textContent = reason
  }
  if (!report.url) {
    blank('No view of this page has a URL: the heatmap is drawn on a blank page of the document\'s size.')
  } else {
    const live = h('iframe', { src: report.url, width, height, scrolling: 'no', title: 'The live page', sandbox: 'allow-same-origin' })
    // No scripts in the frame: the page's own tracking snippet must not count the dashboard's look at it.
    // A same-origin page that refuses framing leaves the browser's error page in the frame, which the
    // dashboard cannot read; a cross-origin page can never be read, so it is shown as it loads.
    const sameOrigin = new URL(report.url, location.href).origin === location.origin
    live.addEventListener('load', () => {
      let doc = null
      try { doc = live.contentDocument } catch {}
      if (sameOrigin && (!doc || doc.URL === 'about:blank' || !doc.body?.childElementCount)) {
        blank('This page refuses to be framed: the heatmap is drawn on a blank page of the document\'s size.')
      } else {
        frame.dataset.loaded = 'true'
      }
    })
    frame.replaceChildren(live, heatmapCanvas({ cells: map.cells, width, height }))
  }
  return [title, note, h('div.scroll', frame)]
}
