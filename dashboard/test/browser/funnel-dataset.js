// Generated funnel traffic and the funnel of the definition (docs/definitions.md "Funnel", "Visitor"),
// computed here by brute force from the events, not as the report computes it: people who land
// anonymously, look at pricing and sign up, some signed in and in a new session after an identify that
// links their ids, some out of order, too slow for the window, or with noise between the steps.
import { randomUUID } from 'node:crypto'
import { random } from './dataset.js'

export const KEYWORDS = ['客户管理系统', '免费CRM', 'crm tool']

/** `people` people whose first visit starts between `from` and `to` (Dates). */
export function generate ({ seed, people, from, to }) {
  const next = random(seed)
  const pick = list => list[Math.floor(next() * list.length)]
  const events = []
  for (let p = 0; p < people; p++) {
    const anonymousId = `fa-${p}-${randomUUID()}`
    const userId = next() < 0.6 ? `fu-${p}` : null
    let time = from.getTime() + Math.floor(next() * (to - from - 3 * 3600e3))
    let sessionId = 's-' + randomUUID()
    const add = (type, name, path, ids = { anonymousId }, extra = {}) => events.push({
      type,
      ...(name ? { event: name } : {}),
      messageId: 'm-' + randomUUID(),
      ...ids,
      timestamp: new Date(time).toISOString(),
      context: { sessionId, page: { path, url: 'https://www.example.cn' + path }, ...(extra.campaign ? { campaign: extra.campaign } : {}) },
      properties: {},
      // What the expectation reads:
      _time: time,
      _path: path,
      _keyword: extra.campaign?.term ?? '(none)'
    })
    add('page', null, pick(['/landing/crm', '/landing/erp', '/blog']), { anonymousId }, { campaign: { source: 'newsletter', term: pick(KEYWORDS) } })
    const shape = next()
    const later = () => { time += 2000 + Math.floor(next() * (shape < 0.15 ? 2400e3 : 600e3)) }
    if (next() < 0.3) { later(); add('track', 'click', '/landing/crm') }
    if (shape < 0.85) { later(); add('page', null, next() < 0.8 ? '/pricing' : '/features') }
    if (next() < 0.3) { later(); add('page', null, '/landing/crm') }
    if (shape < 0.6) {
      later()
      if (userId && next() < 0.6) {
        // Signs up signed in, in a new session: stitched by an identify sent at any time.
        const identifyAt = time
        sessionId = 's-' + randomUUID()
        add('track', 'signup', '/app', { userId })
        time = identifyAt - Math.floor(next() * 3600e3) + Math.floor(next() * 7200e3)
        add('identify', null, '/app', { anonymousId, userId })
      } else {
        add('track', 'signup', '/pricing')
      }
    }
  }
  return { events: events.map(({ _time, _path, _keyword, ...json }) => json), model: events.map(e => ({ ...e, time: e._time, path: e._path, keyword: e._keyword })) }
}

const matches = (step, e) => step.startsWith('page:')
  ? e.type === 'page' && new RegExp('^' + step.slice(5).split('*').map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$').test(e.path)
  : e.type === 'track' && e.event === step.slice(6)

const byTime = (a, b) => a.time - b.time || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0)

/** Visitors (stitched) or sessions reaching each step in sequential order, with conversions and medians; per keyword too. */
export function expectedFunnel (model, { steps, unit, from, to, windowMs }) {
  const links = new Map()
  for (const e of [...model].sort(byTime)) if (e.anonymousId && e.userId && !links.has(e.anonymousId)) links.set(e.anonymousId, e.userId)
  const visitor = e => e.userId || links.get(e.anonymousId) || e.anonymousId
  const unitOf = unit === 'sessions' ? e => e.context.sessionId : visitor
  const sessionKeyword = new Map()
  for (const e of [...model].sort(byTime)) if (e.type === 'page' && !sessionKeyword.has(e.context.sessionId)) sessionKeyword.set(e.context.sessionId, e.keyword)

  const units = []
  const groups = new Map()
  for (const e of model) groups.set(unitOf(e), [...(groups.get(unitOf(e)) || []), e])
  for (const events of groups.values()) {
    events.sort(byTime)
    let best = null
    events.forEach((entering, i) => {
      if (!matches(steps[0], entering) || entering.time < from || entering.time >= to) return
      const deadline = entering.time + windowMs
      const memo = new Map()
      const candidates = (j, reached) => events.map((e, n) => n).filter(n => n > j && matches(steps[reached], events[n]) && events[n].time > events[j].time && events[n].time <= deadline)
      const reach = (j, reached) => {
        if (reached === steps.length) return reached
        const key = j + ':' + reached
        if (!memo.has(key)) memo.set(key, Math.max(reached, ...candidates(j, reached).map(n => reach(n, reached + 1))))
        return memo.get(key)
      }
      const level = reach(i, 1)
      if (best && level <= best.length) return
      const chain = [entering]
      let at = i
      while (chain.length < level) {
        at = candidates(at, chain.length).find(n => reach(n, chain.length + 1) === level)
        chain.push(events[at])
      }
      best = chain
    })
    if (best) units.push({ level: best.length, gaps: best.slice(1).map((e, k) => (e.time - best[k].time) / 1000), keyword: sessionKeyword.get(best[0].context.sessionId) ?? '(none)' })
  }

  const figures = list => {
    const counts = steps.map((_, k) => list.filter(u => u.level > k).length)
    return steps.map((_, k) => {
      const gaps = list.filter(u => u.level > k && k > 0).map(u => u.gaps[k - 1]).sort((a, b) => a - b)
      const mid = Math.floor(gaps.length / 2)
      return {
        count: counts[k],
        conversionFromFirst: counts[0] ? counts[k] / counts[0] : 0,
        conversionFromPrevious: k === 0 ? null : counts[k - 1] ? counts[k] / counts[k - 1] : 0,
        median: gaps.length === 0 ? null : gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2
      }
    })
  }
  const keywords = new Map()
  for (const u of units) keywords.set(u.keyword, [...(keywords.get(u.keyword) || []), u])
  const breakdowns = [...keywords].map(([value, list]) => ({ value, steps: figures(list) }))
    .sort((a, b) => b.steps[0].count - a.steps[0].count || (a.value < b.value ? -1 : 1))
  return { steps: figures(units), breakdowns }
}
