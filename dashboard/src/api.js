// The report API with the read key. The key arrives once in the URL fragment (#key=..., as `make run`
// prints it), moves to localStorage and leaves the URL; it is never put in a URL again. The browser keeps
// every read key it was given, each labelled with its project's name, so the user can switch projects.

const STORAGE = 'tracking.readKey'
const KNOWN = 'tracking.readKeys'

export function takeKeyFromUrl () {
  const key = new URLSearchParams(location.hash.slice(1)).get('key')
  if (key) {
    localStorage.setItem(STORAGE, key)
    history.replaceState(null, '', location.pathname + location.search)
  }
}

export const readKey = () => localStorage.getItem(STORAGE) || ''
export const saveKey = key => localStorage.setItem(STORAGE, key.trim())

/** The read keys this browser knows: [{ key, id, name }], one per project. */
export function knownKeys () {
  try { return JSON.parse(localStorage.getItem(KNOWN)) || [] } catch { return [] }
}

/** Asks which project the current read key reads and keeps it under that project (replacing an older key of it). */
export async function labelCurrentKey () {
  const key = readKey()
  if (!key) return null
  const response = await fetch('/v1/reports/project', { headers: { Authorization: 'Bearer ' + key } }).catch(() => null)
  if (!response?.ok) return null
  const project = await response.json()
  const others = knownKeys().filter(k => k.key !== key && k.id !== project.id)
  localStorage.setItem(KNOWN, JSON.stringify([...others, { key, id: project.id, name: project.name }]))
  return project
}

/** kind: 'key' (no or wrong read key), 'unreachable' (no answer from the server), 'request' (the API refused). */
export class ApiError extends Error {
  constructor (kind, message) { super(message); this.kind = kind }
}

/** The query string of params; an array value is the parameter repeated (a funnel's steps). */
const query = params => {
  const q = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) if (v != null && v !== '') q.append(name, v)
  return q
}

export async function report (name, params, signal) {
  const key = readKey()
  if (!key) throw new ApiError('key', 'Enter the project\'s read key to see its reports.')
  let response
  try {
    response = await fetch(`/v1/reports/${name}?${query(params)}`, { headers: { Authorization: 'Bearer ' + key }, signal })
  } catch (e) {
    if (e.name === 'AbortError') throw e
    throw new ApiError('unreachable', 'The Tracking server cannot be reached. Check that it is running (make run) and reload.')
  }
  if (response.status === 401) throw new ApiError('key', 'This read key was not accepted. Enter the read key `make run` printed for the project.')
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    throw new ApiError(response.status >= 500 ? 'unreachable' : 'request', body?.error || `The server answered ${response.status}.`)
  }
  return body
}
