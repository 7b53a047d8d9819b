import { h } from '../ui/dom.js'
import { table } from '../ui/table.js'
import { chart } from '../ui/chart.js'
import * as format from '../ui/format.js'

// The accounts report's filters and the feature adoption matrix's columns.
const SEGMENTS = ['big', 'small', 'unknown']
const RISKS = ['high', 'medium', 'dormant', 'new', 'low']

/**
 * Accounts: the account list at the end of the range (churn risk with its reasons, a usage sparkline of the
 * 42 days before), filtered by segment and risk; the feature adoption matrix over the range; and, with
 * ?account=, that account's own page. Segment, risk and account live in the URL.
 */
export default {
  id: 'accounts',
  title: 'Accounts',
  async render (root, ctx) {
    const account = ctx.param('account')
    return account ? renderAccount(root, ctx, account) : renderList(root, ctx)
  }
}

async function renderList (root, ctx) {
  const [segment, risk] = [ctx.param('segment'), ctx.param('risk')]
  const filters = h('div.account-filters',
    select('segment', 'Segment', SEGMENTS, segment, ctx),
    select('risk', 'Risk', RISKS, risk, ctx))
  const list = h('section.panel.wide', h('h2', 'Accounts'), filters, table({ name: 'accounts', columns: accountColumns(ctx), placeholderRows: 8 }))
  const matrix = h('section.panel.wide', h('h2', 'Feature adoption'), table({ name: 'features', columns: MATRIX, placeholderRows: 5 }))
  root.replaceChildren(list, matrix)

  const to = ctx.range.to.toISOString()
  const [accounts, features] = await Promise.all([
    ctx.report('accounts', { to, sort: 'risk', limit: 10000, ...(segment && { segment }), ...(risk && { risk }) }),
    ctx.report('features', { from: ctx.range.from.toISOString(), to, limit: 100 })
  ])
  list.replaceChildren(
    h('h2', 'Accounts', h('small', ` · churn risk at ${ctx.range.to.toLocaleString()} · ${format.count(accounts.total)} accounts`)),
    filters,
    h('div.scroll', table({ name: 'accounts', columns: accountColumns(ctx), rows: accounts.rows.map(withRank), sort: 'rank', emptyText: 'No accounts match.' })))
  matrix.replaceChildren(
    h('h2', 'Feature adoption', h('small', ` · share of the accounts with any usage in the range, by segment (${SEGMENTS.map(s => `${s}: ${features.activeAccountsBySegment[s]}`).join(', ')})`)),
    h('div.scroll', table({ name: 'features', columns: MATRIX, rows: features.rows.map(flatten), emptyText: 'No usage events in this range.' })))
}

// The report's order (most at risk first) as a sortable column, so the table opens in that order.
const withRank = (row, i) => ({ ...row, rank: -i })

const flatten = row => ({ ...row, ...Object.fromEntries(SEGMENTS.map(s => [s, row.bySegment[s].accountShare])) })

const accountColumns = ctx => [
  { key: 'name', label: 'Account', render: row => h('button.link', { dataset: { account: row.account }, onclick: () => ctx.setParam('account', row.account) }, row.name) },
  { key: 'segment', label: 'Segment' },
  { key: 'rank', label: 'Risk', numeric: true, render: row => badge(row.churnRisk) },
  { key: 'activeUsers', label: 'Active users', numeric: true, format: format.count },
  { key: 'recentEvents', label: 'Last 14 days', numeric: true, format: format.count },
  { key: 'baselineEvents', label: '28 days before', numeric: true, format: format.count },
  { key: 'dailyEvents', label: 'Usage, 42 days', render: row => sparkline(row.dailyEvents) },
  { key: 'reasons', label: 'Why', render: row => row.reasons.join('; ') }
]

