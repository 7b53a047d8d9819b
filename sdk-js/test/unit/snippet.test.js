// The snippet's glue (src/tracking.js) in a fake browser: envelope, cookies,
// batching, retries/backoff, offline queue, beacons, consent, stub queue,
// SPA page views, autocapture and error isolation.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { browser } from './harness.js'

const ev = (b, pred) => b.sent.filter(pred)

test('loads: one global, a page view with the Segment envelope, sent to the script origin', async () => {
  const b = browser({ url: 'https://shop.example/landing?utm_source=baidu&utm_medium=cpc&utm_term=%E5%AE%A2%E6%9C%8D', referrer: 'https://www.baidu.com/s?wd=x' }).run()
  assert.deepEqual(Object.keys(b.window).filter(k => !b.globalsBefore.includes(k)), ['tracking'])
  assert.equal(b.requests.length, 0, 'batched, not sent synchronously')
  await b.advance(1000)
  assert.equal(b.requests.length, 1)
  const [r] = b.requests
  assert.equal(r.url, 'https://collector.example/v1/batch')
  assert.equal(r.init.method, 'POST')
  assert.equal(typeof r.init.body, 'string', 'string body: text/plain, no preflight')
  assert.equal(r.init.headers, undefined)
  assert.equal(r.body.writeKey, 'wk_test')
  assert.ok(!isNaN(Date.parse(r.body.sentAt)))
  const [p] = r.body.batch
  assert.equal(p.type, 'page')
  assert.match(p.messageId, /^[0-9a-z]{12,}$/)
  assert.equal(p.anonymousId, b.jar.get('_trk_aid'))
  assert.equal(p.context.sessionId, b.jar.get('_trk_sid'))
  assert.ok(!isNaN(Date.parse(p.timestamp)))
  assert.deepEqual(p.context.page, { url: 'https://shop.example/landing?utm_source=baidu&utm_medium=cpc&utm_term=%E5%AE%A2%E6%9C%8D', path: '/landing', referrer: 'https://www.baidu.com/s?wd=x', title: 'Landing page', search: '?utm_source=baidu&utm_medium=cpc&utm_term=%E5%AE%A2%E6%9C%8D' })
  assert.deepEqual(p.context.campaign, { source: 'baidu', medium: 'cpc', term: '客服' })
  assert.equal(p.context.locale, 'zh-CN')
  assert.deepEqual(p.context.screen, { width: 1920, height: 1080 })
  assert.equal(p.context.library.name, 'tracking-js')
  assert.match(p.context.library.version, /^\d+\.\d+\.\d+/)
  assert.match(p.context.userAgent, /Chrome/)
})

test('data-api overrides the endpoint', async () => {
  const b = browser({ dataset: { api: 'https://t.example.cn' } }).run()
  await b.advance(1000)
  assert.equal(b.requests[0].url, 'https://t.example.cn/v1/batch')
})

test('cookies: visitor and session ids persist across page loads; session refreshed for 30 minutes', async () => {
  const jar = new Map()
  const b1 = browser({ cookies: jar }).run()
  await b1.advance(1000)
  const b2 = browser({ cookies: jar, url: 'https://shop.example/pricing', referrer: 'https://shop.example/landing' }).run()
  await b2.advance(1000)
  const [p1, p2] = [b1.sent[0], b2.sent[0]]
  assert.equal(p2.anonymousId, p1.anonymousId)
  assert.equal(p2.context.sessionId, p1.context.sessionId)
  // The fake jar ignores expiry; the snippet asks for 1 year / 30 minutes.
  const b3 = browser({ cookies: new Map() })
  const setCookies = []
  const desc = Object.getOwnPropertyDescriptor(b3.document, 'cookie')
  Object.defineProperty(b3.document, 'cookie', { get: desc.get, set (s) { setCookies.push(s); desc.set.call(this, s) } })
  b3.run()
  assert.ok(setCookies.some(s => /^_trk_aid=[^;]+;path=\/;max-age=31536000$/.test(s)), setCookies.join('\n'))
  assert.ok(setCookies.some(s => /^_trk_sid=[^;]+;path=\/;max-age=1800$/.test(s)), setCookies.join('\n'))
})

