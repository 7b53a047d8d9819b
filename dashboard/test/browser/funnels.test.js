// The Funnels page in real headless Chromium against the real single-node host, over generated traffic
// whose funnel this test computes itself (funnel-dataset.js). Screenshots go to test-results/screenshots/.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { output, startDashboard, load } from './harness.js'
import { generate, expectedFunnel } from './funnel-dataset.js'

const SHANGHAI = 8 * 3600e3
const DAY = 86400e3
const count = n => n.toLocaleString('en-US')
const percent = x => (x * 100).toFixed(1) + '%'
const duration = seconds => { const s = Math.round(seconds); return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` }
const STEPS = ['page:/landing/*', 'page:/pricing', 'event:signup']

describe('the Funnels page in Chromium against the single-node host', () => {
  let host, browser
  const now = new Date()
  const data = generate({ seed: 20261204, people: 160, from: new Date(now - 2 * DAY), to: new Date(now - 10 * 60e3) })
  // The page opens on the last 7 days in the browser's zone (Asia/Shanghai): from midnight 6 days ago.
  const from = Math.floor((now.getTime() + SHANGHAI) / DAY) * DAY - SHANGHAI - 6 * DAY
  const errors = []

  before(async () => {
    ({ host, browser } = await startDashboard())
    // In random order: a link may arrive after what it stitches.
    await load(host, [...data.events].sort(() => Math.random() - 0.5))
  })
  after(async () => {
    await browser?.close()
    await host?.stop()
  })

  const open = async () => {
    const ctx = await browser.newContext({ userAgent: browser.userAgent, timezoneId: 'Asia/Shanghai', locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    const page = await ctx.newPage()
    page.on('pageerror', e => errors.push(e))
    return { ctx, page }
  }
  const ready = page => page.waitForSelector('body[data-state="ready"]', { timeout: 30e3 })
  const shownSteps = page => page.$$eval('ol.funnel li[data-step]', items => items.map(li => Object.fromEntries(
    [...li.querySelectorAll('[data-field]')].map(el => [el.dataset.field, el.textContent]))))
  const asShown = steps => steps.map((s, k) => ({
    count: count(s.count),
    conversionFromFirst: percent(s.conversionFromFirst),
    ...(k === 0
      ? {}
      : {
          between: undefined,
          dropOff: `−${count(steps[k - 1].count - s.count)} (${percent(1 - s.conversionFromPrevious)} drop off)`,
          conversionFromPrevious: `${percent(s.conversionFromPrevious)} continue`,
          median: s.median == null ? 'no median time' : `median ${duration(s.median)}`
        })
  }))
  const withoutBetween = steps => steps.map(({ between, ...rest }) => rest)

  test('a funnel from the URL shows the independently computed counts, conversions, drop-offs and medians, per keyword too', async () => {
    const { ctx, page } = await open()
    const query = new URLSearchParams([...STEPS.map(s => ['step', s]), ['window', '1h'], ['breakdown', 'keyword']])
    await page.goto(`${host.base}/dashboard?view=funnels&${query}#key=${host.readKey}`)
    await ready(page)
    const expected = expectedFunnel(data.model, { steps: STEPS, unit: 'visitors', from, to: now.getTime() + 60e3, windowMs: 3600e3 })
    assert.ok(expected.steps[2].count > 10, `${expected.steps[2].count} visitors sign up: the dataset must reach the last step`)
    assert.deepEqual(withoutBetween(await shownSteps(page)), withoutBetween(asShown(expected.steps)))
    assert.deepEqual(await page.$$eval('ol.funnel .step-name', els => els.map(e => e.textContent)), STEPS)

    const rows = await page.$$eval('[data-table="funnel-breakdown"] tbody tr', trs => trs.map(tr => [...tr.cells].map(td => td.textContent)))
    assert.deepEqual(rows, expected.breakdowns.map(b => [b.value, count(b.steps[0].count), count(b.steps[2].count), percent(b.steps[2].conversionFromFirst)]))
    await page.screenshot({ path: join(output, 'funnels.png'), fullPage: true })

    // A breakdown row opens as its own funnel, and the URL keeps it.
    const second = expected.breakdowns[1]
    await page.click('[data-table="funnel-breakdown"] tbody tr:nth-child(2) button')
    await page.waitForFunction(value => new URL(location.href).searchParams.get('value') === value, second.value)
    await ready(page)
    assert.deepEqual(withoutBetween(await shownSteps(page)), withoutBetween(asShown(second.steps)))
    assert.match(await page.textContent('.funnel-result h2'), new RegExp(second.value))
    await page.screenshot({ path: join(output, 'funnels-breakdown-value.png'), fullPage: true })
    await ctx.close()
  })

  test('steps picked from what the range saw, with window and unit, make the funnel and go into the URL', async () => {
    const { ctx, page } = await open()
    await page.goto(`${host.base}/dashboard?view=funnels#key=${host.readKey}`)
    await ready(page)
    assert.match(await page.textContent('.funnel-result'), /Pick at least two steps/)
    const offered = await page.$$eval('#funnel-step-choices option', os => os.map(o => o.value))
    for (const step of ['page:/landing/crm', 'page:/pricing', 'event:signup']) assert.ok(offered.includes(step), `${step} offered in ${offered}`)

    const inputs = await page.$$('input[name="step"]')
    await inputs[0].fill('page:/landing/crm')
    await inputs[1].fill('event:signup')
    await page.selectOption('select[name="window"]', '30m')
    await page.selectOption('select[name="unit"]', 'sessions')
    await page.click('button[type="submit"].primary')
    await page.waitForSelector('ol.funnel')
    await ready(page)
    const url = new URL(page.url())
    assert.deepEqual(url.searchParams.getAll('step'), ['page:/landing/crm', 'event:signup'])
    assert.equal(url.searchParams.get('window'), '30m')
    assert.equal(url.searchParams.get('unit'), 'sessions')
    const expected = expectedFunnel(data.model, { steps: ['page:/landing/crm', 'event:signup'], unit: 'sessions', from, to: now.getTime() + 60e3, windowMs: 1800e3 })
    assert.deepEqual(withoutBetween(await shownSteps(page)), withoutBetween(asShown(expected.steps)))
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling')
    await page.screenshot({ path: join(output, 'funnels-picked.png'), fullPage: true })
    await ctx.close()
    assert.deepEqual(errors, [])
  })
})
