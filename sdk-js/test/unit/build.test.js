// The production build: size budget, and the minified file behaves like the source.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { browser } from './harness.js'

const dist = f => new URL('../../dist/' + f, import.meta.url)

test('npm run build: dist/tracking.min.js within 2304 B min+gzip', () => {
  const out = execFileSync(process.execPath, [new URL('../../scripts/build.mjs', import.meta.url).pathname], { encoding: 'utf8' })
  assert.match(out, /B min\+gzip/)
  const min = readFileSync(dist('tracking.min.js'))
  const gz = gzipSync(min, { level: 9 }).length
  assert.ok(gz <= 2304, `${gz} B`)
  const manifest = JSON.parse(readFileSync(dist('manifest.json')))
  assert.equal(manifest.gzip, gz)
  assert.equal(manifest.version, JSON.parse(readFileSync(new URL('../../package.json', import.meta.url))).version)
})

test('the minified snippet creates no global but `tracking` and tracks', async () => {
  const b = browser().run(readFileSync(dist('tracking.min.js'), 'utf8'))
  assert.deepEqual(Object.keys(b.window).filter(k => !b.globalsBefore.includes(k)), ['tracking'])
  b.window.tracking.track('from_dist')
  await b.advance(1000)
  assert.deepEqual(b.delivered.map(e => e.event || e.type), ['page', 'from_dist'])
})

test('the minified loader stub creates no global but `tracking`, queues calls and loads the script', () => {
  const b = browser()
  const appended = []
  b.document.createElement = tag => ({ tag, setAttribute (k, v) { this[k] = v } })
  b.document.head = { appendChild: el => appended.push(el) }
  b.run(readFileSync(dist('stub.min.js'), 'utf8'))
  assert.deepEqual(Object.keys(b.window).filter(k => !b.globalsBefore.includes(k)), ['tracking'])
  b.window.tracking.track('early', { a: 1 })
  assert.deepEqual(JSON.parse(JSON.stringify(b.window.tracking)), [['track', 'early', { a: 1 }]])
  assert.equal(appended.length, 1)
  assert.equal(appended[0].src, 'https://HOST/sdk.js')
  assert.equal(appended[0]['data-write-key'], 'KEY')
})
