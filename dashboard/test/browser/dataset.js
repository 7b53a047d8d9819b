// Generated landing traffic whose every dashboard figure the test knows by construction: each session's
// start, visitor, keyword (from a search referrer or utm_term), landing page, device, bounce and lead.
import { randomUUID } from 'node:crypto'

const KEYWORDS = ['免费CRM', '客户管理系统', '营销自动化', 'crm tool', '销售 漏斗']
const PAGES = ['/', '/pricing', '/features/crm', '/landing/spring-sale']
const UA = {
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  mobile: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
}

/** A seeded generator (mulberry32), so a failing run can be replayed. */
export function random (seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` sessions starting between `from` and `to` (Dates). */
export function generate ({ seed, count, from, to }) {
  const next = random(seed)
  const pick = list => list[Math.floor(next() * list.length)]
  const sessions = []
  const events = []
  const visitors = []
  for (let i = 0; i < count; i++) {
    // Some visitors come back: visitors are not sessions.
    const visitor = visitors.length && next() < 0.2 ? pick(visitors) : 'v-' + randomUUID()
    visitors.push(visitor)
    const start = new Date(from.getTime() + Math.floor(next() * (to - from)))
    const page = pick(PAGES)
    const keyword = pick(KEYWORDS)
    const device = next() < 0.35 ? 'mobile' : 'desktop'
    const viaSearch = next() < 0.7
    const sessionId = 's-' + randomUUID()
    let time = start.getTime()
    const add = (type, name, path, extra = {}) => events.push({
      type,
      ...(name ? { event: name } : {}),
      messageId: 'm-' + randomUUID(),
      anonymousId: visitor,
      timestamp: new Date(time).toISOString(),
      context: {
        sessionId,
        userAgent: UA[device],
        locale: 'zh-CN',
        page: { url: 'https://www.example.cn' + path + (extra.query || ''), path, title: 'Example', referrer: extra.referrer || '' },
        ...(extra.campaign ? { campaign: extra.campaign } : {})
      },
      properties: extra.properties || {}
    })
    add('page', null, page, viaSearch
      ? { referrer: 'https://www.baidu.com/s?wd=' + encodeURIComponent(keyword) }
      : { query: '?utm_source=newsletter&utm_term=' + encodeURIComponent(keyword), campaign: { source: 'newsletter', term: keyword } })
    const shape = next()
    const steps = shape < 0.4 ? 0 : 1 + Math.floor(next() * 5)
    let pageViews = 1; let interactions = 0; let lead = false
    for (let s = 0; s < steps; s++) {
      time += 5000 + Math.floor(next() * 300e3)
      const what = next()
      if (what < 0.4) { add('page', null, pick(PAGES)); pageViews++ } else if (what < 0.8) { add('track', 'click', page, { properties: { selector: 'a.cta' } }); interactions++ } else { add('track', 'lead', page, { properties: { form: '#contact' } }); interactions++; lead = true }
    }
    time += 1000 + Math.floor(next() * 60e3)
    add('track', 'page_leave', page, { properties: { engaged_ms: 1000 } })
    sessions.push({ visitor, start, end: new Date(time), page, keyword, device, source: viaSearch ? 'baidu' : 'newsletter', bounced: pageViews === 1 && interactions === 0, lead })
  }
  return { sessions, events }
}

/** The figures of a set of sessions by the metric definitions (README "Metric definitions"). */
export function figures (sessions) {
  const n = sessions.length
  const durations = sessions.map(s => (s.end - s.start) / 1000).sort((a, b) => a - b)
  const mid = Math.floor(n / 2)
  return {
    sessions: n,
    visitors: new Set(sessions.map(s => s.visitor)).size,
    bounceRate: n ? sessions.filter(s => s.bounced).length / n : 0,
    leadRate: n ? sessions.filter(s => s.lead).length / n : 0,
    medianDurationSeconds: n === 0 ? 0 : n % 2 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2
  }
}

/** Keyword rows, most sessions first, ties by keyword (ordinal, as ClickHouse sorts). */
export function byKeyword (sessions) {
  const groups = new Map()
  for (const s of sessions) groups.set(s.keyword, [...(groups.get(s.keyword) || []), s])
  return [...groups].map(([keyword, list]) => ({ keyword, ...figures(list) }))
    .sort((a, b) => b.sessions - a.sessions || (a.keyword < b.keyword ? -1 : 1))
}
