// The dashboard's pages, in navigation order. A new analysis is one module in this folder and one line here.
import overview from './overview.js'
import landing from './landing.js'
import funnels from './funnels.js'
import clicks from './clicks.js'
import paths from './paths.js'
import accounts from './accounts.js'

export const pages = [overview, landing, funnels, clicks, paths, accounts]
