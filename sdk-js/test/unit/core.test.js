// Unit tests of the snippet's pure parts (src/core.js).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SEARCH, uid, hash, campaign, source, session, selector, click, scrollPct, leadFields, retryable, backoff } from '../../src/core.js'

test('uid: unique, cookie-safe, no dots', () => {
  const ids = new Set(Array.from({ length: 10000 }, uid))
  assert.equal(ids.size, 10000)
  for (const id of [...ids].slice(0, 100)) assert.match(id, /^[0-9a-z]{12,}$/)
})

test('hash: deterministic, distinguishes sources', () => {
  assert.equal(hash('abc'), hash('abc'))
  assert.notEqual(hash('https://www.baidu.com/s?wd=%E4%B8%AD'), hash('https://www.baidu.com/s?wd=%E4%B8%AE'))
  assert.match(hash(''), /^-?[0-9a-z]+$/)
})

test('campaign: utm_* into Segment campaign fields, decoded', () => {
  assert.deepEqual(campaign('?utm_source=baidu&utm_medium=cpc&utm_campaign=spring&utm_term=%E6%99%BA%E8%83%BD+%E5%AE%A2%E6%9C%8D&utm_content=ad1&x=1'),
    { source: 'baidu', medium: 'cpc', name: 'spring', term: '智能 客服', content: 'ad1' })
  assert.deepEqual(campaign(''), {})
  assert.deepEqual(campaign('?utm_source=&q=1'), {}, 'empty values are dropped')
})

test('SEARCH: search-engine referrer hosts', () => {
  for (const h of ['www.baidu.com', 'm.baidu.com', 'www.google.com', 'www.google.com.hk', 'cn.bing.com', 'duckduckgo.com', 'www.so.com', 'www.sogou.com', 'yandex.ru', 'search.yahoo.com'])
    assert.ok(SEARCH.test(h), h)
  for (const h of ['example.com', 'also.com', 'news.example.org', 'baidu-fan.net', undefined])
    assert.ok(!SEARCH.test(h), h)
})

test('source: utm values first, else an external search referrer, else none', () => {
  const baidu = 'https://www.baidu.com/s?wd=%E4%B8%AD%E6%96%87'
  assert.equal(source(campaign('?utm_source=a&utm_term=b'), baidu, 'shop.example'), 'a,b')
  assert.equal(source({}, baidu, 'shop.example'), baidu)
  assert.equal(source({}, 'https://shop.example/pricing', 'shop.example'), '', 'internal navigation')
  assert.equal(source({}, 'https://news.example.org/x', 'shop.example'), '', 'non-search referrer')
  assert.equal(source({}, '', 'shop.example'), '', 'direct')
})

test('session: kept while active, new after 30 minutes idle', () => {
  const now = Date.now()
  const s = session(null, '', undefined)
  assert.match(s, /^[0-9a-z]+\.-?[0-9a-z]+$/)
  assert.equal(session(s, '', now - 29 * 60e3), s)
  assert.equal(session(s, '', undefined), s, 'unknown last activity is not idle')
  assert.notEqual(session(s, '', now - 31 * 60e3), s)
  assert.notEqual(session(null, '', now), s, 'expired cookie')
})

test('session: a new campaign or search arrival starts a new session, a reload does not', () => {
  const now = Date.now(), baidu = 'https://www.baidu.com/s?wd=%E4%B8%AD'
  const s1 = session(null, baidu, undefined)
  assert.equal(session(s1, baidu, now), s1, 'reload of the same arrival')
  assert.equal(session(s1, '', now), s1, 'internal navigation')
  const s2 = session(s1, 'https://www.google.com/search?q=crm', now)
  assert.notEqual(s2, s1)
  const s3 = session(s2, 'newsletter,email,spring', now)
  assert.notEqual(s3, s2)
  assert.equal(session(s3, 'newsletter,email,spring', now), s3)
})

const el = (localName, { id = '', cls = [], ...rest } = {}) =>
  ({ localName, tagName: localName.toUpperCase(), id, classList: cls, textContent: '', ...rest })

test('selector: #id, else tag with at most two classes', () => {
  assert.equal(selector(el('button', { id: 'cta' })), '#cta')
  assert.equal(selector(el('a', { cls: ['btn', 'btn-primary', 'large'] })), 'a.btn.btn-primary')
  assert.equal(selector(el('div')), 'div')
})

