import { h } from '../ui/dom.js'
import { table } from '../ui/table.js'
import * as format from '../ui/format.js'

const SHOWN = 500

const COLUMNS = [
  { key: 'keyword', label: 'Keyword', filter: 'keyword' },
  { key: 'page', label: 'Landing page', filter: 'page' },
  { key: 'sessions', label: 'Sessions', numeric: true, bar: true, format: format.count },
  { key: 'visitors', label: 'Visitors', numeric: true, format: format.count },
  { key: 'bounceRate', label: 'Bounce rate', numeric: true, format: format.percent },
  { key: 'leads', label: 'Leads', numeric: true, format: format.count },
  { key: 'leadRate', label: 'Lead rate', numeric: true, format: format.percent },
  { key: 'medianDurationSeconds', label: 'Median duration', numeric: true, format: format.duration }
]

/** Landing pages: the keyword × landing page table of the landing report, sortable, with bars. */
export default {
  id: 'landing',
  title: 'Landing pages',
  async render (root, ctx) {
    const panel = h('section.panel.wide', h('h2', 'Keywords × landing pages'), table({ name: 'landing', columns: COLUMNS, placeholderRows: 10 }))
    root.replaceChildren(panel)
    const { rows } = await ctx.report('landing', { ...ctx.params(ctx.range), groupBy: 'keyword,page' })
    panel.replaceChildren(
      h('h2', 'Keywords × landing pages', h('small', rows.length > SHOWN ? ` · the ${SHOWN} with most sessions of ${format.count(rows.length)}` : ` · ${format.count(rows.length)} rows`)),
      h('div.scroll', table({ name: 'landing', columns: COLUMNS, rows: rows.slice(0, SHOWN), onFilter: ctx.setFilter })))
  }
}
