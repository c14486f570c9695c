/** `bench plan`: the planner at 1k, 10k and 100k courses, each size in a child process; prints a table. */
import { spawnSync } from "node:child_process"
import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"

export interface PlanFigures {
  readonly courses: number
  readonly sessions: number
  readonly entities: number
  readonly generateMs: number
  readonly planMs: number
  readonly parseMs: number
  readonly ratio: number
  readonly entitiesPerSecond: number
  readonly peakRssMb: number
  readonly jsonMb: number
  readonly ops: number
  readonly ready: number
  readonly held: number
  readonly runs: number
}

const sizeScript = fileURLToPath(new URL("./PlanSize.ts", import.meta.url))

const measure = (courses: number): PlanFigures => {
  const child = spawnSync(
    process.execPath,
    ["--max-old-space-size=2000", "--import", "tsx", sizeScript, String(courses)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  )
  if (child.status !== 0) throw new Error(`plan benchmark at ${courses} courses failed:\n${child.stderr}`)
  return JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as PlanFigures
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })

export const runPlanBenchmark = (sizes: ReadonlyArray<number>): ReadonlyArray<PlanFigures> => {
  console.log(
    `planner benchmark (node ${process.version}, ${availableParallelism()} cores); plan time is the median of the runs`,
  )
  const header = [
    "courses",
    "sessions",
    "entities",
    "plan ms",
    "JSON.parse ms",
    "ratio",
    "entities/s",
    "peak RSS MiB",
    "ops (ready/held)",
    "runs",
  ]
  const rows: string[][] = []
  const results: PlanFigures[] = []
  for (const size of sizes) {
    const r = measure(size)
    results.push(r)
    rows.push([
      fmt(r.courses),
      fmt(r.sessions),
      fmt(r.entities),
      fmt(r.planMs, 1),
      fmt(r.parseMs, 1),
      fmt(r.ratio, 2),
      fmt(r.entitiesPerSecond),
      fmt(r.peakRssMb),
      `${fmt(r.ops)} (${fmt(r.ready)}/${fmt(r.held)})`,
      String(r.runs),
    ])
    console.log(`  measured ${fmt(size)} courses`)
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ")
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  const worst = Math.max(...results.map((r) => r.ratio))
  const rss = Math.max(...results.map((r) => r.peakRssMb))
  console.log(`goal: ratio <= 1.00 at every size: ${worst <= 1 ? "met" : "missed"} (worst ${fmt(worst, 2)})`)
  console.log(`goal: peak RSS under 2 GiB: ${rss < 2048 ? "met" : "missed"} (largest ${fmt(rss)} MiB)`)
  return results
}