const doc = (scrollWidth, scrollHeight) => ({ documentElement: { scrollWidth, scrollHeight } })

test('click: positions, viewport fractions, document size, trimmed text, href', () => {
  const a = el('a', { cls: ['nav'], textContent: '\n   Pricing   and\n plans  ', href: 'https://shop.example/pricing' })
  const p = click({ pageX: 120, pageY: 1600, clientX: 120, clientY: 400 }, a, { innerWidth: 1200, innerHeight: 800, document: doc(1200, 5400) })
  assert.deepEqual(p, { selector: 'a.nav', tag: 'a', text: 'Pricing and plans', x: 120, y: 1600, vx: 0.1, vy: 0.5, vw: 1200, vh: 800, dw: 1200, dh: 5400, href: 'https://shop.example/pricing' })
  const long = click({ pageX: 0, pageY: 0, clientX: 0, clientY: 0 }, el('button', { textContent: 'x'.repeat(300) }), { innerWidth: 1, innerHeight: 1, document: doc(1, 1) })
  assert.equal(long.text.length, 100)
  assert.equal(JSON.stringify(long).includes('href'), false)
})

test('click: never the text of fields users type into', () => {
  const win = { innerWidth: 100, innerHeight: 100, document: doc(100, 100) }, e = { pageX: 1, pageY: 1, clientX: 1, clientY: 1 }
  const input = el('input', { value: 'secret@example.com', select() {} })
  const area = el('textarea', { value: 'typed', textContent: 'default text', select() {} })
  const editable = el('div', { isContentEditable: true, textContent: 'typed into an editor' })
  for (const x of [input, area, editable]) {
    const p = click(e, x, win)
    assert.equal(p.text, '')
    assert.ok(!JSON.stringify(p).includes('secret') && !JSON.stringify(p).includes('typed'))
  }
})

test('scrollPct: the deepest point seen as a whole percent of the document, at most 100', () => {
  assert.equal(scrollPct(720, 2880), 25)
  assert.equal(scrollPct(1000, 3000), 33)
  assert.equal(scrollPct(2880, 2880), 100)
  assert.equal(scrollPct(900, 800), 100, 'a viewport taller than the document')
  assert.equal(scrollPct(500, 0), 100, 'an empty document is seen whole')
})

const field = (type, name, value, id = '') => ({ type, name, value, id })

test('leadFields: contact fields by type or name, names only, only when filled', () => {
  const form = { elements: [field('text', 'name', 'Li Lei'), field('email', 'mail', 'li@example.com'), field('tel', 'm', '138'),
    field('text', 'company', 'ACME'), field('hidden', 'form_name', 'contact'), field('submit', '', 'Send'), field('text', 'wechat_id', 'lilei')] }
  assert.deepEqual(leadFields(form), ['name', 'mail', 'm', 'wechat_id'])
  assert.ok(!JSON.stringify(leadFields(form)).includes('example.com'))
  assert.deepEqual(leadFields({ elements: [field('search', 'q', 'shoes'), field('submit', '', 'Go')] }), [], 'search form is not a lead form')
  assert.deepEqual(leadFields({ elements: [field('email', 'email', '')] }), [], 'empty contact field')
  assert.deepEqual(leadFields({ elements: [field('text', '', '138', 'phone-number')] }), ['phone-number'], 'named by id')
  assert.deepEqual(leadFields({ elements: [field('text', 'Mobile', '138')] }), ['Mobile'], 'case-insensitive')
})

test('retryable: 429 and 5xx retry; 2xx and other 4xx settle the batch', () => {
  for (const s of [429, 500, 502, 503, 504]) assert.ok(retryable(s), s)
  for (const s of [200, 202, 400, 401, 413]) assert.ok(!retryable(s), s)
})

test('backoff: exponential from 1 s, capped at 60 s, Retry-After wins', () => {
  assert.deepEqual([0, 1, 2, 3, 5, 6, 10, 50].map(n => backoff(n)), [1e3, 2e3, 4e3, 8e3, 32e3, 6e4, 6e4, 6e4])
  assert.equal(backoff(0, '7'), 7e3)
  assert.equal(backoff(3, null), 8e3)
  assert.equal(backoff(1, 'Wed, 21 Oct 2015 07:28:00 GMT'), 2e3, 'HTTP-date Retry-After falls back to exponential')
})
