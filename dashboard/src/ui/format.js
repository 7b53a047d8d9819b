// How figures read on screen. Rates are fractions 0..1 from the API.

export const count = n => Math.round(n).toLocaleString('en-US')
export const percent = x => (x * 100).toFixed(1) + '%'
export const duration = seconds => {
  const s = Math.round(seconds)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
}

/** The change against the previous period: relative for counts and durations, in points for rates. */
export function change (current, previous, kind) {
  if (kind === 'rate') {
    const points = (current - previous) * 100
    return { text: `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`, up: points > 0, down: points < 0 }
  }
  if (!previous) return { text: current ? 'new' : '—', up: current > 0, down: false }
  const relative = (current - previous) / previous * 100
  return { text: `${relative >= 0 ? '+' : '−'}${Math.abs(relative).toFixed(1)}%`, up: relative > 0, down: relative < 0 }
}
