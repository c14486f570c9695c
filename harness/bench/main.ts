/**
 * `npm run bench -- [plan|calls|converge|recovery|service|console|tenants…] [--quick] [--docebo-profile=strict|default]`: the
 * benchmarks, all of them when none is named. Each part prints its tables; the figures go to results.json and
 * RESULTS.md (results.quick.json and RESULTS.quick.md with `--quick`, the small sizes CI smoke-runs to check that the
 * benchmarks work, not what they measure). The calls, converge and recovery parts run the Docebo simulator under the
 * strict profile, as the test suites do, unless `--docebo-profile` says otherwise.
 */
import { doceboProfiles } from "../../simulators/docebo/index.ts"
import { runCallBenchmark } from "./Calls.ts"
import { consolePart, measureConsole } from "./Console.ts"
import { measureConvergence } from "./Converge.ts"
import { callsPart, convergePart, servicePart } from "./Parts.ts"
import { runPlanBenchmark } from "./Plan.ts"
import { measureRecovery, recoveryPart } from "./Recovery.ts"
import { machine, type PartResult, printPart, type RecordedPart, writeResults } from "./Report.ts"
import { measureService } from "./ServiceLoad.ts"
import { measureTenants, tenantsPart } from "./Tenants.ts"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const profileFlag = "--docebo-profile="
const profileArg = args.find((arg) => arg.startsWith(profileFlag))?.slice(profileFlag.length)
const profile = doceboProfiles.find((name) => name === profileArg)
if (profileArg !== undefined && profile === undefined) {
  console.error(`unknown Docebo profile "${profileArg}"; available: ${doceboProfiles.join(", ")}`)
  process.exit(1)
}

const parts: Record<string, () => Promise<PartResult>> = {
  plan: async () => runPlanBenchmark(quick ? [1_000] : [1_000, 10_000, 100_000]),
  calls: async () =>
    callsPart(
      await runCallBenchmark(quick ? ["acme", "synthetic-100-history"] : ["acme", "synthetic-2k-history"], profile),
    ),
  converge: async () =>
    convergePart(
      await measureConvergence(quick ? "synthetic-100-history" : "synthetic-2k-history", quick ? 5 : 20, profile),
    ),
  recovery: async () => recoveryPart(await measureRecovery(quick ? "acme" : "synthetic-400", 0.2, profile)),
  service: async () => {
    const settings = quick
      ? { seconds: 2, rate: 2_000, connections: 16, courses: 1_000 }
      : { seconds: 10, rate: 2_000, connections: 16, courses: 10_000 }
    // The same loads with the runs on the thread that answers requests, as before they had one of their own.
    const onServiceThread = await measureService({ ...settings, runs: "in-process" })
    return servicePart(await measureService({ ...settings, runs: "thread" }), onServiceThread)
  },
  console: async () => {
    const settings = {
      courses: quick ? 1_000 : 10_000,
      users: quick ? 1_000 : 10_000,
      events: quick ? 1_000 : 20_000,
      requests: quick ? 10 : 50,
    }
    return consolePart(settings, await measureConsole(settings))
  },
  tenants: async () => {
    const settings = quick
      ? { tenants: 4, seed: "synthetic-20", workers: [1, 2] }
      : { tenants: 12, seed: "synthetic-60", workers: [1, 2, 4] }
    return tenantsPart(settings, await measureTenants(settings))
  },
}
const order = Object.keys(parts)

const named = args.filter((arg) => !arg.startsWith("--"))
const unknown = named.filter((name) => !order.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.map((name) => `"${name}"`).join(", ")}; available: ${order.join(", ")}`)
  process.exit(1)
}
const selected = named.length === 0 ? order : order.filter((name) => named.includes(name))

const command = `npm run bench --${named.length > 0 ? ` ${selected.join(" ")}` : ""}${quick ? " --quick" : ""}${profile ? ` ${profileFlag}${profile}` : ""}`
const host = machine()
console.log(
  `iltsync benchmarks: ${selected.join(", ")}${quick ? " (quick)" : ""}; ${host.cores} cores, ${host.cpu}, node ${host.node}`,
)
const measured: Record<string, RecordedPart> = {}
for (const name of selected) {
  const run = parts[name] as () => Promise<PartResult>
  console.log(`\n${name}: measuring…`)
  const started = Date.now()
  const result = await run()
  const seconds = (Date.now() - started) / 1000
  measured[name] = { ...result, measuredAt: new Date().toISOString(), command, seconds, machine: host }
  printPart(result)
  console.log(`  (${name} took ${seconds.toFixed(0)} s)`)
}
const written = writeResults(measured, order, quick)
const missed = Object.values(measured).flatMap((part) => part.goals.filter((g) => !g.met))
console.log(
  `\n${missed.length === 0 ? "every goal met" : `${missed.length} goal(s) missed`}; wrote ${written.json} and ${written.markdown}`,
)
// The service part leaves sockets and timers of the simulators' webhook machinery behind; the figures are written.
process.exit(0)
