// The Accounts page in real headless Chromium against the real single-node host, over generated B2B usage
// whose churn risk levels and feature adoption this test computes itself (docs/definitions.md: Account,
// Usage events, Segment, Churn risk). Screenshots go to test-results/screenshots/.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { random } from './dataset.js'
import { output, startDashboard, load } from './harness.js'

const DAY = 86400e3
const HOUR = 3600e3
const FEATURES = ['report_exported', 'dashboard_viewed', 'invite_sent']
const STEPS = ['signed_up', 'invited_team', 'first_report']

// Usage shapes: events in the 28-day baseline and in the recent 14 days.
const SHAPES = { steady: [56, 28], falls: [60, 10], slides: [50, 18], stops: [40, 0], starts: [0, 20], grows: [28, 30], never: [0, 0] }

/**
 * Two accounts of each shape around `now`. Usage stays 2 hours clear of the windows' edges (now − 14 d,
 * now − 42 d) and of now itself, so the page's own `to` (now when it loads) sees the same windows.
 */
function generate (now, seed) {
  const next = random(seed)
  const events = []
  const accounts = []
  const at = (start, days) => new Date(start + 2 * HOUR + Math.floor(next() * (days * DAY - 4 * HOUR)))
  const id = () => 'm-' + randomUUID()
  let n = 0
  for (const [shape, [baseline, recent]] of Object.entries(SHAPES)) {
    for (let copy = 0; copy < 2; copy++, n++) {
      const account = `acct-${String(n).padStart(2, '0')}`
      const employees = [500, 50, undefined][n % 3]
      const traits = { name: `Account ${n} (${shape})`, ...(employees === undefined ? {} : { employees }) }
      const users = [`${account}-u0`, `${account}-u1`]
      for (const user of users) events.push({ type: 'group', groupId: account, userId: user, traits, timestamp: new Date(now - 50 * DAY).toISOString(), messageId: id() })
      const usage = (start, days, count) => {
        for (let i = 0; i < count; i++) {
          const step = Math.floor(next() * 6)
          const user = users[Math.floor(next() * users.length)]
          const e = step < STEPS.length
            ? { type: 'track', event: STEPS[step], properties: { key_path: 'onboarding', step: STEPS[step], step_index: step } }
            : { type: 'track', event: FEATURES[Math.floor(next() * FEATURES.length)] }
          // Half carry the account, half only the user (whose group call came before).
          events.push({ ...e, userId: user, ...(next() < 0.5 ? { groupId: account } : {}), timestamp: at(start, days).toISOString(), messageId: id() })
        }
      }
      usage(now - 42 * DAY, 28, baseline)
      usage(now - 14 * DAY, 14, recent)
      // A heartbeat is a system event: never usage.
      events.push({ type: 'track', event: 'heartbeat', userId: users[0], groupId: account, timestamp: new Date(now - 3 * DAY).toISOString(), messageId: id() })
      accounts.push({ account, name: traits.name, segment: employees === undefined ? 'unknown' : employees >= 200 ? 'big' : 'small' })
    }
  }
  return { events, accounts }
}

/** The churn risk at `to`, from the definition (whole numbers: recent/14 ≤ f·baseline/28 ⇔ 2·recent ≤ f·baseline). */
function risk (events, account, to) {
  const usage = events.filter(e => e.type === 'track' && e.event !== 'heartbeat' && e.groupId === account.account ||
    e.type === 'track' && e.event !== 'heartbeat' && !e.groupId && e.userId?.startsWith(account.account + '-'))
  const time = e => Date.parse(e.timestamp)
  const recent = usage.filter(e => time(e) >= to - 14 * DAY && time(e) < to).length
  const baseline = usage.filter(e => time(e) >= to - 42 * DAY && time(e) < to - 14 * DAY).length
  if (!recent && !baseline) return 'dormant'
  if (!baseline) return 'new'
  return 2 * recent * 10 <= 5 * baseline ? 'high' : 2 * recent * 10 <= 8 * baseline ? 'medium' : 'low'
}

