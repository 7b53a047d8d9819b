// The dashboard's state is its URL query (view, range, custom from/to, compare, filters, and what a page
// keeps of its own, such as a funnel's steps or the accounts page's segment), so a view can be bookmarked
// and shared. Pages read it and change it only through update(), setPage() and setParam().

export const FILTERS = [
  { name: 'keyword', label: 'Keyword' },
  { name: 'page', label: 'Landing page' },
  { name: 'source', label: 'Source' },
  { name: 'device', label: 'Device' }
]

// The shell's own parameters; every other one belongs to the current page (state.page).
const SHELL = new Set(['view', 'range', 'from', 'to', 'compare', ...FILTERS.map(f => f.name)])

const listeners = new Set()
let current = read()

function read () {
  const q = new URLSearchParams(location.search)
  const filters = {}
  for (const { name } of FILTERS) if (q.get(name)) filters[name] = q.get(name)
  // The rest is the page's own: each name with all its values (a funnel has several steps).
  const page = {}
  for (const name of new Set(q.keys())) if (!SHELL.has(name)) page[name] = q.getAll(name)
  return {
    view: q.get('view') || 'overview',
    range: q.get('range') || '7d',
    from: q.get('from') || '',
    to: q.get('to') || '',
    compare: q.get('compare') !== 'off',
    filters,
    page
  }
}

function toQuery (s) {
  const q = new URLSearchParams()
  if (s.view !== 'overview') q.set('view', s.view)
  if (s.range !== '7d') q.set('range', s.range)
  if (s.range === 'custom') { q.set('from', s.from); q.set('to', s.to) }
  if (!s.compare) q.set('compare', 'off')
  for (const { name } of FILTERS) if (s.filters[name]) q.set(name, s.filters[name])
  for (const [name, values] of Object.entries(s.page)) for (const value of values) q.append(name, value)
  const text = q.toString()
  return text ? '?' + text : ''
}

export const state = () => current

/** Changes the state (a shallow patch; filters replace as a whole), records it in the history, re-renders. */
export function update (patch) {
  current = { ...current, ...patch }
  history.pushState(null, '', location.pathname + toQuery(current))
  notify()
}

export function setFilter (name, value) {
  const filters = { ...current.filters }
  if (value) filters[name] = value; else delete filters[name]
  update({ filters })
}

/** Replaces the page's own state: { name: [values] }. */
export const setPage = page => update({ page })

/** Sets (or with a falsy value removes) one single-valued parameter of the current page's own. */
export const setParam = (name, value) => update({ page: { ...current.page, [name]: value ? [value] : [] } })

export function subscribe (listener) { listeners.add(listener) }

function notify () { for (const listener of listeners) listener(current) }

addEventListener('popstate', () => { current = read(); notify() })
