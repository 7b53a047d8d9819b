// The embedded ClickHouse SQL port against what a web page and a Node client can do: a page on
// another origin in real Chromium, holding even the host's internal password, cannot drop the
// events table; @clickhouse/client works with the analyst's credentials and can only read.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { readFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, ClickHouseLogLevel } from '@clickhouse/client'
import { startHost, startBrowser, until, sdkDir } from './host.js'

const refusals = host => (readFileSync(host.log, 'utf8').match(/Requests from web pages/g) || []).length

describe('the SQL port in Chromium and @clickhouse/client', () => {
  let host, browser, attacker

  before(async () => {
    host = await startHost()
    browser = await startBrowser()
  })
  after(async () => {
    attacker?.close()
    await browser?.close()
    await host?.stop()
  })

  test('a page on another origin cannot drop tracking.events, even knowing the internal password', async () => {
    await until(async () => (await host.sql('EXISTS TABLE tracking.events'))[0].result == 1, 30e3, 'the events table')
    const { internalPassword } = JSON.parse(readFileSync(join(host.dataDir, 'data', 'clickhouse-users.json'), 'utf8'))
    const sqlPort = `http://127.0.0.1:${host.chPort}/?user=tracking&password=${internalPassword}`
    const drop = 'DROP TABLE tracking.events'
    const page = `<!doctype html><title>another site</title><h1>another site</h1>
      <iframe name="sink"></iframe>
      <form id="f" method="POST" action="${sqlPort}" enctype="text/plain" target="sink"><input name="${drop} --" value=""></form>
      <img src="${sqlPort}&query=${encodeURIComponent(drop)}">
      <script>
        window.sent = fetch(${JSON.stringify(sqlPort)}, { method: 'POST', mode: 'no-cors', body: ${JSON.stringify(drop)} })
          .then(() => 'answered', e => 'failed: ' + e.message)
        document.getElementById('f').submit()
      </script>`
    attacker = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page) })
    await new Promise(resolve => attacker.listen(0, '127.0.0.1', resolve))
    const before = refusals(host)

    const ctx = await browser.newVisitor()
    const tab = await ctx.newPage()
    await tab.goto(`http://127.0.0.1:${attacker.address().port}/`)
    await tab.evaluate(() => window.sent)
    // The form POST, the image GET and the fetch each reached the port and were refused there.
    await until(() => refusals(host) - before >= 3, 20e3, 'three refused requests from the page')
    mkdirSync(join(sdkDir, 'TestResults'), { recursive: true })
    await tab.screenshot({ path: join(sdkDir, 'TestResults', 'sql-port-attack.png') })
    await ctx.close()

    assert.equal((await host.sql('EXISTS TABLE tracking.events'))[0].result, 1)
  })

  test('@clickhouse/client reads as analyst and cannot write', async () => {
    const quiet = { level: ClickHouseLogLevel.OFF } // the refusals below are expected
    const client = createClient({ url: `http://127.0.0.1:${host.chPort}`, username: 'analyst', password: host.analystPassword, log: quiet })
    try {
      const rows = await (await client.query({ query: 'SELECT count() AS n, 6 * 7 AS answer FROM tracking.events', format: 'JSONEachRow' })).json()
      assert.equal(rows.length, 1)
      assert.equal(rows[0].answer, 42)
      await assert.rejects(client.command({ query: 'DROP TABLE tracking.events' }), /readonly mode/)
      await assert.rejects(client.query({ query: "SELECT * FROM file('/etc/passwd', 'RawBLOB')" }), /refused for every user/)
      const wrong = createClient({ url: `http://127.0.0.1:${host.chPort}`, username: 'analyst', password: 'wrong', log: quiet })
      await assert.rejects(wrong.query({ query: 'SELECT 1' }), /Authentication failed/)
      await wrong.close()
    } finally {
      await client.close()
    }
    assert.equal((await host.sql('EXISTS TABLE tracking.events'))[0].result, 1)
  })
})
