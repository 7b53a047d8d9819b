// The dashboard's pages, in navigation order. A new analysis is one module in this folder and one line here.
import overview from './overview.js'
import landing from './landing.js'
import clicks from './clicks.js'
import paths from './paths.js'

export const pages = [overview, landing, clicks, paths]
