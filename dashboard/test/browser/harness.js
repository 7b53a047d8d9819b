// What every dashboard browser suite starts with: the real host serving the dashboard this run built, a
// real Chromium, and where screenshots go (test-results/screenshots/, or $TRACKING_TEST_OUTPUT/screenshots/).
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startHost, startBrowser, until } from '../../../sdk-js/test/browser/host.js'
import { sendAll } from './dataset.js'

const dashboardDir = resolve(new URL('../..', import.meta.url).pathname)

export const output = join(process.env.TRACKING_TEST_OUTPUT || join(dashboardDir, 'test-results'), 'screenshots')

/** A host serving the dashboard as this run built it (the host's own copy is from its last dotnet build), and a browser. */
export async function startDashboard () {
  mkdirSync(output, { recursive: true })
  process.env.Tracking__DashboardDir = join(dashboardDir, 'dist')
  const host = await startHost()
  const browser = await startBrowser()
  return { host, browser }
}

/** Sends the events and waits until every one of them is stored. */
export async function load (host, events) {
  await sendAll(host, events)
  await until(async () => (await host.sql('SELECT count() AS n FROM tracking.events'))[0].n == events.length, 60e3, 'events loaded')
}
