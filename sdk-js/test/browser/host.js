// Starts the real single-node host (dotnet Tracking.Host.dll) on free ports with a
// fresh data dir, and Debian's Chromium through playwright-core. Both are stopped
// by the tests' `after` hooks; the host by its own PID.
import { spawn } from 'node:child_process'
import { mkdtempSync, createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { chromium } from 'playwright-core'

export const sdkDir = resolve(new URL('../..', import.meta.url).pathname)
export const version = JSON.parse(readFileSync(join(sdkDir, 'package.json'))).version

const freePort = () => new Promise((ok, fail) => {
  const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)) })
})
const sleep = ms => new Promise(r => setTimeout(r, ms))

export async function startHost () {
  const dll = process.env.TRACKING_HOST_DLL || resolve(sdkDir, '../src/Tracking.Host/bin/Release/net10.0/Tracking.Host.dll')
  if (!existsSync(dll)) throw new Error(`Tracking host not built: ${dll} is missing (set TRACKING_HOST_DLL or build src/Tracking.Host -c Release)`)
  if (!existsSync(join(sdkDir, 'dist/tracking.min.js'))) throw new Error('run npm run build first')
  const dataDir = mkdtempSync(join(tmpdir(), 'tracking-browser-'))
  const [port, chPort] = [await freePort(), await freePort()]
  const host = {
    dataDir, port, chPort,
    base: `http://127.0.0.1:${port}`,
    writeKey: 'wk_' + randomBytes(12).toString('hex'),
    readKey: 'rk_' + randomBytes(12).toString('hex'),
    adminKey: 'ak_' + randomBytes(12).toString('hex'),
    analystPassword: 'ap_' + randomBytes(12).toString('hex'),
    log: join(dataDir, 'host.log')
  }
  const out = createWriteStream(host.log)
  const child = spawn('dotnet', [dll], {
    cwd: sdkDir,
    env: {
      ...process.env,
      TRACKING_DATA_DIR: join(dataDir, 'data'),
      ASPNETCORE_URLS: host.base,
      ClickHouse__Embedded__Port: String(chPort),
      TRACKING_WRITE_KEY: host.writeKey,
      TRACKING_READ_KEY: host.readKey,
      TRACKING_ADMIN_KEY: host.adminKey,
      TRACKING_ANALYST_PASSWORD: host.analystPassword,
      Loader__FlushInterval: '00:00:00.200',
      Tracking__SdkDir: sdkDir
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout.pipe(out); child.stderr.pipe(out)
  let exited = null
  child.on('exit', (code, signal) => { exited = { code, signal } })
  host.child = child
  host.tail = () => { try { return readFileSync(host.log, 'utf8').split('\n').slice(-40).join('\n') } catch { return '' } }
  host.stop = async () => {
    if (exited) return
    process.kill(child.pid, 'SIGTERM')
    for (let i = 0; i < 100 && !exited; i++) await sleep(100)
    if (!exited) process.kill(child.pid, 'SIGKILL')
    for (let i = 0; i < 50 && !exited; i++) await sleep(100)
    if (!process.env.KEEP_TRACKING_DATA) rmSync(dataDir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 90e3
  for (;;) {
    if (exited) throw new Error(`host exited early (${JSON.stringify(exited)}):\n${host.tail()}`)
    try { if ((await fetch(host.base + '/healthz')).status == 200) break } catch {}
    if (Date.now() > deadline) { await host.stop(); throw new Error('host not healthy after 90 s:\n' + host.tail()) }
    await sleep(250)
  }

  /** Plain SQL over the embedded ClickHouse HTTP port as the read-only user analyst; returns rows (FORMAT JSON). */
  host.sql = async query => {
    const r = await fetch(`http://127.0.0.1:${chPort}/?query=${encodeURIComponent(query + ' FORMAT JSON')}`,
      { method: 'POST', headers: { Authorization: 'Basic ' + Buffer.from('analyst:' + host.analystPassword).toString('base64') } })
    const text = await r.text()
    if (r.status != 200) throw new Error(`ClickHouse ${r.status}: ${text}`)
    return JSON.parse(text).data
  }
  /** The landing report over HTTP. */
  host.landing = async (from, to, groupBy = 'keyword,page') => {
    const r = await fetch(`${host.base}/v1/reports/landing?groupBy=${groupBy}&from=${from.toISOString()}&to=${to.toISOString()}`,
      { headers: { Authorization: 'Bearer ' + host.readKey } })
    const text = await r.text()
    if (r.status != 200) throw new Error(`report ${r.status}: ${text}`)
    return JSON.parse(text).rows
  }
  return host
}

/** Polls `fn` until it returns a truthy value (returned) or `ms` pass (then throws with the last value). */
export async function until (fn, ms = 20e3, what = 'condition') {
  const deadline = Date.now() + ms
  let last, err
  for (;;) {
    try { last = await fn(); err = undefined; if (last) return last } catch (e) { err = e }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${err ? err.message : JSON.stringify(last)}`)
    await sleep(250)
  }
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run']

export async function startBrowser () {
  // playwright-core launches with a fresh temporary --user-data-dir of its own.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
  // A normal desktop Chrome user agent: the back end excludes HeadlessChrome as a bot.
  const major = browser.version().split('.')[0]
  browser.userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`
  browser.newVisitor = async () => {
    const ctx = await browser.newContext({ userAgent: browser.userAgent, viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
    // Outbound links lead off the machine: answer them locally.
    await ctx.route(/^https?:\/\/partner\.example\.org\//, r => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Partner</title><p>partner site</p>' }))
    return ctx
  }
  return browser
}
