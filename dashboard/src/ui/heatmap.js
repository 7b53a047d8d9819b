import { h } from './dom.js'

/** The viewport width a device class is drawn at (the heatmap's column is a 40th of the viewport). */
export const DEVICE_WIDTHS = { desktop: 1280, tablet: 820, mobile: 375 }
const COLUMNS = 40
const ROW = 25

/**
 * A heatmap of the clicks report's cells (column 0..39 of the viewport width, row of 25 page pixels) drawn on a
 * canvas `width` × `height` CSS pixels: each cell a rectangle whose opacity grows with its clicks.
 */
export function heatmapCanvas ({ cells, width, height }) {
  const canvas = h('canvas.heat', { width, height, style: `width:${width}px;height:${height}px` })
  const g = canvas.getContext('2d')
  const max = Math.max(1, ...cells.map(c => c.clicks))
  const cellWidth = width / COLUMNS
  for (const c of cells) {
    g.fillStyle = `rgba(235, 59, 90, ${(0.35 + 0.65 * c.clicks / max).toFixed(3)})`
    g.fillRect(c.x * cellWidth, c.y * ROW, cellWidth, ROW)
  }
  return canvas
}

/** The height to draw a heatmap at: the document height the clicks reported, at least the cells' extent. */
export const heatmapHeight = map => Math.max(map?.documentHeight || 0, ...(map?.cells || []).map(c => (c.y + 1) * ROW), 200)