test('a new search arrival starts a new session for the same visitor', async () => {
  const jar = new Map()
  const visit = async opts => { const b = browser({ cookies: jar, ...opts }).run(); await b.advance(1000); return b.sent[0] }
  const v1 = await visit({ referrer: 'https://www.baidu.com/s?wd=a' })
  const v2 = await visit({ referrer: 'https://www.baidu.com/s?wd=a' }) // reload
  const v3 = await visit({ url: 'https://shop.example/thanks', referrer: 'https://shop.example/landing' })
  const v4 = await visit({ referrer: 'https://www.google.com/search?q=b' })
  const v5 = await visit({ url: 'https://shop.example/landing?utm_source=news&utm_campaign=c' })
  const [s1, s2, s3, s4, s5] = [v1, v2, v3, v4, v5].map(p => p.context.sessionId)
  assert.equal(s2, s1)
  assert.equal(s3, s1)
  assert.notEqual(s4, s3)
  assert.notEqual(s5, s4)
  assert.equal(new Set([v1, v2, v3, v4, v5].map(p => p.anonymousId)).size, 1)
})

test('batching: sent on size (10 events) without waiting for the timer', async () => {
  const b = browser().run()
  for (let i = 0; i < 9; i++) b.window.tracking.track('e' + i)
  await b.advance(0)
  assert.equal(b.requests.length, 1)
  assert.equal(b.requests[0].body.batch.length, 10)
})

test('retry: network errors and 5xx back off exponentially; events persist meanwhile; then delivered once', async () => {
  const b = browser({ status: 'network' }).run()
  b.window.tracking.track('signup', { plan: 'pro' })
  await b.advance(1000) // first attempt fails
  assert.equal(b.fetchCalls, 1)
  assert.deepEqual(b.pendingTimers(), [1000])
  assert.equal(JSON.parse(b.storage._trk_q).length, 2, 'outbox persisted')
  await b.advance(1000)
  assert.equal(b.fetchCalls, 2)
  b.status = 503
  await b.advance(2000)
  assert.equal(b.fetchCalls, 3)
  assert.deepEqual(b.pendingTimers(), [4000])
  b.status = 200
  await b.advance(4000)
  assert.equal(b.fetchCalls, 4)
  assert.deepEqual(b.delivered.map(e => e.event || e.type), ['page', 'signup'])
  assert.equal(JSON.parse(b.storage._trk_q).length, 0)
  await b.advance(120e3)
  assert.equal(b.fetchCalls, 4, 'nothing left to send')
})

test('retry: 429 honours Retry-After', async () => {
  let n = 0
  const b = browser({ status: () => n++ ? 200 : { status: 429, retryAfter: '7' } }).run()
  await b.advance(1000)
  assert.deepEqual(b.pendingTimers(), [7000])
  await b.advance(7000)
  assert.equal(b.delivered.length, 1)
})

test('4xx responses settle the batch: rejected events are not retried', async () => {
  const b = browser({ status: 400 }).run()
  await b.advance(1000)
  await b.advance(120e3)
  assert.equal(b.fetchCalls, 1)
  assert.equal(JSON.parse(b.storage._trk_q).length, 0)
})

test('offline queue: events left from an unreachable collector are sent on the next load', async () => {
  const storage = {}, jar = new Map()
  const b1 = browser({ storage, cookies: jar, status: 'network' }).run()
  b1.window.tracking.track('queued_offline')
  await b1.advance(1000)
  assert.equal(b1.delivered.length, 0)
  b1.document.hidden = true
  b1.fire('document', 'visibilitychange') // page leave: beacon, but the collector was failing: keep the events
  const kept = JSON.parse(storage._trk_q).map(e => e.messageId)
  assert.equal(kept.length, 3)
  const b2 = browser({ storage, cookies: jar }).run()
  await b2.advance(1000)
  const got = b2.delivered.map(e => e.messageId)
  for (const id of kept) assert.ok(got.includes(id), 'queued event delivered after the collector came back')
  assert.equal(JSON.parse(storage._trk_q).length, 0)
})

