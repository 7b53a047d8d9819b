// The dashboard shell: navigation, the project switcher, date range with compare, filters, the read key, and the page of the
// current view. Each page module renders into the main area from the state and the report API.
import './styles.css'
import { h } from './ui/dom.js'
import { pages } from './pages/index.js'
import { state, update, setFilter, setPage, setParam, subscribe, FILTERS } from './state.js'
import { PRESETS, resolveRange, isoDate, timeZone } from './range.js'
import { report, takeKeyFromUrl, readKey, saveKey, knownKeys, labelCurrentKey, ApiError } from './api.js'

takeKeyFromUrl()

const nav = h('nav.pages')
const projects = h('div.projects')
const controls = h('div.controls')
const filterBar = h('div.filters')
const message = h('div.message', { role: 'alert' })
const main = h('main')
document.getElementById('app').replaceChildren(
  h('header', h('a.brand', { href: '/dashboard' }, 'Tracking'), projects, nav),
  h('div.toolbar', controls, filterBar),
  message,
  main)

let loading = null

function render () {
  const s = state()
  const page = pages.find(p => p.id === s.view) || pages[0]
  const range = resolveRange(s)
  document.title = `${page.title} · Tracking`
  renderNav(page)
  refreshProjects()
  renderControls(s, range)
  renderFilters(s)

  loading?.abort()
  const controller = loading = new AbortController()
  document.body.dataset.state = 'loading'
  message.replaceChildren()
  message.hidden = true
  const ctx = {
    state: s,
    range,
    timeZone: timeZone(),
    params: r => ({ from: r.from.toISOString(), to: r.to.toISOString(), ...s.filters }),
    report: (name, params) => report(name, params, controller.signal),
    setFilter,
    setPage,
    setParam,
    // One single-valued parameter of the page's own state ('' when absent).
    param: name => s.page[name]?.[0] ?? ''
  }
  page.render(main, ctx).then(
    () => { if (loading === controller) document.body.dataset.state = 'ready' },
    error => { if (loading === controller && error.name !== 'AbortError') showError(error) })
}

const ADD = ''

/** The projects whose read keys this browser holds; choosing one makes its key the current one. */
function renderProjects () {
  const known = knownKeys()
  const current = known.find(k => k.key === readKey())
  projects.replaceChildren(h('select', {
    name: 'project',
    'aria-label': 'Project',
    onchange: e => {
      const chosen = known.find(k => k.id === e.target.value)
      if (chosen) { saveKey(chosen.key); render() } else showError(new ApiError('key', 'Enter the read key of the project to add.'))
    }
  }, ...known.map(k => h('option', { value: k.id, selected: k === current }, k.name)),
  h('option', { value: ADD, selected: !current }, 'Add a project…')))
}

/** Labels the current key with its project (once per key) and shows the switcher. */
async function refreshProjects () {
  if (readKey() && !knownKeys().some(k => k.key === readKey())) await labelCurrentKey()
  renderProjects()
}

function renderNav (current) {
  nav.replaceChildren(...pages.map(p => h('a', {
    href: '?view=' + p.id,
    className: p === current ? 'active' : '',
    onclick: e => { e.preventDefault(); update({ view: p.id, page: {} }) }
  }, p.title)))
}

function renderControls (s, range) {
  const presets = h('div.presets', { role: 'group', 'aria-label': 'Date range' }, PRESETS.map(p => h('button', {
    type: 'button',
    className: s.range === p.id ? 'active' : '',
    dataset: { range: p.id },
    onclick: () => update(p.id === 'custom'
      ? { range: 'custom', from: s.from || isoDate(range.from), to: s.to || isoDate(new Date(range.to - 1)) }
      : { range: p.id })
  }, p.label)))
  const custom = s.range === 'custom'
    ? h('form.custom', {
      onsubmit: e => {
        e.preventDefault()
        const data = new FormData(e.target)
        update({ from: data.get('from'), to: data.get('to') })
      }
    },
    h('input', { type: 'date', name: 'from', value: isoDate(range.from), 'aria-label': 'From' }),
    '–',
    h('input', { type: 'date', name: 'to', value: isoDate(new Date(range.to - 1)), 'aria-label': 'To' }),
    h('button', { type: 'submit' }, 'Apply'))
    : null
  const compare = h('label.compare', h('input', {
    type: 'checkbox',
    checked: s.compare,
    onchange: e => update({ compare: e.target.checked })
  }), 'Compare to previous period')
  controls.replaceChildren(...[presets, custom, compare].filter(Boolean))
}

function renderFilters (s) {
  const active = FILTERS.filter(f => s.filters[f.name])
  filterBar.replaceChildren(...(active.length
    ? active.map(f => h('span.chip', { dataset: { filter: f.name } },
      `${f.label}: `, h('strong', s.filters[f.name]),
      h('button', { type: 'button', title: `Remove the ${f.label.toLowerCase()} filter`, onclick: () => setFilter(f.name, null) }, '×')))
    : [h('span.hint', 'Click a row to filter every page by it.')]))
}

function showError (error) {
  document.body.dataset.state = 'error'
  message.hidden = false
  const kind = error instanceof ApiError ? error.kind : 'request'
  message.dataset.kind = kind
  const parts = [h('p', error instanceof ApiError ? error.message : 'Something went wrong: ' + error.message)]
  if (kind === 'key') {
    parts.push(h('form.key', {
      onsubmit: e => { e.preventDefault(); saveKey(new FormData(e.target).get('key')); render() }
    }, h('input', { type: 'password', name: 'key', placeholder: 'Read key', value: readKey(), autocomplete: 'off', 'aria-label': 'Read key' }),
    h('button', { type: 'submit' }, 'Use this key')))
  } else {
    parts.push(h('button', { type: 'button', onclick: render }, 'Try again'))
  }
  message.replaceChildren(...parts)
}

subscribe(render)
render()
