/**
 * `iltsync apply [PLANFILE]`: applies a fresh plan, or exactly a saved one. A saved plan is refused as stale when
 * either system or the store changed since it was made (its input digests no longer match), with what changed.
 */
import { readFile } from "node:fs/promises"
import { Effect, Either, Schema } from "effect"
import { type PlanDocument, PlanDocument as PlanDocumentSchema } from "../../engine/Plan.ts"
import type { OpOutcome } from "../../engine/Ports.ts"
import { reconcile } from "../../engine/Reconcile.ts"
import { PlanStale, planDocument, planInputs, staleParts } from "../Sync.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { progressReporter } from "./cli/Progress.ts"
import { runApp } from "./cli/Run.ts"
import { applySynopsis } from "./Synopses.ts"

const decodePlan = Schema.decodeUnknownEither(Schema.parseJson(PlanDocumentSchema))

const readPlanFile = async (path: string): Promise<PlanDocument> => {
  const text = await readFile(path, "utf8").catch(() => {
    throw new CliError(`cannot read the plan file ${path}`, "give the path written by `iltsync plan --out FILE`")
  })
  const decoded = decodePlan(text)
  if (Either.isLeft(decoded)) {
    throw new CliError(`${path} is not a plan document`, "make one with `iltsync plan --out FILE`")
  }
  return decoded.right
}

const count = (outcomes: ReadonlyArray<OpOutcome>, status: OpOutcome["status"]) =>
  outcomes.filter((outcome) => outcome.status === status).length

export const run = async (argv: string[]): Promise<number> => {
  const { values, positionals } = readFlags(
    argv,
    { "approve-held": { type: "boolean", default: false }, json: { type: "boolean", default: false } },
    applySynopsis,
    true,
  )
  if (positionals.length > 1) throw new CliError("apply takes at most one plan file", `usage: iltsync ${applySynopsis}`)
  const saved = positionals[0] === undefined ? undefined : await readPlanFile(positionals[0])
  const report = await runApp(
    reconcile({
      runId: `apply-${Date.now()}`,
      approveHeld: values["approve-held"],
      progress: progressReporter("applying"),
      // A saved plan is applied only if the plan made now is the same, op for op: then applying the fresh plan is
      // applying exactly the saved one. Otherwise the input digests say which side changed.
      beforeApply: (planned, known, store) => {
        if (saved === undefined || JSON.stringify(planned.ops) === JSON.stringify(saved.ops)) return Effect.void
        const changed = staleParts(saved.inputs, planInputs(known.docebo, known.to, store))
        return Effect.fail(new PlanStale({ changed: changed.length > 0 ? changed : ["the plan's ops"] }))
      },
    }),
  )
  const outcomes = report.outcomes ?? []
  if (values.json) {
    const document = planDocument(report.planned, planInputs(report.known.docebo, report.known.to, report.store))
    process.stdout.write(`${JSON.stringify({ plan: document, outcomes }, null, 2)}\n`)
  } else {
    const done = count(outcomes, "done")
    const failed = outcomes.filter((o) => o.status === "failed")
    const skipped = outcomes.filter((o) => o.status === "skipped")
    process.stdout.write(`Applied: ${done} done, ${failed.length} failed, ${skipped.length} not applied.\n`)
    for (const outcome of [...failed, ...skipped].slice(0, 20)) {
      process.stdout.write(
        `  ${outcome.status === "failed" ? "failed " : "waiting"} ${outcome.opId}: ${outcome.reason ?? ""}\n`,
      )
    }
    if (failed.length + skipped.length > 20)
      process.stdout.write(`  … (+${failed.length + skipped.length - 20} more; --json lists all)\n`)
  }
  return outcomes.every((outcome) => outcome.status === "done") ? 0 : 3
}
