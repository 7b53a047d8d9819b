// End to end in real headless Chromium against the real single-node host:
// snippet → collector → event log → loader → ClickHouse → landing report.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startHost, startBrowser, until, sdkDir, version } from './host.js'

const loaded = page => page.waitForFunction(() => window.tracking && !window.tracking.push && typeof window.tracking.track == 'function')
const sleep = ms => new Promise(r => setTimeout(r, ms))
const sqlString = s => "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
const props = row => JSON.parse(row.properties || '{}')

describe('sdk-js in Chromium against the single-node host', () => {
  let host, browser
  const pageErrors = []

  before(async () => {
    host = await startHost()
    browser = await startBrowser()
  })
  after(async () => {
    await browser?.close()
    await host?.stop()
  })

  test('the host serves the built snippet (plain and versioned) and the demo with its write key', async () => {
    const built = readFileSync(join(sdkDir, 'dist/tracking.min.js'), 'utf8')
    const plain = await fetch(host.base + '/sdk.js')
    assert.equal(plain.status, 200)
    assert.equal(await plain.text(), built)
    assert.match(plain.headers.get('content-type'), /javascript/)
    const versioned = await fetch(`${host.base}/sdk/${version}.js`)
    assert.equal(versioned.status, 200)
    assert.match(versioned.headers.get('cache-control'), /immutable/)
    const demo = await (await fetch(host.base + '/demo/index.html')).text()
    assert.ok(demo.includes(`data-write-key="${host.writeKey}"`))
    assert.ok(!demo.includes('__WRITE_KEY__'))
  })

  // ---- The landing journeys, and what the report must say about them ----
  const visits = [] // what this test did: one entry per session, the report's expectations derive from it
  const started = new Date(Date.now() - 60e3)
  let ctaClick, visitorA, leadValues

  test('visit 1: Baidu search with a Chinese keyword → click → lead form → navigate → outbound → leave', async () => {
    const keyword = '智能客服系统'
    const ctx = await browser.newVisitor()
    const page = await ctx.newPage()
    page.on('pageerror', e => pageErrors.push(e))
    await page.goto(host.base + '/demo/index.html', { referer: 'https://www.baidu.com/s?ie=utf-8&wd=' + encodeURIComponent(keyword) + '&rsv_spt=1' })
    await loaded(page)
    assert.equal(await page.evaluate(() => document.referrer), 'https://www.baidu.com/s?ie=utf-8&wd=' + encodeURIComponent(keyword) + '&rsv_spt=1')

    // A click at a known point of the call-to-action.
    const cta = page.locator('#cta')
    const box = await cta.boundingBox()
    const [cx, cy] = [Math.round(box.x + 10), Math.round(box.y + box.height / 2)]
    const [sx, sy, vw, vh] = await page.evaluate(() => [scrollX, scrollY, innerWidth, innerHeight])
    ctaClick = { selector: '#cta', tag: 'a', text: (await cta.textContent()).replace(/\s+/g, ' ').trim(), x: cx + sx, y: cy + sy, vx: cx / vw, vy: cy / vh, vw, vh }
    await page.mouse.click(cx, cy)

    leadValues = { name: '李雷', email: 'lilei.e2e@example.com', phone: '13800138000' }
    for (const [k, v] of Object.entries(leadValues)) await page.fill(`#lead-form input[name=${k}]`, v)
    await page.click('#lead-form button[type=submit]')
    await page.waitForURL(/\/demo\/thanks\.html$/)
    await loaded(page)
    await page.click('#to-pricing')
    await page.waitForURL(/\/demo\/pricing\.html$/)
    await loaded(page)
    await page.click('#partner')
    await page.waitForURL(/partner\.example\.org/)
    const cookies = Object.fromEntries((await ctx.cookies(host.base)).map(c => [c.name, c.value]))
    assert.ok(cookies._trk_aid && cookies._trk_sid, 'first-party visitor and session cookies')
    visitorA = { ctx, aid: cookies._trk_aid, sid: cookies._trk_sid }
    await page.close()
    visits.push({ visitor: cookies._trk_aid, session: cookies._trk_sid, keyword, page: '/demo/index.html', interacted: true, lead: true })
  })

  test('visit 2: the same visitor comes back from a Google search and bounces (new session)', async () => {
    const q = '  crm software  '
    const page = await visitorA.ctx.newPage()
    page.on('pageerror', e => pageErrors.push(e))
    await page.goto(host.base + '/demo/pricing.html', { referer: 'https://www.google.com/search?q=' + encodeURIComponent(q) })
    await loaded(page)
    await sleep(300)
    await page.goto('about:blank') // leave: page_leave only, a system event
    const cookies = Object.fromEntries((await visitorA.ctx.cookies(host.base)).map(c => [c.name, c.value]))
    assert.equal(cookies._trk_aid, visitorA.aid)
    assert.notEqual(cookies._trk_sid, visitorA.sid, 'a new search arrival starts a new session')
    await page.close()
    visits.push({ visitor: cookies._trk_aid, session: cookies._trk_sid, keyword: q.trim(), page: '/demo/pricing.html', interacted: false, lead: false })
  })

  test('visit 3: a new visitor from an ad (utm_term), clicks through to pricing', async () => {
    const term = '在线客服 软件'
    const ctx = await browser.newVisitor()
    const page = await ctx.newPage()
    page.on('pageerror', e => pageErrors.push(e))
    await page.goto(`${host.base}/demo/index.html?utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=${encodeURIComponent(term)}`)
    await loaded(page)
    await page.click('a.btn.secondary')
    await page.waitForURL(/\/demo\/pricing\.html$/)
    await loaded(page)
    await page.goto('about:blank')
    const cookies = Object.fromEntries((await ctx.cookies(host.base)).map(c => [c.name, c.value]))
    await ctx.close()
    await visitorA.ctx.close()
    visits.push({ visitor: cookies._trk_aid, session: cookies._trk_sid, keyword: term, page: '/demo/index.html', interacted: true, lead: false })
  })

  test('the landing report shows exactly those sessions with the right keyword, lead and bounce', async t => {
    assert.equal(visits.length, 3)
    const groups = new Map()
    for (const v of visits) {
      const k = v.keyword + '\u0000' + v.page
      const g = groups.get(k) ?? { keyword: v.keyword, page: v.page, sessions: 0, visitors: new Set(), bounces: 0, leads: 0 }
      g.sessions++; g.visitors.add(v.visitor); g.bounces += v.interacted ? 0 : 1; g.leads += v.lead ? 1 : 0
      groups.set(k, g)
    }
    const expected = [...groups.values()].map(g => ({
      keyword: g.keyword, page: g.page, sessions: g.sessions, visitors: g.visitors.size,
      bounces: g.bounces, bounceRate: g.bounces / g.sessions, leads: g.leads, leadRate: g.leads / g.sessions
    })).sort((a, b) => (a.keyword + a.page).localeCompare(b.keyword + b.page))
    const pick = rows => rows.map(r => ({
      keyword: r.keyword, page: r.page, sessions: r.sessions, visitors: r.visitors,
      bounces: r.bounces, bounceRate: r.bounceRate, leads: r.leads, leadRate: r.leadRate
    })).sort((a, b) => (a.keyword + a.page).localeCompare(b.keyword + b.page))
    let rows
    try {
      await until(async () => {
        rows = await host.landing(started, new Date(Date.now() + 60e3))
        return JSON.stringify(pick(rows)) == JSON.stringify(expected)
      }, 30e3, 'the landing report to match')
    } catch (e) {
      assert.deepEqual(pick(rows ?? []), expected, e.message)
    }
    t.diagnostic('landing report: ' + JSON.stringify(rows))
    for (const r of rows) assert.ok(typeof r.medianDurationSeconds == 'number' && r.medianDurationSeconds >= 0, JSON.stringify(r))
    // The session that clicked around lasted a while; the bounce has no duration to speak of.
    const engaged = rows.find(r => r.keyword == visits[0].keyword)
    assert.ok(engaged.medianDurationSeconds > 0, JSON.stringify(engaged))
  })

  test('the events carry the snippet\'s ids; clicks carry positions and selectors; outbound links their host', async () => {
    const events = await until(async () => {
      const rows = await host.sql(`SELECT type, event, anonymous_id, session_id, page_path, properties FROM tracking.events FINAL WHERE session_id = ${sqlString(visits[0].session)} ORDER BY timestamp, message_id`)
      // The last page's page_leave may come in a later batch than the outbound click that left it.
      return rows.some(r => r.event == 'outbound') && rows.filter(r => r.event == 'page_leave').length >= 3 && rows
    }, 20e3, 'visit 1 events (outbound, a page_leave per page left)')
    assert.ok(events.every(e => e.anonymous_id == visits[0].visitor), 'anonymous_id = the _trk_aid cookie')
    assert.deepEqual(events.filter(e => e.type == 'page').map(e => e.page_path), ['/demo/index.html', '/demo/thanks.html', '/demo/pricing.html'])
    const click = events.find(e => e.event == 'click' && props(e).selector == '#cta')
    assert.ok(click, 'the CTA click: ' + JSON.stringify(events.map(e => [e.event, e.properties])))
    const p = props(click)
    assert.equal(p.tag, ctaClick.tag)
    assert.equal(p.text, ctaClick.text)
    assert.equal(p.vw, ctaClick.vw); assert.equal(p.vh, ctaClick.vh)
    assert.ok(Math.abs(p.x - ctaClick.x) <= 1 && Math.abs(p.y - ctaClick.y) <= 1, `page position ${p.x},${p.y} vs ${ctaClick.x},${ctaClick.y}`)
    assert.ok(Math.abs(p.vx - ctaClick.vx) < 0.002 && Math.abs(p.vy - ctaClick.vy) < 0.003, `viewport position ${p.vx},${p.vy} vs ${ctaClick.vx},${ctaClick.vy}`)
    assert.ok(p.vx > 0 && p.vx < 1 && p.vy > 0 && p.vy < 1)
    const out = events.find(e => e.event == 'outbound')
    assert.equal(props(out).host, 'partner.example.org')
    assert.equal(props(out).url, 'https://partner.example.org/compare?product=acme')
    assert.equal(props(out).selector, '#partner')
    assert.equal(out.page_path, '/demo/pricing.html')
    const leaves = events.filter(e => e.event == 'page_leave')
    assert.ok(leaves.length >= 3 && leaves.every(e => props(e).engaged_ms >= 0), 'a page_leave per page left')
  })

  test('the lead carries the form and its field names, and no value typed into it is stored anywhere', async () => {
    const leads = await host.sql(`SELECT page_path, properties FROM tracking.events FINAL WHERE event = 'lead' AND session_id = ${sqlString(visits[0].session)}`)
    assert.equal(leads.length, 1)
    assert.equal(leads[0].page_path, '/demo/index.html')
    assert.deepEqual(props(leads[0]), { form: '#lead-form', fields: ['name', 'email', 'phone'] })
    const everything = JSON.stringify(await host.sql('SELECT * FROM tracking.events'))
    for (const v of Object.values(leadValues)) assert.ok(!everything.includes(v) && !everything.includes(encodeURIComponent(v)), `value ${v} leaked`)
  })

  test('the demo pages themselves raised no errors', () => {
    assert.deepEqual(pageErrors.map(e => e.message), [])
  })

  // ---- Robustness ----

  test('events queued while the collector is unreachable arrive after it comes back', async () => {
    const ctx = await browser.newVisitor()
    await ctx.route('**/v1/batch', r => r.abort('internetdisconnected'))
    const page = await ctx.newPage()
    await page.goto(host.base + '/demo/pricing.html')
    await loaded(page)
    await page.evaluate(() => window.tracking.track('offline_probe', { n: 1 }))
    await page.locator('.card h3').first().click()
    await page.evaluate(() => window.tracking.track('offline_probe', { n: 2 }))
    await sleep(2500) // the batch timer fires and the fetch fails
    const queued = await page.evaluate(() => JSON.parse(localStorage._trk_q))
    const ids = queued.map(e => e.messageId)
    assert.deepEqual(queued.map(e => e.event || e.type), ['page', 'offline_probe', 'click', 'offline_probe'])
    // FINAL, as analysts query: a resent copy may sit beside the first until ClickHouse merges them.
    const inStore = async () => (await host.sql(`SELECT message_id FROM tracking.events FINAL WHERE message_id IN (${ids.map(sqlString).join(',')})`)).map(r => r.message_id)
    await sleep(1000)
    assert.deepEqual(await inStore(), [], 'nothing got through while the collector was unreachable')
    await ctx.unroute('**/v1/batch')
    await page.reload()
    await loaded(page)
    await until(async () => (await inStore()).length == ids.length, 20e3, 'the queued events to arrive')
    await until(() => page.evaluate(() => JSON.parse(localStorage._trk_q).length == 0), 10e3, 'the outbox to empty')
    await ctx.close()
  })

  test('a page that throws in its own code keeps being tracked', async () => {
    const ctx = await browser.newVisitor()
    await ctx.route(host.base + '/demo/throws.html', r => r.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>Throws</title>
        <script async src="/sdk.js" data-write-key="${host.writeKey}"></script></head><body>
        <script>notDefinedAnywhere()</script>
        <button id="broken" onclick="this.no.such.thing()">Broken button</button>
        <script>setTimeout(function () { throw new Error('late page bug') }, 50)
          window.addEventListener('click', function () { throw new Error('page click handler bug') })
          Promise.reject(new Error('unhandled page rejection'))</script>
        </body></html>`
    }))
    const page = await ctx.newPage()
    const errors = []
    page.on('pageerror', e => errors.push(e))
    await page.goto(host.base + '/demo/throws.html')
    await loaded(page)
    await page.click('#broken')
    await page.evaluate(() => window.tracking.track('still_tracking'))
    await page.goto('about:blank')
    const aid = (await ctx.cookies(host.base)).find(c => c.name == '_trk_aid').value
    assert.ok(errors.length >= 4, errors.map(e => e.message).join('; '))
    assert.ok(errors.every(e => !String(e.stack).includes('/sdk.js')), 'no error came from the snippet')
    const rows = await until(async () => {
      const r = await host.sql(`SELECT type, event, properties FROM tracking.events FINAL WHERE anonymous_id = ${sqlString(aid)} AND page_path = '/demo/throws.html'`)
      return r.some(e => e.event == 'still_tracking') && r.some(e => e.event == 'click') && r
    }, 20e3, 'events from the throwing page')
    assert.ok(rows.some(e => e.type == 'page'))
    assert.equal(props(rows.find(e => e.event == 'click')).selector, '#broken')
    await ctx.close()
  })

  test('the snippet adds no global besides `tracking`', async () => {
    const globals = async withSnippet => {
      const ctx = await browser.newVisitor()
      if (!withSnippet) await ctx.route('**/sdk.js', r => r.abort())
      const page = await ctx.newPage()
      await page.goto(host.base + '/demo/index.html')
      if (withSnippet) await loaded(page); else await page.waitForLoadState('load')
      await page.mouse.click(300, 300)
      await sleep(1200) // let the batch go out too
      const names = await page.evaluate(() => Object.getOwnPropertyNames(window))
      await ctx.close()
      return names
    }
    const [without, withIt] = [await globals(false), await globals(true)]
    assert.deepEqual(withIt.filter(n => !without.includes(n)), ['tracking'])
    assert.deepEqual(without.filter(n => !withIt.includes(n)), [])
  })

  test('the loader stub queues calls made before the script loads', async () => {
    const stub = readFileSync(join(sdkDir, 'dist/stub.min.js'), 'utf8').replace('https://HOST', host.base).replace('KEY', host.writeKey)
    const ctx = await browser.newVisitor()
    await ctx.route(host.base + '/demo/stub.html', r => r.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>Stub</title><script>${stub}
        tracking.identify('stub-user-1', { plan: 'pro' }); tracking.track('queued_before_load', { early: true })</script></head><body>stub</body></html>`
    }))
    const page = await ctx.newPage()
    await page.goto(host.base + '/demo/stub.html')
    await loaded(page)
    await page.goto('about:blank')
    const rows = await until(async () => {
      const r = await host.sql("SELECT type, event, user_id FROM tracking.events FINAL WHERE user_id = 'stub-user-1'")
      return r.some(e => e.event == 'queued_before_load') && r.some(e => e.type == 'page') && r
    }, 20e3, 'the queued calls')
    assert.ok(rows.some(e => e.type == 'identify'))
    await ctx.close()
  })

  test('SPA navigation through the History API is a page view', async () => {
    const ctx = await browser.newVisitor()
    await ctx.route(host.base + '/demo/app/', r => r.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><title>App</title><script async src="/sdk.js" data-write-key="${host.writeKey}"></script></head><body>
        <button id="go" onclick="history.pushState({}, '', '/demo/app/settings?tab=2'); document.title = 'Settings'">Settings</button></body></html>`
    }))
    const page = await ctx.newPage()
    await page.goto(host.base + '/demo/app/')
    await loaded(page)
    await page.click('#go')
    await sleep(800)
    await page.goBack() // popstate
    await sleep(800)
    await page.goto('about:blank')
    const aid = (await ctx.cookies(host.base)).find(c => c.name == '_trk_aid').value
    const pages = await until(async () => {
      const r = await host.sql(`SELECT page_path, page_url FROM tracking.events FINAL WHERE type = 'page' AND anonymous_id = ${sqlString(aid)} ORDER BY timestamp`)
      return r.length >= 3 && r
    }, 20e3, 'SPA page views')
    assert.deepEqual(pages.map(p => p.page_path), ['/demo/app/', '/demo/app/settings', '/demo/app/'])
    assert.equal(pages[1].page_url, host.base + '/demo/app/settings?tab=2')
    await ctx.close()
  })
})
