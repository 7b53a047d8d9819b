import { h } from '../ui/dom.js'
import { table } from '../ui/table.js'
import * as format from '../ui/format.js'

const WINDOWS = ['10m', '30m', '1h', '6h', '1d', '7d', '14d', '30d']
const UNITS = [['visitors', 'Visitors'], ['sessions', 'Sessions'], ['accounts', 'Accounts']]
const ORDERS = [['sequential', 'Sequential (other events may come between)'], ['strict', 'Strict (nothing between)']]
const BREAKDOWNS = [['', 'No breakdown'], ['keyword', 'Keyword'], ['landingPage', 'Landing page'], ['source', 'Source'], ['account', 'Account'], ['segment', 'Segment']]
const MAX_STEPS = 10

/** The funnel as the URL keeps it: steps (or a key path), window, unit, order, breakdown, and the breakdown value opened. */
function settings (page) {
  const one = (name, fallback) => page[name]?.[0] || fallback
  return {
    steps: page.step || [],
    keyPath: one('keyPath', ''),
    window: one('window', '14d'),
    unit: one('unit', 'visitors'),
    order: one('order', 'sequential'),
    breakdown: one('breakdown', ''),
    value: one('value', '')
  }
}

/** Back into the URL's shape, defaults left out. */
function toPage (s) {
  const page = {}
  if (s.keyPath) page.keyPath = [s.keyPath]; else if (s.steps.length) page.step = s.steps
  if (s.window !== '14d') page.window = [s.window]
  if (s.unit !== 'visitors') page.unit = [s.unit]
  if (s.order !== 'sequential') page.order = [s.order]
  if (s.breakdown) page.breakdown = [s.breakdown]
  if (s.breakdown && s.value) page.value = [s.value]
  return page
}

/**
 * Funnels: steps picked from the pages, events and key paths seen in the range; the units reaching each
 * step as bars with the conversion and the drop-off between steps and the median time to convert; a
 * breakdown table whose rows open as their own funnel. Everything chosen is in the URL.
 */
export default {
  id: 'funnels',
  title: 'Funnels',
  async render (root, ctx) {
    const s = settings(ctx.state.page)
    const range = { from: ctx.range.from.toISOString(), to: ctx.range.to.toISOString() }
    const builder = h('section.panel.funnel-builder', h('h2', 'Funnel'), h('p.hint', 'Loading the pages and events of this range…'))
    const result = h('section.panel.funnel-result')
    const breakdown = h('section.panel.funnel-breakdown')
    root.replaceChildren(builder, result, breakdown)

    const choices = await ctx.report('funnel/steps', range)
    builder.replaceChildren(...form(s, choices, next => ctx.setPage(toPage(next))))
    if (!s.keyPath && s.steps.length < 2) {
      result.replaceChildren(h('p.hint', 'Pick at least two steps, or a key path, and press Show funnel.'))
      breakdown.hidden = true
      return
    }

    const funnel = await ctx.report('funnel', {
      ...range,
      ...(s.keyPath ? { keyPath: s.keyPath } : { step: s.steps }),
      window: s.window,
      unit: s.unit,
      order: s.order,
      breakdown: s.breakdown
    })
    const opened = s.value && funnel.breakdowns?.find(b => b.value === s.value)
    result.replaceChildren(
      h('h2', opened ? `${label(BREAKDOWNS, s.breakdown)}: ${opened.value}` : 'All ' + funnel.unit,
        h('small', ` · ${label(UNITS, s.unit).toLowerCase()} within ${s.window} of entering, ${s.order}`),
        opened ? h('button.link.back', { type: 'button', onclick: () => ctx.setPage(toPage({ ...s, value: '' })) }, ' · back to all') : null),
      bars(opened ? opened.steps : funnel.steps))
    breakdown.hidden = !funnel.breakdowns
    if (funnel.breakdowns) {
      breakdown.replaceChildren(
        h('h2', `By ${label(BREAKDOWNS, s.breakdown).toLowerCase()}`, h('small', ' · click a value to open its funnel')),
        h('div.scroll', breakdownTable(funnel.breakdowns, value => ctx.setPage(toPage({ ...s, value })))))
    }
  }
}

const label = (options, value) => options.find(o => o[0] === value)?.[1] ?? value

