// A fake browser just big enough to run the bundled snippet in node's vm:
// document (cookies, listeners), location, navigator (sendBeacon), localStorage,
// fetch and manual timers. Lets the unit tests drive batching, retries, the
// offline queue, consent and error isolation without a browser.
import vm from 'node:vm'
import { buildSync } from 'esbuild'

const { version } = (await import('../../package.json', { with: { type: 'json' } })).default
export const code = buildSync({
  entryPoints: [new URL('../../src/tracking.js', import.meta.url).pathname],
  bundle: true, write: false, format: 'iife', target: 'es2020', define: { VERSION: JSON.stringify(version) }
}).outputFiles[0].text

export const tick = () => new Promise(r => setImmediate(r))

export function browser ({ url = 'https://shop.example/landing', referrer = '', dataset = {}, storage = {}, dnt, queued, status = 200, cookies: jar = new Map() } = {}) {
  const listeners = {}, timers = [], requests = [], beacons = []
  let clock = 0, seq = 0
  const u = new URL(url)
  const location = { href: u.href, pathname: u.pathname, search: u.search, host: u.host }
  const b = {
    requests, beacons, listeners, jar, storage,
    status, // number, function(request) => number | {status, retryAfter} | 'network'
    fetchCalls: 0,
    location,
    document: {
      currentScript: { dataset: { writeKey: 'wk_test', ...dataset }, src: 'https://collector.example/sdk.js' },
      get cookie () { return [...jar].map(([k, v]) => k + '=' + v).join('; ') },
      set cookie (s) {
        const [kv, ...attrs] = s.split(';'), i = kv.indexOf('=')
        const maxAge = attrs.find(a => a.startsWith('max-age='))
        if (maxAge && +maxAge.slice(8) <= 0) jar.delete(kv.slice(0, i)); else jar.set(kv.slice(0, i), kv.slice(i + 1))
      },
      referrer, title: 'Landing page', hidden: false,
      documentElement: { scrollWidth: 1280, scrollHeight: 2880 },
      addEventListener (t, f) { (listeners['document:' + t] ||= []).push(f) }
    },
    navigator: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      language: 'zh-CN', doNotTrack: dnt,
      sendBeacon (u, body) { beacons.push({ url: u, body: JSON.parse(body) }); return b.beaconResult ?? true }
    },
    beaconResult: true,
    /** Advances the fake clock by ms, running due timers, then lets promises settle. */
    async advance (ms) {
      const end = clock + ms
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id)
        const t = timers[0]
        if (!t || t.at > end) break
        clock = t.at
        if (t.every) t.at += t.every; else timers.shift()
        t.f()
        await tick(); await tick()
      }
      clock = end
      await tick(); await tick()
    },
    pendingTimers: () => timers.filter(t => !t.every).map(t => t.at - clock),
    /** All events that reached the collector (fetch 2xx or beacon), in order. */
    get delivered () { return [...requests.filter(r => r.ok), ...beacons].flatMap(r => r.body.batch) },
    get sent () { return [...requests, ...beacons].flatMap(r => r.body.batch) },
    fire (target, type, event = {}) { for (const f of listeners[target + ':' + type] || []) f.call(null, event) }
  }
  const ctx = {
    document: b.document, navigator: b.navigator, location, screen: { width: 1920, height: 1080 },
    innerWidth: 1280, innerHeight: 720, scrollY: 0, URL, URLSearchParams, console,
    addEventListener (t, f) { (listeners['window:' + t] ||= []).push(f) },
    setTimeout (f, ms) { const id = ++seq; timers.push({ id, at: clock + (+ms || 0), f }); return id },
    setInterval (f, ms) { const id = ++seq; timers.push({ id, at: clock + ms, every: ms, f }); return id },
    clearTimeout (id) { const i = timers.findIndex(t => t.id == id); if (i >= 0) timers.splice(i, 1) },
    fetch (u, init) {
      b.fetchCalls++
      const req = { url: u, init, body: JSON.parse(init.body), ok: false }
      let r = typeof b.status == 'function' ? b.status(req) : b.status
      if (r == 'network') return Promise.reject(new TypeError('Failed to fetch'))
      if (typeof r == 'number') r = { status: r }
      req.ok = r.status >= 200 && r.status < 300
      requests.push(req)
      return Promise.resolve({ status: r.status, headers: { get: h => h == 'Retry-After' ? r.retryAfter ?? null : null } })
    }
  }
  if (storage === 'throws') Object.defineProperty(ctx, 'localStorage', { get () { throw new Error('SecurityError') } })
  else ctx.localStorage = storage
  if (queued) ctx.tracking = queued
  ctx.window = ctx
  b.window = vm.createContext(ctx)
  b.globalsBefore = Object.keys(ctx)
  b.run = (src = code) => { vm.runInContext(src, b.window); return b }
  return b
}