const MATRIX = [
  { key: 'feature', label: 'Feature' },
  { key: 'accounts', label: 'Accounts', numeric: true, bar: true, format: format.count },
  { key: 'accountShare', label: 'All', numeric: true, format: format.percent },
  ...SEGMENTS.map(s => ({ key: s, label: s[0].toUpperCase() + s.slice(1), numeric: true, format: format.percent }))
]

function select (name, label, values, current, ctx) {
  return h('label', label + ' ', h('select', { name, onchange: e => ctx.setParam(name, e.target.value) },
    h('option', { value: '' }, 'all'),
    values.map(v => h('option', { value: v, selected: v === current }, v))))
}

const badge = risk => h('span.badge', { dataset: { risk } }, risk)

/** Daily counts as a small SVG line, scaled to its own maximum. */
function sparkline (values) {
  const width = 120
  const height = 24
  const max = Math.max(1, ...values)
  const points = values.map((v, i) => `${(i * width / Math.max(1, values.length - 1)).toFixed(1)},${(height - 1 - v / max * (height - 2)).toFixed(1)}`).join(' ')
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
  svg.setAttribute('class', 'sparkline')
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline')
  line.setAttribute('points', points)
  svg.append(line)
  return svg
}

async function renderAccount (root, ctx, account) {
  const back = h('button.link.back', { onclick: () => ctx.setParam('account', null) }, '← All accounts')
  const head = h('section.panel.wide', back, h('h2', account))
  const usage = h('section.panel.chart-panel', h('h2', 'Usage events per day'), chart({}))
  const features = h('section.panel', h('h2', 'Features'), table({ name: 'account-features', columns: FEATURE_COLUMNS }))
  const paths = h('section.panel', h('h2', 'Key paths'), table({ name: 'key-paths', columns: PATH_COLUMNS, placeholderRows: 2 }))
  root.replaceChildren(head, usage, h('section.lists', features, paths))

  const detail = await ctx.report('accounts/' + encodeURIComponent(account), { from: ctx.range.from.toISOString(), to: ctx.range.to.toISOString() })
  head.replaceChildren(back,
    h('h2', detail.name, h('small', ` · ${detail.account} · ${detail.segment} · ${detail.users.length} users with usage in the range`)),
    h('dl.traits', Object.entries(detail.traits).flatMap(([k, v]) => [h('dt', k), h('dd', typeof v === 'object' ? JSON.stringify(v) : String(v))])))
  usage.replaceChildren(h('h2', 'Usage events per day'), chart({
    interval: 'day',
    times: detail.daily.map(d => new Date(d.day + 'T00:00:00Z')),
    series: [{ label: 'Usage events', values: detail.daily.map(d => d.events), color: '#3867d6' }, { label: 'Users', values: detail.daily.map(d => d.users), color: '#1e8e5a' }]
  }))
  features.replaceChildren(h('h2', 'Features'), table({ name: 'account-features', columns: FEATURE_COLUMNS, rows: detail.features, emptyText: 'No usage events in this range.' }))
  paths.replaceChildren(h('h2', 'Key paths', h('small', ' · the furthest step reached')), table({ name: 'key-paths', columns: PATH_COLUMNS, rows: detail.keyPaths, emptyText: 'No key-path steps in this range.' }))
}

const when = iso => new Date(iso).toLocaleString()

const FEATURE_COLUMNS = [
  { key: 'feature', label: 'Feature' },
  { key: 'events', label: 'Events', numeric: true, bar: true, format: format.count },
  { key: 'users', label: 'Users', numeric: true, format: format.count },
  { key: 'firstUsed', label: 'First used', format: when },
  { key: 'lastUsed', label: 'Last used', format: when }
]

const PATH_COLUMNS = [
  { key: 'keyPath', label: 'Key path' },
  { key: 'stepIndex', label: 'Furthest step', numeric: true, render: row => `${row.stepIndex + 1}. ${row.step}` },
  { key: 'reachedAt', label: 'Reached', format: when }
]