function form (s, choices, apply) {
  const options = [...choices.pages, ...choices.events]
  const list = h('datalist', { id: 'funnel-step-choices' }, options.map(c => h('option', { value: c.step }, `${format.count(c.events)} events`)))
  const steps = h('ol.steps', (s.steps.length ? s.steps : ['', '']).map(step => stepField(step)))
  const select = (name, values, current) => h('select', { name, 'aria-label': name },
    values.map(([value, text]) => h('option', { value, selected: value === current }, text)))
  const keyPaths = select('keyPath', [['', 'Steps as picked'], ...choices.keyPaths.map(k => [k.name, `Key path: ${k.name} (${k.steps.join(' → ')})`])], s.keyPath)
  const formEl = h('form.funnel-form', {
    onsubmit: e => {
      e.preventDefault()
      const data = new FormData(e.target)
      apply({
        steps: data.getAll('step').map(v => v.trim()).filter(Boolean),
        keyPath: data.get('keyPath'),
        window: data.get('window'),
        unit: data.get('unit'),
        order: data.get('order'),
        breakdown: data.get('breakdown'),
        value: ''
      })
    }
  },
  list,
  steps,
  h('div.funnel-actions',
    h('button', { type: 'button', className: 'add-step', onclick: () => { if (steps.children.length < MAX_STEPS) steps.append(stepField('')) } }, '+ Add step'),
    keyPaths,
    select('window', WINDOWS.map(w => [w, `within ${w}`]), s.window),
    select('unit', UNITS, s.unit),
    select('order', ORDERS, s.order),
    select('breakdown', BREAKDOWNS, s.breakdown),
    h('button', { type: 'submit', className: 'primary' }, 'Show funnel')),
  h('p.hint', 'A step is page:PATH (* matches anything) or event:NAME, optionally with {property=value}. ',
    `${format.count(choices.pagesTotal)} pages and ${format.count(choices.eventsTotal)} events in this range.`))
  return [h('h2', 'Funnel'), formEl]
}

function stepField (value) {
  const item = h('li', h('input', { name: 'step', value, list: 'funnel-step-choices', placeholder: 'page:/pricing or event:signup', 'aria-label': 'Step', autocomplete: 'off' }),
    h('button', { type: 'button', title: 'Remove this step', onclick: () => item.remove() }, '×'))
  return item
}

/** A bar per step (its count against step 1's), the conversion, and between steps the drop-off and the median time. */
function bars (steps) {
  const first = Math.max(1, steps[0]?.count ?? 0)
  return h('ol.funnel', steps.map((step, i) => h('li', { dataset: { step: i + 1 } },
    i > 0
      ? h('div.between', { dataset: { field: 'between' } },
        h('span.drop', { dataset: { field: 'dropOff' } }, `−${format.count(steps[i - 1].count - step.count)} (${format.percent(1 - step.conversionFromPrevious)} drop off)`),
        h('span', { dataset: { field: 'conversionFromPrevious' } }, `${format.percent(step.conversionFromPrevious)} continue`),
        h('span', { dataset: { field: 'median' } }, step.medianSecondsFromPrevious == null ? 'no median time' : `median ${format.duration(step.medianSecondsFromPrevious)}`))
      : null,
    h('div.step-line',
      h('span.step-name', { title: step.step }, step.step),
      h('span.bar-track', h('span.step-bar', { style: `width:${(100 * step.count / first).toFixed(1)}%` })),
      h('strong', { dataset: { field: 'count' } }, format.count(step.count)),
      h('span.conversion', { dataset: { field: 'conversionFromFirst' } }, format.percent(step.conversionFromFirst))))))
}

function breakdownTable (breakdowns, open) {
  const rows = breakdowns.map(b => ({
    value: b.value,
    entered: b.steps[0].count,
    converted: b.steps[b.steps.length - 1].count,
    conversion: b.steps[b.steps.length - 1].conversionFromFirst
  }))
  return table({
    name: 'funnel-breakdown',
    sort: 'entered',
    rows,
    onFilter: (_, value) => open(value),
    emptyText: 'No unit entered the funnel.',
    columns: [
      { key: 'value', label: 'Value', filter: 'value' },
      { key: 'entered', label: 'Entered', numeric: true, bar: true, format: format.count },
      { key: 'converted', label: 'Reached the last step', numeric: true, format: format.count },
      { key: 'conversion', label: 'Conversion', numeric: true, format: format.percent }
    ]
  })
}
