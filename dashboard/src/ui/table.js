import { h } from './dom.js'

/**
 * A table of report rows: columns { key, label, format, render, bar, numeric, filter }, sortable by a header click,
 * a bar beside the column marked `bar`, and cells of a column with `filter` that filter the dashboard by
 * their value when clicked; `render(row)` draws a cell itself (a badge, a link, a chart). `rows` undefined renders placeholder rows of the same height (no layout jump).
 */
export function table ({ name, columns, rows, sort, onFilter, placeholderRows = 5, emptyText = 'No sessions match.' }) {
  let by = sort || columns.find(c => c.numeric)?.key
  let descending = true
  const body = h('tbody')
  const headers = columns.map(c => h('th', {
    className: c.numeric ? 'num' : '',
    dataset: { key: c.key },
    onclick: () => {
      descending = by === c.key ? !descending : Boolean(c.numeric)
      by = c.key
      fill()
    }
  }, c.label))

  function fill () {
    headers.forEach((th, i) => { th.dataset.sorted = columns[i].key === by ? (descending ? 'desc' : 'asc') : '' })
    if (!rows) {
      body.replaceChildren(...Array.from({ length: placeholderRows }, () =>
        h('tr.placeholder', columns.map(() => h('td', h('span.shimmer', ' '))))))
      return
    }
    if (rows.length === 0) {
      body.replaceChildren(h('tr', h('td.empty', { colSpan: columns.length }, emptyText)))
      return
    }
    const column = columns.find(c => c.key === by)
    const sorted = [...rows].sort((a, b) => {
      const x = a[by]; const y = b[by]
      const order = column?.numeric ? x - y : String(x).localeCompare(String(y))
      return descending ? -order : order
    })
    const bar = columns.find(c => c.bar)
    const max = bar ? Math.max(1, ...rows.map(r => r[bar.key])) : 1
    body.replaceChildren(...sorted.map(row => h('tr', columns.map(c => {
      const text = c.render ? c.render(row) : c.format ? c.format(row[c.key]) : row[c.key]
      const content = c.filter && onFilter
        ? h('button.link', { title: `Filter by ${c.label.toLowerCase()} “${row[c.key]}”`, onclick: () => onFilter(c.filter, row[c.key]) }, text)
        : text
      return h('td', { className: c.numeric ? 'num' : 'text', dataset: { key: c.key } },
        content,
        c === bar ? h('span.bar', { style: `width:${(100 * row[c.key] / max).toFixed(1)}%` }) : null)
    }))))
  }

  fill()
  return h('table.report', { dataset: { table: name } }, h('thead', h('tr', headers)), body)
}
