// The project switcher in real headless Chromium against the real host: two projects, each sent its own page
// views with its own write key; the dashboard holds both read keys (labelled by project name, never in the URL
// after the first load) and shows each project's landing pages only. Screenshots go to test-results/screenshots/.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { until } from '../../../sdk-js/test/browser/host.js'
import { sendAll } from './dataset.js'
import { output, startDashboard } from './harness.js'

const views = (path, count) => Array.from({ length: count }, (_, i) => ({
  type: 'page',
  anonymousId: `v-${i}`,
  messageId: 'm-' + randomUUID(),
  timestamp: new Date(Date.now() - 3600e3 - i * 60e3).toISOString(),
  context: { page: { path, url: 'https://shop.example' + path } }
}))

describe('project switcher', () => {
  let host, browser, page, other
  const errors = []

  before(async () => {
    ({ host, browser } = await startDashboard())
    const created = await fetch(host.base + '/v1/projects', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + host.adminKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Spring campaign' })
    })
    assert.equal(created.status, 201)
    other = await created.json()
    await sendAll(host, views('/only-default', 3))
    await sendAll({ ...host, writeKey: other.writeKey }, views('/only-spring', 2))
    await until(async () => (await host.sql('SELECT count() AS n FROM tracking.events'))[0].n == 5, 60e3, 'events loaded')
    const ctx = await browser.newContext({ userAgent: browser.userAgent, viewport: { width: 1400, height: 900 } })
    page = await ctx.newPage()
    page.on('pageerror', e => errors.push(e))
  })

  after(async () => { await browser?.close(); await host?.stop() })

  const ready = async () => {
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 30e3 })
    if (await page.getAttribute('body', 'data-state') === 'error') assert.fail(`${await page.textContent('.message')} ${errors.join('; ')}`)
  }
  const landingText = () => page.textContent('[data-table="landing"]')
  const projectNames = () => page.$$eval('select[name="project"] option', options => options.map(o => o.textContent))

  test('each read key the browser holds is a project to switch to, showing only that project', async () => {
    await page.goto(`${host.base}/dashboard?view=landing&range=7d#key=${host.readKey}`)
    await ready()
    assert.doesNotMatch(page.url(), /key=/)
    assert.match(await landingText(), /\/only-default/)
    assert.doesNotMatch(await landingText(), /\/only-spring/)

    // Adding the second project's key: through the switcher's form, not the URL.
    await page.selectOption('select[name="project"]', '')
    await page.fill('form.key input[name="key"]', other.readKey)
    await page.click('form.key button')
    await ready()
    await page.waitForFunction(() => document.querySelectorAll('select[name="project"] option').length === 3)
    assert.deepEqual(await projectNames(), ['Default project', 'Spring campaign', 'Add a project…'])
    assert.equal(await page.$eval('select[name="project"]', s => s.value), other.id)
    assert.match(await landingText(), /\/only-spring/)
    assert.doesNotMatch(await landingText(), /\/only-default/)
    await page.screenshot({ path: join(output, 'project-switcher.png'), fullPage: true })

    await page.selectOption('select[name="project"]', 'default')
    await ready()
    assert.match(await landingText(), /\/only-default/)
    assert.doesNotMatch(await landingText(), /\/only-spring/)
    assert.doesNotMatch(page.url(), /rk_/)
    assert.deepEqual(errors, [])
  })
})
