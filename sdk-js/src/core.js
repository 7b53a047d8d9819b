// Pure parts of the snippet: no DOM globals touched here, so node's test runner
// can exercise them with plain objects. Everything is bundled into the browser
// build too, so keep it short — every byte counts against the 2 KB budget.

/** Search engines whose referrers start a new session and carry a keyword (the
 * server extracts it: Baidu wd/word, Google/Bing/DuckDuckGo/360 q, Sogou query,
 * Yandex text, Yahoo p). Matched against the referrer host name. */
export const SEARCH = /\b(baidu|google|bing|duckduckgo|so(gou)?|yandex|yahoo)\./

/** Contact-detail fields: by input type (email, tel), or by name/id. */
const CONTACT = /mail|phone|mobile|tel|name|contact|wechat/i

/** Random id (messageId, anonymousId, sessionId): time + ~52 random bits, base 36. */
export const uid = () => Date.now().toString(36) + Math.random().toString(36).slice(2)

/** Short deterministic string hash (djb2, base 36). */
export const hash = s => [...s].reduce((h, c) => h * 33 ^ c.charCodeAt(), 5381).toString(36)

/** UTM parameters of a query string as a Segment `context.campaign` object. */
export const campaign = search => {
  const c = {}
  for (const [k, v] of new URLSearchParams(search)) if (v && k.startsWith('utm_')) c[k == 'utm_campaign' ? 'name' : k.slice(4)] = v
  return c
}

/** The traffic source an arrival brings, '' for none: its campaign (utm_*
 * values), else the referrer when it is an external search engine. */
export const source = (c, referrer, host, h = referrer.split('/')[2]) =>
  Object.values(c) + '' || (h != host && SEARCH.test(h) ? referrer : '')

/** Session rule. `prev` is the stored session id (none once the cookie's 30
 * minutes have expired), `src` the arrival's traffic source, `last` the time of
 * the previous event (ms; unknown = not idle). A new session starts after 30 minutes idle, and when
 * a new campaign or search arrival comes in: the id carries a hash of the
 * source that started it, so a reload keeps the session. */
export const session = (prev, src, last) =>
  prev && !(Date.now() - last > 18e5) && (!src || prev.split('.')[1] == hash(src)) ? prev : uid() + '.' + hash(src)

/** Short CSS selector of an element: `#id`, else its tag with at most two classes. */
export const selector = el => el.id ? '#' + el.id : [el.localName, ...[...el.classList].slice(0, 2)].join('.')

/** Properties of a click on `el`: `e` is the MouseEvent, the third argument the
 * window. Never reads what users type: text fields (input, textarea: the
 * elements with a select() method) and contenteditable elements contribute no
 * text. `href` is undefined (dropped by JSON) unless `el` is a link. `dw`/`dh`
 * are the document's size, so positions can be drawn on a page of any length. */
export const click = (e, el, { innerWidth: vw, innerHeight: vh, document: { documentElement: r } }) => ({
  selector: selector(el),
  tag: el.localName,
  text: el.select || el.isContentEditable ? '' : el.textContent.replace(/\s+/g, ' ').trim().slice(0, 100),
  x: e.pageX, y: e.pageY, vx: e.clientX / vw, vy: e.clientY / vh, vw, vh, dw: r.scrollWidth, dh: r.scrollHeight,
  href: el.href
})

/** How far down a document `height` px tall was seen, `seen` px from its top,
 * as a whole percent 0–100 (an empty document is seen whole). */
export const scrollPct = (seen, height) => height > 0 ? Math.min(100, Math.round(100 * seen / height)) : 100

/** Names of the filled fields of `form` that collect contact details (never
 * their values); empty when the form is not a lead form. */
export const leadFields = form => [...form.elements]
  .filter(e => e.value && e.type != 'hidden' && CONTACT.test(e.type + e.name + e.id))
  .map(e => e.name || e.id || e.type)

/** Whether a collector response status means "try again later" (network
 * errors always do); anything else settles the batch (rejected events are not retried). */
export const retryable = s => s == 429 || s > 499

/** Retry delay in ms after `n` consecutive failures: the server's Retry-After
 * (`ra`, seconds) when it sent one, else exponential from 1 s capped at 60 s. */
export const backoff = (n, ra) => (+ra || Math.min(60, 2 ** n)) * 1e3