test('offline queue is bounded (200 newest events)', async () => {
  const b = browser({ status: 'network' }).run()
  for (let i = 0; i < 300; i++) b.window.tracking.track('e' + i)
  assert.equal(JSON.parse(b.storage._trk_q).length, 200)
  assert.equal(JSON.parse(b.storage._trk_q).at(-1).event, 'e299')
})

test('page leave: engaged time, sent by beacon on hide and pagehide, once per hide', async () => {
  const b = browser().run()
  b.window.tracking.track('click_something')
  b.document.hidden = true
  b.fire('document', 'visibilitychange')
  b.fire('window', 'pagehide')
  assert.equal(b.beacons.length, 1)
  assert.equal(b.beacons[0].url, 'https://collector.example/v1/batch')
  assert.equal(b.beacons[0].body.writeKey, 'wk_test')
  const leaves = b.sent.filter(e => e.event == 'page_leave')
  assert.equal(leaves.length, 1)
  assert.ok(leaves[0].properties.engaged_ms >= 0)
  assert.deepEqual(b.beacons[0].body.batch.map(e => e.event || e.type), ['page', 'click_something', 'page_leave'])
  assert.equal(JSON.parse(b.storage._trk_q).length, 0)
  b.document.hidden = false
  b.fire('document', 'visibilitychange')
  b.document.hidden = true
  b.fire('document', 'visibilitychange')
  assert.equal(b.sent.filter(e => e.event == 'page_leave').length, 2, 'a second visit of the tab, a second leave')
})

test('page leave: scroll_pct is the deepest point seen since the page view, not where the page is now', async () => {
  const b = browser().run()
  b.window.scrollY = 1440 // the viewport's bottom at 2160 of 2880 px
  b.fire('window', 'scroll')
  b.window.scrollY = 0
  b.fire('window', 'scroll')
  b.document.hidden = true
  b.fire('document', 'visibilitychange')
  assert.equal(b.sent.find(e => e.event == 'page_leave').properties.scroll_pct, 75)

  const top = browser().run()
  top.document.hidden = true
  top.fire('document', 'visibilitychange')
  assert.equal(top.sent.find(e => e.event == 'page_leave').properties.scroll_pct, 25, 'the first screen counts as seen')
})

test('clicks: selector, tag, text, positions; outbound links carry host and url', async () => {
  const b = browser().run()
  const mk = (tag, props) => ({ localName: tag, tagName: tag.toUpperCase(), id: '', classList: [], textContent: '', ...props })
  const cta = mk('button', { id: 'cta', textContent: ' Get a  quote ' })
  const span = { closest: () => cta }
  b.fire('document', 'click', { target: span, pageX: 640, pageY: 1500, clientX: 640, clientY: 360 })
  const out = mk('a', { classList: ['ext'], textContent: 'Partner', href: 'https://partner.example.org/x', host: 'partner.example.org' })
  b.fire('document', 'click', { target: { closest: () => out }, pageX: 10, pageY: 20, clientX: 10, clientY: 20 })
  const own = mk('a', { textContent: 'Pricing', href: 'https://shop.example/pricing', host: 'shop.example' })
  b.fire('document', 'click', { target: { closest: () => own }, pageX: 1, pageY: 2, clientX: 1, clientY: 2 })
  const [c, o, i] = b.window.tracking && JSON.parse(b.storage._trk_q).slice(1)
  assert.equal(c.event, 'click')
  assert.deepEqual(c.properties, { selector: '#cta', tag: 'button', text: 'Get a quote', x: 640, y: 1500, vx: 0.5, vy: 0.5, vw: 1280, vh: 720, dw: 1280, dh: 2880 })
  assert.equal(o.event, 'outbound')
  assert.equal(o.properties.host, 'partner.example.org')
  assert.equal(o.properties.url, 'https://partner.example.org/x')
  assert.equal(o.properties.selector, 'a.ext')
  assert.equal(i.event, 'click')
  assert.equal(i.properties.href, 'https://shop.example/pricing')
})

