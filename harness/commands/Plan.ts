/**
 * `iltsync plan`: a dry run, like `terraform plan`. Reads both systems (only what may have changed), plans, and shows
 * the summary and the changed fields; `--json` prints the plan document, `--out` saves it for `apply PLANFILE`.
 */
import { writeFile } from "node:fs/promises"
import type { DoceboSnapshot } from "../../engine/model/Docebo.ts"
import { naturalKey } from "../../engine/Normalise.ts"
import { reconcile } from "../../engine/Reconcile.ts"
import { renderPlan } from "../../engine/Render.ts"
import { planDocument, planInputs } from "../Sync.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { runApp } from "./cli/Run.ts"
import { planSynopsis } from "./Synopses.ts"

/**
 * Codes that no Docebo course has (compared as the planner compares them). Unknown only when the whole course listing
 * was read: a code missing from a partial one may still exist.
 */
export const unknownCodes = (codes: ReadonlyArray<string>, docebo: DoceboSnapshot): ReadonlyArray<string> => {
  if (!docebo.complete.courses) return []
  const known = new Set(docebo.courses.map((course) => naturalKey(course.code)))
  return codes.filter((code) => !known.has(naturalKey(code)))
}

const shownCodes = 8

const noSuchCourse = (unknown: ReadonlyArray<string>, docebo: DoceboSnapshot) => {
  const codes = [...new Set(docebo.courses.map((course) => course.code).filter((code) => code !== ""))].sort()
  const listed = codes.slice(0, shownCodes).join(", ")
  const more = codes.length > shownCodes ? ` and ${codes.length - shownCodes} more` : ""
  return new CliError(
    `Docebo has no course with the code ${unknown.join(", ")}`,
    `its codes: ${listed}${more}; \`iltsync status\` lists the courses synced, with their codes`,
  )
}

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
  const unknown = unknownCodes(courses ?? [], report.known.docebo)
  // A plan limited to a course that does not exist would say "No changes.", as if that course were in step.
  if (unknown.length > 0) throw noSuchCourse(unknown, report.known.docebo)
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
