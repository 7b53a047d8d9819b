const SVG = 'http://www.w3.org/2000/svg'
const s = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS(SVG, tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  el.append(...children)
  return el
}
const title = text => s('title', {}, text)

const COLUMN = 220
const NODE = 12
const GAP = 14
const HEIGHT = 520

/**
 * A Sankey-like flow of the paths report's links: one column per level, left to right, a node per page of
 * that level (its height by sessions), links as bands whose width is their sessions. Hovering shows counts;
 * clicking a page node calls `onNode(page)`.
 */
export function flow ({ links, format, onNode }) {
  const levels = Math.max(0, ...links.map(l => l.level))
  // Nodes: level 0 are the links' starts; level i the targets of level i's links.
  const columns = Array.from({ length: levels + 1 }, () => new Map())
  const add = (level, label, n) => columns[level].set(label, (columns[level].get(label) || 0) + n)
  for (const l of links) {
    if (l.level === 1) add(0, l.from, l.sessions)
    add(l.level, l.to, l.sessions)
  }
  const total = Math.max(1, ...columns.map(c => [...c.values()].reduce((a, b) => a + b, 0)))
  const most = Math.max(1, ...columns.map(c => c.size))
  const scale = (HEIGHT - GAP * most) / total
  const place = new Map() // "level|label" → { x, y, h, outY, inY }
  columns.forEach((column, level) => {
    let y = 0
    for (const [label, n] of [...column].sort((a, b) => b[1] - a[1])) {
      const hgt = Math.max(2, n * scale)
      place.set(level + '|' + label, { x: level * COLUMN, y, h: hgt, n, label, level, outY: y, inY: y })
      y += hgt + GAP
    }
  })
  const height = Math.max(HEIGHT, ...[...place.values()].map(p => p.y + p.h)) + 20
  const svg = s('svg', { class: 'flow', width: levels * COLUMN + 200, height, viewBox: `0 0 ${levels * COLUMN + 200} ${height}` })
  for (const l of [...links].sort((a, b) => a.level - b.level || b.sessions - a.sessions)) {
    const from = place.get((l.level - 1) + '|' + l.from)
    const to = place.get(l.level + '|' + l.to)
    if (!from || !to) continue
    const w = Math.max(1, l.sessions * scale)
    const y0 = from.outY + w / 2; const y1 = to.inY + w / 2
    from.outY += w; to.inY += w
    const x0 = from.x + NODE; const x1 = to.x
    const mid = (x0 + x1) / 2
    svg.append(s('path', { class: 'link', d: `M${x0},${y0} C${mid},${y0} ${mid},${y1} ${x1},${y1}`, 'stroke-width': w, 'data-level': l.level, 'data-from': l.from, 'data-to': l.to, 'data-sessions': l.sessions },
      title(`${l.from} → ${l.to}: ${format(l.sessions)} sessions`)))
  }
  for (const p of place.values()) {
    const isPage = p.label !== '(exit)' && p.label !== '(other)'
    const g = s('g', { class: `node ${isPage ? 'page' : 'exit'}`, 'data-level': p.level, 'data-label': p.label },
      s('rect', { x: p.x, y: p.y, width: NODE, height: p.h }),
      s('text', { x: p.x + NODE + 4, y: p.y + Math.min(p.h / 2, 10) + 4 }, `${p.label} · ${format(p.n)}`),
      title(`${p.label}: ${format(p.n)} sessions${isPage ? ' (click to start from here)' : ''}`))
    if (isPage) g.addEventListener('click', () => onNode(p.label))
    svg.append(g)
  }
  return svg
}