test('lead forms: a lead with field names, never values; other forms are not leads', async () => {
  const b = browser().run()
  const f = (type, name, value) => ({ type, name, value, id: '' })
  b.fire('document', 'submit', { target: { id: 'lead-form', elements: [f('text', 'name', 'Li Lei'), f('email', 'email', 'li@example.com'), f('tel', 'phone', '13800000000'), f('submit', '', '')] } })
  b.fire('document', 'submit', { target: { id: 'search', elements: [f('search', 'q', 'shoes')] } })
  const leads = JSON.parse(b.storage._trk_q).filter(e => e.event == 'lead')
  assert.equal(leads.length, 1)
  assert.deepEqual(leads[0].properties, { form: '#lead-form', fields: ['name', 'email', 'phone'] })
  assert.ok(!b.storage._trk_q.includes('example.com') && !b.storage._trk_q.includes('13800000000') && !b.storage._trk_q.includes('Li Lei'))
})

test('SPA navigation: a page view per URL change (not per #anchor), same session', async () => {
  const b = browser({ referrer: 'https://www.google.com/' }).run()
  Object.assign(b.location, { href: 'https://shop.example/landing#pricing' })
  await b.advance(600)
  Object.assign(b.location, { href: 'https://shop.example/app/settings', pathname: '/app/settings', search: '' })
  await b.advance(600)
  Object.assign(b.location, { href: 'https://shop.example/app/billing?tab=2', pathname: '/app/billing', search: '?tab=2' })
  await b.advance(600)
  await b.advance(2000)
  const pages = b.sent.filter(e => e.type == 'page')
  assert.deepEqual(pages.map(p => [p.context.page.path, p.context.page.url]), [
    ['/landing', 'https://shop.example/landing'],
    ['/app/settings', 'https://shop.example/app/settings'],
    ['/app/billing', 'https://shop.example/app/billing?tab=2']])
  assert.equal(pages[2].context.page.search, '?tab=2')
  assert.equal(new Set(pages.map(p => p.context.sessionId)).size, 1)
})

test('identify and group persist; reset forgets them and the visitor', async () => {
  const b = browser().run()
  const t = b.window.tracking
  t.identify('user-1', { email_domain: 'example.com' })
  t.group('acct-9', { plan: 'enterprise' })
  t.track('report_exported')
  const aid = b.jar.get('_trk_aid')
  t.reset()
  t.track('after_reset')
  await b.advance(1000)
  const [, id, grp, tr, after] = b.sent
  assert.equal(id.type, 'identify'); assert.equal(id.userId, 'user-1'); assert.deepEqual(id.traits, { email_domain: 'example.com' })
  assert.equal(grp.type, 'group'); assert.equal(grp.groupId, 'acct-9'); assert.equal(grp.userId, 'user-1')
  assert.equal(tr.userId, 'user-1'); assert.equal(tr.groupId, 'acct-9')
  assert.equal(after.userId, undefined); assert.equal(after.groupId, undefined)
  assert.notEqual(after.anonymousId, aid)
})

test('loader stub: calls queued before load are replayed; a queued page() replaces the automatic one', async () => {
  const q = []
  q.push(['identify', 'u-42', { plan: 'pro' }], ['track', 'clicked_early', { a: 1 }], ['page', { section: 'docs' }])
  const b = browser({ queued: q }).run()
  await b.advance(1000)
  assert.deepEqual(b.sent.map(e => e.type + ':' + (e.event || '')), ['identify:', 'track:clicked_early', 'page:'])
  assert.equal(b.sent[2].userId, 'u-42')
  assert.deepEqual(b.sent[2].properties, { section: 'docs' })
  assert.equal(typeof b.window.tracking.track, 'function')
})

