// The dashboard's state is its URL query (view, range, custom from/to, compare, filters), so a view can be
// bookmarked and shared. Pages read it and change it only through update().

export const FILTERS = [
  { name: 'keyword', label: 'Keyword' },
  { name: 'page', label: 'Landing page' },
  { name: 'source', label: 'Source' },
  { name: 'device', label: 'Device' }
]

const listeners = new Set()
let current = read()

function read () {
  const q = new URLSearchParams(location.search)
  const filters = {}
  for (const { name } of FILTERS) if (q.get(name)) filters[name] = q.get(name)
  return {
    view: q.get('view') || 'overview',
    range: q.get('range') || '7d',
    from: q.get('from') || '',
    to: q.get('to') || '',
    compare: q.get('compare') !== 'off',
    filters
  }
}

function toQuery (s) {
  const q = new URLSearchParams()
  if (s.view !== 'overview') q.set('view', s.view)
  if (s.range !== '7d') q.set('range', s.range)
  if (s.range === 'custom') { q.set('from', s.from); q.set('to', s.to) }
  if (!s.compare) q.set('compare', 'off')
  for (const { name } of FILTERS) if (s.filters[name]) q.set(name, s.filters[name])
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

export function subscribe (listener) { listeners.add(listener) }

function notify () { for (const listener of listeners) listener(current) }

addEventListener('popstate', () => { current = read(); notify() })
