import { h } from '../ui/dom.js'
import { table } from '../ui/table.js'
import { chart } from '../ui/chart.js'
import * as format from '../ui/format.js'

const HEADLINES = [
  { key: 'sessions', label: 'Sessions', format: format.count },
  { key: 'visitors', label: 'Visitors', format: format.count },
  { key: 'bounceRate', label: 'Bounce rate', format: format.percent, kind: 'rate', lowerIsBetter: true },
  { key: 'leadRate', label: 'Lead-capture rate', format: format.percent, kind: 'rate' },
  { key: 'medianDurationSeconds', label: 'Median duration', format: format.duration }
]

const TOP_LISTS = [
  { by: 'keyword', title: 'Top keywords', filter: 'keyword' },
  { by: 'page', title: 'Top landing pages', filter: 'page' },
  { by: 'source', title: 'Top sources', filter: 'source', hint: 'search engine, else utm_source, else referrer host' },
  { by: 'device', title: 'Devices', filter: 'device' }
]

const LIMIT = 10

const COLUMNS = filter => [
  { key: 'value', label: 'Value', filter },
  { key: 'sessions', label: 'Sessions', numeric: true, bar: true, format: format.count },
  { key: 'bounceRate', label: 'Bounce', numeric: true, format: format.percent },
  { key: 'leadRate', label: 'Leads', numeric: true, format: format.percent }
]

/** Overview: headline numbers against the previous period, sessions and leads over time, the top lists. */
export default {
  id: 'overview',
  title: 'Overview',
  async render (root, ctx) {
    const headlines = h('section.headlines')
    const chartBox = h('section.panel.chart-panel', h('h2', 'Sessions and leads'), chart({}))
    const lists = h('section.lists')
    const paint = (current, previous) => headlines.replaceChildren(...HEADLINES.map(m => headline(m, current, previous, ctx.state.compare)))
    const paintLists = results => lists.replaceChildren(...TOP_LISTS.map((list, i) => h('div.panel', { dataset: { list: list.by } },
      h('h2', list.title, list.hint ? h('small', ' · ' + list.hint) : null),
      table({ name: list.by, columns: COLUMNS(list.filter), rows: results?.[i]?.rows, onFilter: ctx.setFilter, placeholderRows: LIMIT }))))
    paint(null, null)
    paintLists(null)
    root.replaceChildren(headlines, chartBox, lists)

    const { range } = ctx
    const compare = ctx.state.compare
    const timeseries = r => ctx.report('timeseries', { ...ctx.params(r), tz: ctx.timeZone, interval: range.interval, metrics: 'sessions,leads' })
    // One await for all requests: a failing one rejects it, and none is left unhandled.
    const [results, previousAll, { points }, before] = await Promise.all([
      Promise.all(TOP_LISTS.map(list => ctx.report('breakdown', { ...ctx.params(range), by: list.by, limit: LIMIT }))),
      compare ? ctx.report('breakdown', { ...ctx.params(range.previous), by: 'page', limit: 1 }) : null,
      timeseries(range),
      compare ? timeseries(range.previous).then(r => r.points) : null
    ])
    paint(results[0].all, previousAll?.all)
    paintLists(results)
    chartBox.replaceChildren(h('h2', 'Sessions and leads', h('small', ` · by ${range.interval}`)), chart({
      interval: range.interval,
      times: points.map(p => new Date(p.time)),
      series: [
        { label: 'Sessions', values: points.map(p => p.sessions), color: '#3867d6' },
        { label: 'Leads', values: points.map(p => p.leads), color: '#20bf6b' },
        ...(before
          ? [
              { label: 'Sessions, previous period', values: points.map((_, i) => before[i]?.sessions ?? null), color: '#3867d6', faint: true },
              { label: 'Leads, previous period', values: points.map((_, i) => before[i]?.leads ?? null), color: '#20bf6b', faint: true }
            ]
          : [])
      ]
    }))
  }
}

function headline (metric, current, previous, compare) {
  const value = current ? metric.format(current[metric.key]) : '—'
  let delta = null
  if (current && previous && compare && previous.sessions === 0) {
    delta = h('span.change', { title: 'no sessions in the previous period' }, 'no data before')
  } else if (current && previous && compare) {
    const c = format.change(current[metric.key], previous[metric.key], metric.kind)
    const good = metric.lowerIsBetter ? c.down : c.up
    const bad = metric.lowerIsBetter ? c.up : c.down
    delta = h('span.change', { className: `change ${good ? 'good' : bad ? 'bad' : ''}`, title: 'against the previous period ' + metric.format(previous[metric.key]) }, c.text)
  }
  return h('div.card', { dataset: { metric: metric.key } },
    h('div.label', metric.label),
    h('div.value', value),
    h('div.delta', delta ?? (compare ? h('span.change', ' ') : null)))
}
