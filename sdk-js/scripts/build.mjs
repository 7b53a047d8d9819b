// Builds dist/tracking.min.js (esbuild bundle + terser) and dist/stub.min.js,
// prints the min+gzip size and fails when the snippet exceeds its budget.
import { build } from 'esbuild'
import { minify } from 'terser'
import { gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'

const BUDGET = 2304
const root = new URL('..', import.meta.url)
const { version } = JSON.parse(readFileSync(new URL('package.json', root)))
mkdirSync(new URL('dist', root), { recursive: true })

// esbuild bundles as an ES module (top-level names stay local), terser minifies
// it as a module, and the result is wrapped in an arrow IIFE: the only global the
// snippet creates is the one it assigns (window.tracking).
const terse = code => minify(code, {
  ecma: 2020,
  module: true,
  toplevel: true,
  compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true },
  mangle: true,
  format: { comments: false }
}).then(r => '(()=>{' + r.code + '})();')

const bundle = async entry => (await build({
  entryPoints: [new URL(entry, root).pathname],
  bundle: true, write: false, format: 'esm', target: 'es2020', minify: true, legalComments: 'none',
  define: { VERSION: JSON.stringify(version) }
})).outputFiles[0].text

const out = {}
for (const [name, entry] of [['tracking', 'src/tracking.js'], ['stub', 'src/stub.js']]) {
  const code = (await terse(await bundle(entry))).trim() + '\n'
  writeFileSync(new URL(`dist/${name}.min.js`, root), code)
  out[name] = { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }
}
const min = readFileSync(new URL('dist/tracking.min.js', root))
writeFileSync(new URL('dist/manifest.json', root), JSON.stringify({
  version, file: 'tracking.min.js', ...out.tracking,
  sha256: createHash('sha256').update(min).digest('hex')
}, null, 2) + '\n')

const t = out.tracking
console.log(`dist/tracking.min.js  v${version}  ${t.bytes} B min, ${t.gzip} B min+gzip (budget ${BUDGET} B)`)
console.log(`dist/stub.min.js      ${out.stub.bytes} B min, ${out.stub.gzip} B min+gzip`)
if (t.gzip > BUDGET) {
  console.error(`FAIL: tracking.min.js is ${t.gzip} B min+gzip, over the ${BUDGET} B budget by ${t.gzip - BUDGET} B`)
  process.exit(1)
}
