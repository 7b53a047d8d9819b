import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { h } from './dom.js'

/**
 * A time-series chart (uPlot) that fills its box: `series` [{ label, values, color, faint }] over `times`
 * (Date[]). The box keeps its height while data loads, so nothing below it moves.
 */
export function chart ({ times, series, interval }) {
  const box = h('div.chart')
  if (!times) return box
  const plot = new uPlot({
    width: 600,
    height: 240,
    scales: { x: { time: true } },
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    axes: [
      // Ticks on whole buckets only (uPlot's own time ticks would repeat a day's label at 8-hour steps).
      { incrs: interval === 'hour' ? [3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600] : [86400, 2 * 86400, 7 * 86400], values: (u, ticks) => ticks.map(t => label(new Date(t * 1000), interval)) },
      { size: 50 }
    ],
    series: [
      {},
      ...series.map(s => ({ label: s.label, stroke: s.color, width: s.faint ? 1 : 2, dash: s.faint ? [4, 4] : undefined, alpha: s.faint ? 0.45 : 1, points: { show: false } }))
    ]
  }, [times.map(t => t.getTime() / 1000), ...series.map(s => s.values)], box)
  const resize = () => plot.setSize({ width: Math.max(200, box.clientWidth), height: 240 })
  new ResizeObserver(resize).observe(box)
  requestAnimationFrame(resize)
  return box
}

const label = (date, interval) => interval === 'hour'
  ? `${String(date.getHours()).padStart(2, '0')}:00`
  : `${date.getMonth() + 1}/${date.getDate()}`
