// Date ranges in the browser's time zone: presets end now, custom ranges are whole local days. The previous
// period is the same stretch of time one period (its number of days) earlier. Up to 2 days the chart
// buckets by hour, beyond by day.

export const PRESETS = [
  { id: 'today', label: 'Today', days: 1 },
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: 'custom', label: 'Custom' }
]

const DAY = 86400e3

export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

const midnight = date => new Date(date.getFullYear(), date.getMonth(), date.getDate())
const addDays = (date, days) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds())

/** A local date as YYYY-MM-DD (what a date input holds). */
export const isoDate = date =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

const parseDate = text => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '')
  return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null
}

/** { from, to, days, interval, previous: { from, to } } for the state's range. */
export function resolveRange (s, now = new Date()) {
  let from, to, days
  const preset = PRESETS.find(p => p.id === s.range && p.days)
  const customFrom = parseDate(s.from)
  const customTo = parseDate(s.to)
  if (s.range === 'custom' && customFrom && customTo && customTo >= customFrom) {
    days = Math.round((midnight(customTo) - midnight(customFrom)) / DAY) + 1
    from = customFrom
    to = addDays(customTo, 1)
  } else {
    days = (preset || PRESETS[1]).days
    from = addDays(midnight(now), 1 - days)
    to = now
  }
  const interval = to - from <= 2 * DAY ? 'hour' : 'day'
  return { from, to, days, interval, previous: { from: addDays(from, -days), to: addDays(to, -days) } }
}
