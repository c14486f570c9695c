/**
 * One size of the naive whole-document diff (NaiveDiff.ts) against the planner, in its own process so that a size it
 * cannot finish (out of memory) leaves the planner's own figures alone. Both are timed in this one process on the same
 * tenant, turn about, so that their ratio is measured under the same load. Prints one JSON line.
 * Usage: tsx harness/bench/NaiveDiffSize.ts <courses>
 */
import { performance } from "node:perf_hooks"
import type { Changeset } from "json-diff-ts"
import { plan } from "../../engine/Diff.ts"
import { makeSyntheticTenant } from "../../tenants/Synthetic.ts"
import { doceboDocument, naiveDiff, toDocument } from "./NaiveDiff.ts"

const courses = Number(process.argv[2] ?? "1000")
const runs = courses <= 1_000 ? 9 : courses <= 10_000 ? 3 : 1

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

/** Leaf changes of a json-diff-ts changeset (its entries nest per key). */
const leaves = (changes: Changeset): number =>
  changes.reduce((n, change) => n + (change.changes ? leaves(change.changes) : 1), 0)

// The same tenant as the planner's benchmark (PlanSize.ts): same size, same seed.
const tenant = makeSyntheticTenant({ courses, seed: 42 })
const planTimes: number[] = []
const mapTimes: number[] = []
const diffTimes: number[] = []
let changes = 0
// Turn about, so that both see the same machine load.
plan(tenant.docebo, tenant.to, tenant.store)
naiveDiff(doceboDocument(tenant.docebo), toDocument(tenant.to))
for (let i = 0; i < runs; i++) {
  const t0 = performance.now()
  plan(tenant.docebo, tenant.to, tenant.store)
  planTimes.push(performance.now() - t0)
  const t1 = performance.now()
  const before = doceboDocument(tenant.docebo)
  const after = toDocument(tenant.to)
  const t2 = performance.now()
  const result = naiveDiff(before, after)
  diffTimes.push(performance.now() - t2)
  mapTimes.push(t2 - t1)
  changes = leaves(result)
}
const planMs = median(planTimes)
const diffMs = median(diffTimes)
console.log(
  JSON.stringify({
    courses,
    planMs,
    mapMs: median(mapTimes),
    diffMs,
    speedup: diffMs / planMs,
    changes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    runs,
  }),
)
