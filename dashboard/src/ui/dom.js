/** h('tag.class', { attr, onclick, dataset }, ...children): a small element builder; strings become text. */
export function h (tag, props, ...children) {
  const [name, ...classes] = tag.split('.')
  const el = document.createElement(name || 'div')
  if (classes.length) el.className = classes.join(' ')
  if (props && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props)
    props = null
  }
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value)
    else if (key === 'dataset') Object.assign(el.dataset, value)
    else if (key === 'style') el.style.cssText = value
    else if (key in el && typeof el[key] !== 'function' && key !== 'list') el[key] = value
    else el.setAttribute(key, value === true ? '' : value)
  }
  el.append(...children.flat().filter(c => c != null && c !== false).map(c => c instanceof Node ? c : String(c)))
  return el
}