describe('accounts page in Chromium against the single-node host', () => {
  let host, browser, page
  const now = Date.now()
  const data = generate(now, 20261204)
  const errors = []
  const expected = new Map(data.accounts.map(a => [a.name, { ...a, risk: risk(data.events, a, now) }]))

  before(async () => {
    ({ host, browser } = await startDashboard())
    await load(host, data.events)
    const ctx = await browser.newContext({ userAgent: browser.userAgent, viewport: { width: 1400, height: 1000 } })
    page = await ctx.newPage()
    page.on('pageerror', e => errors.push(e))
  })
  after(async () => {
    await browser?.close()
    await host?.stop()
  })

  // Ready, or fail with what the page says (an error message) and what it threw.
  const ready = async () => {
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 30e3 })
    if (await page.getAttribute('body', 'data-state') === 'error') assert.fail(`${await page.textContent('.message')} ${errors.join('; ')}`)
  }
  const rows = table => page.$$eval(`[data-table="${table}"] tbody tr`, trs => trs.map(tr => Object.fromEntries([...tr.cells].map(td => [td.dataset.key, td.textContent]))))

  test('the account list shows every account with its independently computed risk level, most at risk first', async () => {
    // Every level the definition has, so the badges are checked against all of them.
    assert.deepEqual([...new Set([...expected.values()].map(a => a.risk))].sort(), ['dormant', 'high', 'low', 'medium', 'new'])
    await page.goto(`${host.base}/dashboard?view=accounts&range=30d#key=${host.readKey}`)
    await ready()
    const shown = await rows('accounts')
    assert.deepEqual(shown.map(r => r.name).sort(), [...expected.keys()].sort())
    for (const row of shown) {
      assert.equal(row.rank, expected.get(row.name).risk, row.name)
      assert.equal(row.segment, expected.get(row.name).segment, row.name)
    }
    const order = ['high', 'medium', 'dormant', 'new', 'low']
    const levels = shown.map(r => order.indexOf(r.rank))
    assert.deepEqual(levels, [...levels].sort((a, b) => a - b))
    assert.equal(await page.locator('[data-table="accounts"] svg.sparkline').count(), expected.size)
    await page.screenshot({ path: join(output, 'accounts.png'), fullPage: true })
  })

  test('the segment and risk filters narrow the list and stay in the URL', async () => {
    await page.selectOption('select[name="segment"]', 'big')
    await ready()
    assert.match(page.url(), /segment=big/)
    assert.deepEqual((await rows('accounts')).map(r => r.name).sort(), [...expected.values()].filter(a => a.segment === 'big').map(a => a.name).sort())
    await page.selectOption('select[name="risk"]', 'high')
    await ready()
    assert.match(page.url(), /risk=high/)
    assert.deepEqual((await rows('accounts')).map(r => r.name).sort(), [...expected.values()].filter(a => a.segment === 'big' && a.risk === 'high').map(a => a.name).sort())
    await page.reload()
    await ready()
    assert.equal(await page.inputValue('select[name="risk"]'), 'high')
  })

  test('the feature adoption matrix counts the accounts that used each feature in the range', async () => {
    await page.goto(`${host.base}/dashboard?view=accounts&range=30d`)
    await ready()
    const from = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate() - 29).getTime()
    const accountOf = e => e.groupId || data.accounts.find(a => e.userId.startsWith(a.account + '-')).account
    const usage = data.events.filter(e => e.type === 'track' && e.event !== 'heartbeat' && Date.parse(e.timestamp) >= from)
    const byFeature = new Map()
    for (const e of usage) byFeature.set(e.event, new Set([...(byFeature.get(e.event) || []), accountOf(e)]))
    const matrix = await rows('features')
    assert.deepEqual(Object.fromEntries(matrix.map(r => [r.feature, r.accounts])), Object.fromEntries([...byFeature].map(([f, a]) => [f, String(a.size)])))
    for (const row of matrix) for (const segment of ['big', 'small', 'unknown']) assert.match(row[segment], /^\d+\.\d%$/)
  })

  test('an account page shows its usage chart, features and key-path progress', async () => {
    const account = [...expected.values()].find(a => a.risk === 'low')
    await page.click(`button[data-account="${account.account}"]`)
    await ready()
    assert.match(page.url(), new RegExp(`account=${account.account}`))
    assert.match(await page.textContent('main h2'), new RegExp(account.name.replace(/[()]/g, '\\$&')))
    assert.deepEqual(await page.$$eval('dl.traits dt', dts => dts.map(dt => dt.textContent)), ['name', 'employees'])
    await page.waitForSelector('main .chart canvas')
    const from = new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate() - 29).getTime()
    const mine = data.events.filter(e => e.type === 'track' && e.event !== 'heartbeat' && Date.parse(e.timestamp) >= from &&
      (e.groupId === account.account || (!e.groupId && e.userId.startsWith(account.account + '-'))))
    const features = [...new Set(mine.map(e => e.event))].sort()
    assert.deepEqual((await rows('account-features')).map(r => r.feature).sort(), features)
    const furthest = Math.max(...mine.filter(e => e.properties).map(e => e.properties.step_index))
    assert.deepEqual((await rows('key-paths')).map(r => [r.keyPath, r.stepIndex]), [['onboarding', `${furthest + 1}. ${STEPS[furthest]}`]])
    await page.screenshot({ path: join(output, 'account.png'), fullPage: true })
    assert.deepEqual(errors, [])
  })
})
