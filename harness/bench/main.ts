/** `npm run bench -- <part> [--quick]`: benchmarks that print their figures. */
import { runPlanBenchmark } from "./Plan.ts"

const [part = "plan", ...flags] = process.argv.slice(2)
const quick = flags.includes("--quick")

if (part === "plan") {
  runPlanBenchmark(quick ? [1_000] : [1_000, 10_000, 100_000])
} else {
  console.error(`unknown benchmark "${part}"; available: plan`)
  process.exit(1)
}
