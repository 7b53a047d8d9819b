// Loader stub (paste inline in <head>, replacing HOST and KEY): defines
// `tracking` as a queue so pages can call it before the script has loaded;
// the script replays the queue. Built into dist/stub.min.js.
!function (w, d, s) {
  var t = w.tracking = w.tracking || []
  if (t.optIn) return
  'page track identify group lead reset optOut optIn'.split(' ').forEach(function (m) {
    t[m] = function () { t.push([m].concat([].slice.call(arguments))) }
  })
  s = d.createElement('script')
  s.async = 1
  s.src = 'https://HOST/sdk.js'
  s.setAttribute('data-write-key', 'KEY')
  d.head.appendChild(s)
}(window, document)
