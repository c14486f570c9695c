/**
 * `iltsync plan`: a dry run, like `terraform plan`. Reads both systems (only what may have changed), plans, and shows
 * the summary and the changed fields; `--json` prints the plan document, `--out` saves it for `apply PLANFILE`.
 */
import { writeFile } from "node:fs/promises"
import { reconcile } from "../../engine/Reconcile.ts"
import { renderPlan } from "../../engine/Render.ts"
import { planDocument, planInputs } from "../Sync.ts"
import { readFlags } from "./cli/Flags.ts"
import { runApp } from "./cli/Run.ts"
import { planSynopsis } from "./Synopses.ts"

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(
    argv,
    {
      json: { type: "boolean", default: false },
      out: { type: "string" },
      course: { type: "string", multiple: true },
      "detailed-exitcode": { type: "boolean", default: false },
    },
    planSynopsis,
  )
  const courses = values.course
  const report = await runApp(
    reconcile({ runId: `plan-${Date.now()}`, dryRun: true, ...(courses ? { planCourses: courses } : {}) }),
  )
  const inputs = planInputs(report.known.docebo, report.known.to, report.store)
  const document = planDocument(report.planned, inputs)
  if (values.out) await writeFile(values.out, `${JSON.stringify(document, null, 2)}\n`)
  if (values.json) process.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  else process.stdout.write(renderPlan(report.planned, { color: process.stdout.isTTY === true }))
  if (values.out && !values.json)
    process.stdout.write(`\nSaved the plan to ${values.out}; apply it with: iltsync apply ${values.out}\n`)
  const ready = report.planned.ops.some((op) => op.status === "ready")
  return values["detailed-exitcode"] && ready ? 2 : 0
}
