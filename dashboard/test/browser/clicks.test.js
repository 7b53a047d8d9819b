// Clicks & exits end to end in real headless Chromium against the real single-node host: a visitor clicks at
// known positions on the demo site, scrolls, and leaves through its outbound link; the clicks and exits
// reports hold those elements, heatmap cells, exit target and scroll depth; the dashboard's heatmap over the
// demo page has colour at the clicked positions and none far from them (read from a screenshot's pixels).
// Screenshots go to test-results/screenshots/ (or $TRACKING_TEST_OUTPUT/screenshots/).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { until } from '../../../sdk-js/test/browser/host.js'
import { output, startDashboard } from './harness.js'

const PAGE = '/demo/index.html'
const WIDTH = 1280 // desktop: the dashboard draws the desktop heatmap at 1280 px, the width the visitor had
const HEAT = [235, 59, 90] // the heatmap's colour (src/ui/heatmap.js), at full strength where clicks are most

describe('clicks, scroll depth and exits in Chromium against the single-node host', () => {
  let host, browser
  const clicks = [] // { selector, text, col, row } as the definitions compute them from what was clicked
  let deepest = 0; let documentHeight = 0
  const range = () => `from=${new Date(Date.now() - 3600e3).toISOString()}&to=${new Date(Date.now() + 3600e3).toISOString()}`
  const report = async (name, query) => {
    const r = await fetch(`${host.base}/v1/reports/${name}?${query}&${range()}`, { headers: { Authorization: 'Bearer ' + host.readKey } })
    assert.equal(r.status, 200, await r.clone().text())
    return r.json()
  }

  before(async () => {
    ({ host, browser } = await startDashboard())

    const ctx = await browser.newVisitor()
    const page = await ctx.newPage() // 1280 × 720: a desktop viewport
    await page.goto(host.base + PAGE)
    await page.waitForFunction(() => window.tracking && !Array.isArray(window.tracking))
    const seen = async () => { const s = await page.evaluate(() => [scrollY + innerHeight, document.documentElement.scrollHeight]); deepest = Math.max(deepest, s[0]); documentHeight = s[1] }
    // Click the middle of an element (scrolled to `scrollTo` first) and note the cell the click falls in.
    const clickOn = async (locator, scrollTo) => {
      await page.evaluate(y => window.scrollTo(0, y), scrollTo)
      await page.waitForFunction(y => Math.abs(scrollY - Math.min(y, document.documentElement.scrollHeight - innerHeight)) < 1, scrollTo)
      await seen()
      const box = await locator.boundingBox()
      const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]
      const scrollY = await page.evaluate(() => scrollY)
      const [selector, text] = await locator.evaluate(el => [el.id ? '#' + el.id : [el.localName, ...[...el.classList].slice(0, 2)].join('.'), el.textContent.replace(/\s+/g, ' ').trim()])
      clicks.push({ selector, text, col: Math.min(39, Math.floor(x / WIDTH * 40)), row: Math.floor((y + scrollY) / 25) })
      await page.mouse.click(x, y)
    }
    // The same selector (h3) with two texts, then an element further down.
    await clickOn(page.locator('.card h3').nth(0), 0)
    await clickOn(page.locator('.card h3').nth(1), 0)
    await clickOn(page.locator('#contact h2'), 500)
    // Leave through the outbound link at the bottom: the outbound click is the session's last interaction.
    await clickOn(page.locator('#partner'), 100000)
    await page.waitForURL(/partner\.example\.org/)
    // The page_leave goes by beacon as the page is left: keep the browser open until it is stored.
    await until(async () => (await host.sql("SELECT count() AS n FROM tracking.events WHERE event = 'page_leave'"))[0].n >= 1, 60e3, 'the page_leave event loaded')
    await ctx.close()
  })
  after(async () => {
    await browser?.close()
    await host?.stop()
  })

  test('scroll_pct arrived on page_leave: the deepest point seen as a percent of the document height', async () => {
    const [leave] = await host.sql("SELECT JSONExtractInt(properties, 'scroll_pct') AS pct, page_path FROM tracking.events WHERE event = 'page_leave'")
    assert.equal(leave.page_path, PAGE)
    assert.equal(+leave.pct, Math.min(100, Math.round(100 * deepest / documentHeight)))
    const { scroll } = await report('clicks', `page=${encodeURIComponent(PAGE)}`)
    assert.deepEqual({ sessions: scroll.sessions, medianPct: scroll.medianPct }, { sessions: 1, medianPct: +leave.pct })
  })

  test('the clicks report has the clicked elements and the cells of the clicked positions', async () => {
    const answer = await report('clicks', `page=${encodeURIComponent(PAGE)}`)
    assert.equal(answer.sessions, 1)
    assert.equal(answer.clicks, clicks.length)
    assert.deepEqual(answer.elements.map(e => [e.selector, e.text, e.clicks, e.sessions]).sort(), clicks.map(c => [c.selector, c.text, 1, 1]).sort())
    assert.deepEqual(answer.heatmap.map(m => m.device), ['desktop'])
    assert.deepEqual(answer.heatmap[0].cells.map(c => [c.x, c.y, c.clicks]).sort(), clicks.map(c => [c.col, c.row, 1]).sort())
    assert.equal(answer.heatmap[0].documentHeight, documentHeight)
  })

  test('the exit target is the outbound link\'s host', async () => {
    const answer = await report('exits', '')
    assert.deepEqual(answer.targets, [{ host: 'partner.example.org', sessions: 1 }])
    assert.deepEqual(answer.rows.map(r => [r.page, r.sessions, r.exits, r.targets]), [[PAGE, 1, 1, [{ host: 'partner.example.org', sessions: 1 }]]])
  })

  /** The dashboard's Clicks & exits page on the demo page; `refuseFraming` serves the demo page as one that refuses to be framed. */
  const openHeatmap = async ({ refuseFraming = false } = {}) => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' })
    if (refuseFraming) {
      await ctx.route(url => url.pathname === PAGE, r => r.fulfill({ contentType: 'text/html', headers: { 'X-Frame-Options': 'DENY' }, body: '<!doctype html><p>no framing</p>' }))
    }
    const page = await ctx.newPage()
    const errors = []
    page.on('pageerror', e => errors.push(e))
    await page.goto(`${host.base}/dashboard?view=clicks&clicksPage=${encodeURIComponent(PAGE)}#key=${host.readKey}`)
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30e3 })
    await page.waitForSelector(refuseFraming ? '.heat-frame.blank' : '.heat-frame[data-loaded="true"]', { timeout: 30e3 })
    return { ctx, page, errors }
  }

  /** The colours of the heatmap's screenshot at the clicked cells, and at points at least 200 px from every click. */
  const heatmapPixels = async (page, screenshot) => {
    const shot = await page.locator('.heat-frame').screenshot()
    writeFileSync(join(output, screenshot), shot)
    const far = [[40, 20], [1240, 20], [640, 300], [40, 680], [1240, 900]]
      .filter(([x, y]) => y < documentHeight - 10 && clicks.every(c => Math.hypot(c.col * 32 + 16 - x, c.row * 25 + 12 - y) > 200))
    assert.ok(far.length > 0, 'some points far from the clicks')
    // The screenshot's pixels, read back through a canvas.
    const pixels = await page.evaluate(async ({ png, points }) => {
      const img = new Image()
      img.src = 'data:image/png;base64,' + png
      await img.decode()
      const c = document.createElement('canvas')
      c.width = img.width; c.height = img.height
      const g = c.getContext('2d')
      g.drawImage(img, 0, 0)
      return points.map(([x, y]) => [...g.getImageData(x, y, 1, 1).data.slice(0, 3)])
    }, { png: shot.toString('base64'), points: [...clicks.map(c => [c.col * 32 + 16, c.row * 25 + 12]), ...far] })
    return { atClicks: pixels.slice(0, clicks.length), far: pixels.slice(clicks.length) }
  }
  const isHeat = rgb => rgb.every((v, i) => Math.abs(v - HEAT[i]) <= 8)

  test('the heatmap over the demo page has colour at the clicked positions and none far from them', async () => {
    const { ctx, page, errors } = await openHeatmap()
    assert.ok(await page.$('.heat-frame iframe'), 'drawn over the live page')
    assert.ok(await page.$eval('.note', n => n.hidden))
    assert.deepEqual(await page.$$eval('[data-table="elements"] tbody tr', trs => trs.map(tr => tr.querySelector('[data-key="selector"]').textContent)).then(s => s.sort()), clicks.map(c => c.selector).sort())
    assert.deepEqual(await page.$$eval('[data-table="targets"] tbody tr', trs => trs.map(tr => tr.querySelector('[data-key="host"]').textContent)), ['partner.example.org'])
    await page.screenshot({ path: join(output, 'clicks.png'), fullPage: true })
    const { atClicks, far } = await heatmapPixels(page, 'clicks-heatmap.png')
    atClicks.forEach((rgb, i) => assert.ok(isHeat(rgb), `click ${i} (${clicks[i].selector}): ${rgb}`))
    far.forEach(rgb => assert.ok(!isHeat(rgb), `far from the clicks: ${rgb}`))
    assert.deepEqual(errors, [])
    await ctx.close()
  })

  test('a page that refuses framing gets the heatmap on a blank canvas of its size, with a note', async () => {
    const { ctx, page, errors } = await openHeatmap({ refuseFraming: true })
    assert.match(await page.$eval('.note', n => n.hidden ? '' : n.textContent), /refuses to be framed/)
    assert.equal(await page.$('.heat-frame iframe'), null)
    const { atClicks, far } = await heatmapPixels(page, 'clicks-heatmap-blank.png')
    atClicks.forEach((rgb, i) => assert.ok(isHeat(rgb), `click ${i} (${clicks[i].selector}): ${rgb}`))
    far.forEach(rgb => assert.deepEqual(rgb, [255, 255, 255], 'blank far from the clicks'))
    assert.deepEqual(errors, [])
    await ctx.close()
  })

  test('the paths page draws the flow from the demo page to its exit', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const page = await ctx.newPage()
    await page.goto(`${host.base}/dashboard?view=paths#key=${host.readKey}`)
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30e3 })
    const links = await page.$$eval('.flow .link', ls => ls.map(l => [l.dataset.level, l.dataset.from, l.dataset.to, l.dataset.sessions]))
    assert.deepEqual(links, [['1', PAGE, '(exit)', '1']])
    await page.screenshot({ path: join(output, 'paths.png'), fullPage: true })
    await ctx.close()
  })
})