test('loading twice does not double-track', async () => {
  const b = browser().run()
  b.run()
  await b.advance(1000)
  assert.equal(b.sent.length, 1)
})

test('Do Not Track: nothing is collected, no cookies; optIn() overrides', async () => {
  const b = browser({ dnt: '1' }).run()
  b.window.tracking.track('x')
  await b.advance(1000)
  assert.equal(b.sent.length, 0)
  assert.equal(b.jar.has('_trk_aid'), false)
  b.window.tracking.optIn()
  b.window.tracking.track('y')
  await b.advance(1000)
  assert.deepEqual(b.sent.map(e => e.event), ['y'])
})

test('consent switch: data-consent waits for optIn(); optOut() stops, drops the queue and the ids', async () => {
  const b = browser({ dataset: { consent: '' } }).run()
  await b.advance(1000)
  assert.equal(b.sent.length, 0)
  b.window.tracking.optIn()
  b.window.tracking.page()
  await b.advance(1000)
  assert.equal(b.sent.length, 1)
  b.status = 'network'
  b.window.tracking.track('pending')
  b.window.tracking.optOut()
  b.window.tracking.track('after_opt_out')
  await b.advance(5000)
  assert.equal(JSON.parse(b.storage._trk_q).length, 0)
  assert.ok(!b.sent.some(e => e.event == 'after_opt_out' || e.event == 'pending'))
  assert.equal(b.jar.has('_trk_aid'), false)
  assert.equal(b.jar.get('_trk_opt'), '0')
})

test('cookieless: no cookies, ids in localStorage; a new session after 30 minutes idle', async () => {
  const storage = {}
  const b = browser({ dataset: { cookieless: '' }, storage }).run()
  await b.advance(1000)
  assert.equal(b.jar.size, 0)
  const p = b.sent[0]
  assert.equal(storage._trk_aid, p.anonymousId)
  assert.equal(storage._trk_sid, p.context.sessionId)
  const b2 = browser({ dataset: { cookieless: '' }, storage }).run()
  await b2.advance(1000)
  assert.equal(b2.sent[0].context.sessionId, p.context.sessionId)
  storage._trk_t = String(Date.now() - 31 * 60e3)
  const b3 = browser({ dataset: { cookieless: '' }, storage }).run()
  await b3.advance(1000)
  assert.notEqual(b3.sent[0].context.sessionId, p.context.sessionId)
  assert.equal(b3.sent[0].anonymousId, p.anonymousId)
})

test('errors inside the snippet never reach the page', async () => {
  const b = browser({ storage: 'throws' }).run() // localStorage access throws: memory only
  const t = b.window.tracking
  const circular = {}; circular.self = circular
  assert.doesNotThrow(() => t.track('circular', circular))
  assert.doesNotThrow(() => t.identify({ weird: true }))
  assert.doesNotThrow(() => b.fire('document', 'click', { target: null }))
  assert.doesNotThrow(() => b.fire('document', 'submit', { target: {} }))
  const fetch = b.window.fetch
  b.window.fetch = () => { throw new Error('boom') }
  await assert.doesNotReject(b.advance(5000))
  b.window.fetch = fetch
  t.track('still_tracking')
  await b.advance(60e3)
  assert.ok(b.delivered.some(e => e.event == 'still_tracking'), 'recovers once fetch works again')
  b.navigator.sendBeacon = () => { throw new Error('beacon boom') }
  assert.doesNotThrow(() => b.fire('window', 'pagehide'))
})

test('memory-only storage still delivers', async () => {
  const b = browser({ storage: 'throws', dataset: { cookieless: '' } }).run()
  b.window.tracking.track('x')
  await b.advance(1000)
  assert.deepEqual(b.delivered.map(e => e.event || e.type), ['page', 'x'])
})
