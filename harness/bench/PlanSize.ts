/**
 * One size of the planner benchmark, run in its own process so that its peak RSS is its own. Prints one JSON line.
 * Usage: tsx harness/bench/PlanSize.ts <courses>
 */
import { performance } from "node:perf_hooks"
import { plan } from "../../engine/Diff.ts"
import { makeSyntheticTenant } from "../../tenants/Synthetic.ts"

const courses = Number(process.argv[2] ?? "1000")
const runs = courses <= 1_000 ? 7 : courses <= 10_000 ? 3 : 1

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const started = performance.now()
const tenant = makeSyntheticTenant({ courses, seed: 42 })
const generateMs = performance.now() - started

// The planner alone first: its peak RSS is taken before any JSON is made.
let body = plan(tenant.docebo, tenant.to, tenant.store)
for (let i = 1; i < runs; i++) body = plan(tenant.docebo, tenant.to, tenant.store)
const peakRssMb = process.resourceUsage().maxRSS / 1024

const { docebo, to } = tenant
const entities =
  docebo.courses.length +
  docebo.sessions.length +
  docebo.sessions.reduce((n, s) => n + s.events.length, 0) +
  docebo.locations.length +
  docebo.classrooms.length +
  docebo.users.length +
  docebo.webinarAccounts.length +
  to.courses.length +
  to.sessions.length +
  to.sessions.reduce((n, s) => n + s.slots.length, 0) +
  to.trainingProviders.length +
  to.sites.length +
  to.trainers.length +
  to.locations.length +
  to.rooms.length

// JSON.parse of the same two snapshots, in chunks: at 100k courses one string would exceed V8's maximum length.
const chunkSize = 20_000
const chunks = function* () {
  for (const snapshot of [docebo, to] as const) {
    for (const [name, list] of Object.entries(snapshot)) {
      if (!Array.isArray(list)) continue
      for (let i = 0; i < list.length; i += chunkSize)
        yield `{"${name}":${JSON.stringify(list.slice(i, i + chunkSize))}}`
    }
  }
}
// Then plan and JSON.parse turn about, so that both see the same machine load.
const planTimes: number[] = []
const parseTimes: number[] = []
let bytes = 0
for (let i = 0; i < runs; i++) {
  const t0 = performance.now()
  body = plan(tenant.docebo, tenant.to, tenant.store)
  planTimes.push(performance.now() - t0)
  let total = 0
  bytes = 0
  for (const chunk of chunks()) {
    bytes += chunk.length
    const t1 = performance.now()
    JSON.parse(chunk)
    total += performance.now() - t1
  }
  parseTimes.push(total)
}

const planMs = median(planTimes)
const parseMs = median(parseTimes)
const ready = body.ops.filter((op) => op.status === "ready").length
const held = body.ops.filter((op) => op.status === "held").length
console.log(
  JSON.stringify({
    courses,
    sessions: to.sessions.length,
    entities,
    generateMs,
    planMs,
    parseMs,
    ratio: planMs / parseMs,
    entitiesPerSecond: entities / (planMs / 1000),
    peakRssMb,
    jsonMb: bytes / 1024 / 1024,
    ops: body.ops.length,
    ready,
    held,
    changes: tenant.changes,
    runs,
  }),
)
