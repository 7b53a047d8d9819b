// The dashboard in real headless Chromium against the real single-node host, over generated traffic whose
// figures this test computes itself. Screenshots of each page go to test-results/screenshots/ (or
// $TRACKING_TEST_OUTPUT/screenshots/).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { generate, figures, byKeyword } from './dataset.js'
import { output, startDashboard, load } from './harness.js'

const SHANGHAI = 8 * 3600e3
const DAY = 86400e3

// What the dashboard must show, formatted the way a reader sees it.
const count = n => n.toLocaleString('en-US')
const percent = x => (x * 100).toFixed(1) + '%'
const duration = seconds => { const s = Math.round(seconds); return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` }
const shown = f => ({ sessions: count(f.sessions), visitors: count(f.visitors), bounceRate: percent(f.bounceRate), leadRate: percent(f.leadRate), medianDurationSeconds: duration(f.medianDurationSeconds) })

/** Midnight in Asia/Shanghai (no daylight saving time) `daysAgo` days before the day of `now`. */
const shanghaiMidnight = (now, daysAgo) => new Date(Math.floor((now.getTime() + SHANGHAI) / DAY) * DAY - SHANGHAI - daysAgo * DAY)
/** [value, sessions[]] pairs of the sessions grouped by `of`. */
const groupBy = (sessions, of) => [...sessions.reduce((m, s) => m.set(of(s), [...(m.get(of(s)) || []), s]), new Map())]
const shanghaiDate = date => new Date(date.getTime() + SHANGHAI).toISOString().slice(0, 10)

describe('dashboard in Chromium against the single-node host', () => {
  let host, browser
  const now = new Date()
  // Sessions over the last two and a half days, in the 7-day range the dashboard opens on.
  const data = generate({ seed: 20261203, count: 900, from: new Date(now - 2.5 * DAY), to: new Date(now - 10 * 60e3) })
  const errors = []

  before(async () => {
    ({ host, browser } = await startDashboard())
    await load(host, data.events)
  })
  after(async () => {
    await browser?.close()
    await host?.stop()
  })

  const open = async (options = {}) => {
    const ctx = await browser.newContext({ userAgent: browser.userAgent, timezoneId: 'Asia/Shanghai', locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options })
    const page = await ctx.newPage()
    page.on('pageerror', e => errors.push(e))
    return { ctx, page }
  }
  const ready = page => page.waitForSelector('body[data-state="ready"]', { timeout: 30e3 })
  const headlines = page => page.$$eval('[data-metric]', cards => Object.fromEntries(cards.map(c => [c.dataset.metric, c.querySelector('.value').textContent])))
  const rows = (page, table) => page.$$eval(`[data-table="${table}"] tbody tr`, trs => trs.map(tr => Object.fromEntries([...tr.cells].map(td => [td.dataset.key, td.textContent]))))
  const inRange = (from, to) => data.sessions.filter(s => s.start >= from && s.start < to)
  const expectKeywordRows = async (page, sessions) => {
    assert.deepEqual(await rows(page, 'keyword'), byKeyword(sessions).map(r => ({ value: r.keyword, sessions: count(r.sessions), bounceRate: percent(r.bounceRate), leadRate: percent(r.leadRate) })))
  }

  let page, ctx
  test('the overview shows the headline numbers and top keywords of the last 7 days, and the key leaves the URL', async () => {
    ({ ctx, page } = await open())
    await page.goto(`${host.base}/dashboard#key=${host.readKey}`)
    await ready(page)
    assert.ok(!page.url().includes(host.readKey), page.url())
    assert.equal(await page.evaluate(() => localStorage.getItem('tracking.readKey')), host.readKey)

    const sessions = inRange(shanghaiMidnight(now, 6), now)
    assert.equal(sessions.length, data.sessions.length)
    assert.deepEqual(await headlines(page), shown(figures(sessions)))
    await expectKeywordRows(page, sessions)
    assert.ok(await page.$('[data-table="source"] tbody tr'), 'the source list has rows')
    assert.ok(await page.$('.chart canvas'), 'the chart is drawn')
    // No layout wider than the window.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth))
    await page.screenshot({ path: join(output, 'overview.png'), fullPage: true })
  })

  let day, dayStart
  test('a custom range and a click on a keyword row filter every figure, and the URL holds both', async () => {
    // Yesterday in Shanghai: a whole day of the generated traffic.
    dayStart = shanghaiMidnight(now, 1)
    day = shanghaiDate(dayStart)
    await page.click('[data-range="custom"]')
    await page.fill('input[name="from"]', day)
    await page.fill('input[name="to"]', day)
    await page.click('form.custom button[type="submit"]')
    await ready(page)
    const daySessions = inRange(dayStart, new Date(dayStart.getTime() + DAY))
    assert.ok(daySessions.length > 100 && daySessions.length < data.sessions.length, `${daySessions.length} sessions yesterday`)
    assert.deepEqual(await headlines(page), shown(figures(daySessions)))
    await expectKeywordRows(page, daySessions)

    const keyword = byKeyword(daySessions)[1].keyword
    await page.click(`[data-table="keyword"] tbody tr:nth-child(2) button`)
    await page.waitForSelector('[data-filter="keyword"]')
    await ready(page)
    const filtered = daySessions.filter(s => s.keyword === keyword)
    assert.deepEqual(await headlines(page), shown(figures(filtered)))
    await expectKeywordRows(page, filtered)
    for (const [table, of] of [['page', s => s.page], ['device', s => s.device], ['source', s => s.source]]) {
      const expected = groupBy(filtered, of).map(([value, list]) => [value, count(list.length)]).sort()
      assert.deepEqual((await rows(page, table)).map(r => [r.value, r.sessions]).sort(), expected, table)
    }
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('keyword'), keyword)
    assert.equal(url.searchParams.get('range'), 'custom')
    assert.equal(url.searchParams.get('from'), day)
    await page.screenshot({ path: join(output, 'overview-filtered.png'), fullPage: true })

    // The bookmark opens the same view.
    const again = await ctx.newPage()
    await again.goto(page.url())
    await ready(again)
    assert.deepEqual(await headlines(again), shown(figures(filtered)))
    await again.close()
  })

  test('the landing pages page shows the keyword × page rows of the same range and filter, sortable', async () => {
    await page.click('nav.pages a:has-text("Landing pages")')
    await ready(page)
    const keyword = new URL(page.url()).searchParams.get('keyword')
    const sessions = inRange(dayStart, new Date(dayStart.getTime() + DAY)).filter(s => s.keyword === keyword)
    const expected = groupBy(sessions, s => s.page).map(([p, list]) => [keyword, p, count(list.length), percent(figures(list).leadRate)]).sort()
    assert.deepEqual((await rows(page, 'landing')).map(r => [r.keyword, r.page, r.sessions, r.leadRate]).sort(), expected)

    await page.click('[data-table="landing"] th[data-key="leadRate"]')
    const rates = (await rows(page, 'landing')).map(r => parseFloat(r.leadRate))
    assert.deepEqual(rates, [...rates].sort((a, b) => b - a))
    await page.screenshot({ path: join(output, 'landing-pages.png'), fullPage: true })
    await ctx.close()
  })

  test('on a phone-sized screen the overview fits the width', async () => {
    const phone = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    await phone.page.goto(`${host.base}/dashboard#key=${host.readKey}`)
    await ready(phone.page)
    assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling')
    await phone.page.screenshot({ path: join(output, 'overview-phone.png'), fullPage: true })
    await phone.ctx.close()
  })

  test('nothing moves below the headlines while the reports load', async () => {
    const slow = await open()
    await slow.page.route('**/v1/reports/**', async r => { await new Promise(resolve => setTimeout(resolve, 800)); await r.continue() })
    await slow.page.goto(`${host.base}/dashboard#key=${host.readKey}`)
    await slow.page.waitForSelector('body[data-state="loading"] [data-list="keyword"]')
    const at = () => slow.page.$$eval('.chart-panel, [data-list]', els => els.map(e => Math.round(e.getBoundingClientRect().top)))
    const loading = await at()
    await ready(slow.page)
    assert.deepEqual(await at(), loading)
    await slow.ctx.close()
  })

  test('a wrong read key shows what to do, and so does a server that cannot be reached', async () => {
    const wrong = await open()
    await wrong.page.goto(`${host.base}/dashboard#key=rk_not_this_one`)
    await wrong.page.waitForSelector('body[data-state="error"]')
    assert.match(await wrong.page.textContent('.message'), /read key was not accepted/)
    assert.ok(await wrong.page.$('.message input[name="key"]'), 'a field to enter the key')
    await wrong.page.screenshot({ path: join(output, 'wrong-key.png'), fullPage: true })

    // Entering the right key there loads the overview.
    await wrong.page.fill('.message input[name="key"]', host.readKey)
    await wrong.page.click('.message button[type="submit"]')
    await ready(wrong.page)
    assert.equal((await headlines(wrong.page)).sessions, count(data.sessions.length))

    await wrong.page.route('**/v1/reports/**', r => r.abort('connectionrefused'))
    await wrong.page.reload()
    await wrong.page.waitForSelector('body[data-state="error"]')
    assert.match(await wrong.page.textContent('.message'), /cannot be reached/)
    await wrong.page.screenshot({ path: join(output, 'unreachable.png'), fullPage: true })
    await wrong.ctx.close()
  })

  test('the page and its assets are compressed and cached, and nothing comes from another origin', async () => {
    const index = await fetch(host.base + '/dashboard', { headers: { 'Accept-Encoding': 'br, gzip' } })
    assert.equal(index.status, 200)
    assert.equal(index.headers.get('content-encoding'), 'br')
    assert.equal(index.headers.get('cache-control'), 'no-cache')
    const html = await index.text()
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(m => m[1])
    assert.equal(assets.length, 2)
    for (const asset of assets) {
      assert.match(asset, /^\/dashboard\/assets\//)
      const r = await fetch(host.base + asset, { headers: { 'Accept-Encoding': 'gzip' } })
      assert.equal(r.status, 200)
      assert.equal(r.headers.get('content-encoding'), 'gzip')
      assert.match(r.headers.get('cache-control'), /max-age=31536000, immutable/)
    }
    const revalidated = await fetch(host.base + '/dashboard', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': index.headers.get('etag') } })
    assert.equal(revalidated.status, 304)
    assert.deepEqual(errors, [])
  })
})
