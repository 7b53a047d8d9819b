// The browser snippet. Bundled by scripts/build.mjs into an IIFE whose only
// global is `tracking`. Every entry point (API methods, listeners, timers,
// storage access) runs inside `g`, so nothing the snippet does can throw into
// the host page. Written for size: the build fails above 2304 B min+gzip.
import { uid, campaign, source, session, selector, click, scrollPct, leadFields, retryable, backoff } from './core.js'

const w = window, d = document, n = navigator, loc = location, S0 = 'tracking'
const AID = '_trk_aid', SID = '_trk_sid', UID = '_trk_uid', GID = '_trk_gid', OPT = '_trk_opt', YEAR = 31536e3
const g = f => function () { try { return f.apply(this, arguments) } catch (e) {} }
const iso = () => new Date().toISOString()

g(() => {
  const Q = w[S0]
  if (Q && !Q.push) return // already loaded (or the name is taken)

  const sc = d.currentScript, ds = sc.dataset, cookieless = 'cookieless' in ds
  const url = (ds.api || new URL(sc.src).origin) + '/v1/batch'

  // Storage: first-party cookies, or (cookieless) localStorage — memory when
  // unavailable. The time of the last event is kept in localStorage too, so the
  // 30-minute session rule holds without cookie expiry.
  let S = {}
  g(() => S = localStorage)()
  const get = g(k => cookieless ? S[k] : unescape(d.cookie.match('(^| )' + k + '=([^;]*)')[2]))
  const set = g((k, v, ttl) => cookieless
    ? S[k] = v
    : d.cookie = k + '=' + escape(v) + ';path=/;max-age=' + ttl)

  // Outbox: persisted (bounded) so events survive an unreachable collector and
  // are sent on the next load; the collector dedups on messageId. Saving also
  // stamps the activity time the session rule reads (_trk_t).
  let q = g(() => [...JSON.parse(S._trk_q)])() || [], timer, busy, fails = 0
  const save = g(() => { S._trk_t = Date.now(); S._trk_q = JSON.stringify(q = q.slice(-200)) })
  const send = g(beacon => {
    timer = 0 // a stale timer just calls send() once more
    const b = q.slice(0, 50)
    const body = JSON.stringify({ batch: b, sentAt: iso(), writeKey: ds.writeKey })
    const done = () => { q = q.filter(e => !b.includes(e)); save() }
    if (!b[0] || busy && !beacon) return
    // A beacon's fate is unknown: keep the events if the collector was failing.
    if (beacon) return n.sendBeacon(url, body) && !fails && done()
    busy = fetch(url, { method: 'POST', body })
      .then(r => { if (retryable(r.status)) throw r; done(); busy = fails = 0; q[0] && send() })
      .catch(r => { busy = 0; timer = setTimeout(send, backoff(fails++, r.headers?.get('Retry-After'))) })
  })

  let src = source(campaign(loc.search), d.referrer, loc.host), cur, deep = 0
  const here = () => loc.href.split('#')[0]
  const emit = g((type, f) => {
    const o = get(OPT)
    if (o ? o != 1 : n.doNotTrack == 1 || 'consent' in ds) return
    const a = get(AID) || uid(), s = session(get(SID), src, S._trk_t)
    src = ''
    set(AID, a, YEAR); set(SID, s, 1800)
    // A copy: later changes by the page don't leak in, unserializable events never enter the queue.
    q.push(JSON.parse(JSON.stringify({
      type, messageId: uid(), anonymousId: a, userId: get(UID), groupId: get(GID), timestamp: iso(),
      context: {
        page: { url: loc.href, path: loc.pathname, referrer: d.referrer, title: d.title, search: loc.search },
        campaign: campaign(loc.search), userAgent: n.userAgent, locale: n.language,
        screen: { width: screen.width, height: screen.height }, sessionId: s,
        library: { name: 'tracking-js', version: VERSION }
      },
      ...f
    })))
    save()
    q[9] && !fails ? send() : timer ||= setTimeout(send, 1e3)
  })

  const track = (event, properties) => emit('track', { event, properties })
  // A page view starts a new deepest point seen (SPA pages too).
  const page = properties => emit('page', { properties }, cur = here(), deep = 0)
  const api = w[S0] = {
    page, track,
    identify: (userId, traits) => emit('identify', { userId, traits }, set(UID, userId, YEAR)),
    group: (groupId, traits) => emit('group', { groupId, traits }, set(GID, groupId, YEAR)),
    lead: p => track('lead', p),
    reset: () => [AID, SID, UID, GID].map(k => set(k, '', 0)),
    optOut: () => { set(OPT, 0, YEAR); q = []; save(); api.reset() },
    optIn: () => set(OPT, 1, YEAR)
  }

  // Calls queued by the loader stub, then the first page view (unless queued).
  Q?.map(g(c => api[c[0]](...c.slice(1))))
  cur || page()

  const on = (t, e, f) => t.addEventListener(e, g(f), true)
  // SPA navigation (History API, popstate): watch the URL (in-page #anchors
  // are not page views). Polling also sees routers that captured
  // history.pushState before the snippet loaded. As in Segment's analytics.js,
  // context.page.referrer stays document.referrer.
  setInterval(g(() => here() != cur && page()), 500)

  // Click autocapture; outbound links are reported as `outbound` with the host.
  on(d, 'click', e => {
    const el = e.target.closest('a,button') || e.target
    const p = click(e, el, w), h = el.host
    h && h != loc.host ? track('outbound', { host: h, url: el.href, ...p }) : track('click', p)
  })

  // Lead forms: field names only, never values.
  on(d, 'submit', e => {
    const f = e.target, fields = leadFields(f)
    fields[0] && track('lead', { form: selector(f), fields })
  })

  // Scroll depth: the deepest point of the page seen (the viewport's bottom).
  const seen = () => deep = Math.max(deep, w.scrollY + w.innerHeight)
  on(w, 'scroll', seen)

  // Page leave with engaged (visible) time and scroll depth; flush by beacon whenever hidden.
  let eng = 0, t0 = Date.now(), left
  const leave = () => {
    left || track('page_leave', { engaged_ms: eng += Date.now() - t0, scroll_pct: scrollPct(seen(), d.documentElement.scrollHeight) }, left = 1)
    send(1)
  }
  on(d, 'visibilitychange', () => d.hidden ? leave() : left = !(t0 = Date.now()))
  on(w, 'pagehide', leave)
})()
