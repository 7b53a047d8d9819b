// Builds the dashboard into dist/: index.html, and content-hashed assets/main-HASH.js and .css (uPlot bundled,
// nothing loaded from the internet), each with .br and .gz copies the host serves to browsers that accept them.
import { build } from 'esbuild'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'
import { readFileSync, writeFileSync, rmSync, mkdirSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const dist = join(root, 'dist')
rmSync(dist, { recursive: true, force: true })
mkdirSync(join(dist, 'assets'), { recursive: true })

const result = await build({
  entryPoints: [join(root, 'src/main.js')],
  bundle: true, minify: true, format: 'esm', target: 'es2020', legalComments: 'none',
  outdir: join(dist, 'assets'), entryNames: '[name]-[hash]', metafile: true, logLevel: 'warning'
})
const outputs = Object.keys(result.metafile.outputs).map(p => basename(p))
const script = outputs.find(f => f.endsWith('.js'))
const style = outputs.find(f => f.endsWith('.css'))
const html = readFileSync(join(root, 'src/index.html'), 'utf8')
  .replace('__SCRIPT__', `/dashboard/assets/${script}`).replace('__STYLE__', `/dashboard/assets/${style}`)
writeFileSync(join(dist, 'index.html'), html)

const sizes = []
for (const file of ['index.html', ...readdirSync(join(dist, 'assets')).map(f => 'assets/' + f)]) {
  const body = readFileSync(join(dist, file))
  writeFileSync(join(dist, file + '.br'), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  const gz = gzipSync(body, { level: 9 })
  writeFileSync(join(dist, file + '.gz'), gz)
  sizes.push(`${file} ${body.length} B, ${gz.length} B gzip`)
}
console.log('dashboard: ' + sizes.join('; '))
