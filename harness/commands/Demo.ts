/**
 * `iltsync demo`: the main job on embedded defaults. Both simulators on free ports with the `acme` tenant, its Docebo
 * answering as the strict profile (no webinar-accounts or domain endpoint), a store in a temporary folder; the
 * operator's import of the webinar accounts, the dry-run plan, the apply with progress, the result (per-course
 * statuses, warnings, the held cancellation), the operator's approval of the held op, and a second plan that is empty.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect } from "effect"
import { CallAccounting } from "../../adapters/http/Calls.ts"
import { Store } from "../../adapters/store/Store.ts"
import { reconcile } from "../../engine/Reconcile.ts"
import { renderPlan } from "../../engine/Render.ts"
import { makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { csvDocument } from "../Csv.ts"
import { simulatorEnv } from "../Simulators.ts"
import { readWebinarAccountsCsv } from "../WebinarAccountsImport.ts"
import { progressReporter } from "./cli/Progress.ts"
import { runApp } from "./cli/Run.ts"
import { table } from "./cli/Table.ts"
import { listen } from "./sim/Listen.ts"

const out = (text: string) => process.stdout.write(text)
const heading = (text: string) => out(`\n=== ${text} ===\n\n`)

/** API calls made so far, by system and method: reads are GETs, writes the rest. */
const callsLine = Effect.gen(function* () {
  const calls = yield* CallAccounting
  const all = yield* calls.counts
  const count = (system: string, read: boolean) =>
    all.filter((c) => c.system === system && (c.method === "GET") === read).reduce((n, c) => n + c.count, 0)
  return `API calls: Docebo ${count("docebo", true)} reads, ${count("docebo", false)} writes; Training Orchestra ${count("to", true)} reads, ${count("to", false)} writes`
})

export const run = async (_argv: string[]): Promise<number> => {
  const folder = await mkdtemp(join(tmpdir(), "iltsync-demo-"))
  const seeds = simulatorSeedsFor("acme")
  if (!seeds) throw new Error("the acme tenant is missing")
  const docebo = makeDoceboSimulator({ seed: seeds.docebo, profile: "strict" })
  const to = makeToSimulator({ seed: seeds.to })
  const doceboServer = await listen(docebo.app.fetch, 0)
  const toServer = await listen(to.app.fetch, 0)
  const options = {
    databasePath: join(folder, "iltsync.db"),
    env: {
      ...process.env,
      ...simulatorEnv({ docebo: doceboServer.url, to: toServer.url }),
      ILTSYNC_SECRET_KEY: undefined,
    },
  }
  try {
    out("iltsync demo: Docebo and Training Orchestra simulators with the acme tenant, a store in a temporary folder.\n")
    out(
      `  Docebo             ${doceboServer.url}\n  Training Orchestra ${toServer.url}\n  store              ${options.databasePath}\n`,
    )

    heading("0. The operator imports the webinar accounts (this Docebo has no accounts endpoint)")
    // The seed's CSV, as the operator exports it from Docebo's pages; read as `iltsync webinar-accounts --import` does.
    const accounts = seeds.docebo.webinar_accounts ?? []
    const csv = csvDocument(
      ["id", "tool", "name", "email"],
      accounts.map((account) => [String(account.id), account.tool, account.name, account.email]),
    )
    const file = join(folder, "webinar-accounts.csv")
    await writeFile(file, csv)
    const read = readWebinarAccountsCsv(csv)
    if (!read.ok) throw new Error(`the demo's accounts do not import: ${read.problems.join("; ")}`)
    await runApp(
      Effect.flatMap(Store, (store) => store.replaceImportedWebinarAccounts(read.accounts, new Date().toISOString())),
      options,
    )
    out(`Imported ${read.accounts.length} webinar accounts from ${file}.\n`)

    heading("1. Plan (dry run)")
    const dry = await runApp(reconcile({ runId: "demo-plan", dryRun: true }), options)
    out(renderPlan(dry.planned, { color: process.stdout.isTTY === true }))

    heading("2. Apply")
    const applied = await runApp(
      Effect.zip(reconcile({ runId: "demo-apply", progress: progressReporter("applying", process.stdout) }), callsLine),
      options,
    )
    const [report, calls] = applied
    const outcomes = report.outcomes ?? []
    out(
      `${outcomes.filter((o) => o.status === "done").length} ops done, ${outcomes.filter((o) => o.status === "failed").length} failed, ${outcomes.filter((o) => o.status === "skipped").length} waiting.\n${calls}\n\n`,
    )
    out("Courses:\n")
    out(
      table(
        ["code", "course", "type", "status", "note"],
        report.statuses.map((s) => [s.code || "(no code)", s.name, s.type.toUpperCase(), s.status, s.error ?? ""]),
      ),
    )
    out("\nStill waiting for an operator:\n")
    for (const op of report.planned.ops.filter((o) => o.status !== "ready"))
      out(`  [${op.status}] ${op.id}: ${op.reason}\n`)
    out("\nWarnings:\n")
    for (const warning of report.planned.warnings) out(`  ! ${warning.code}: ${warning.message}\n`)

    heading("3. The operator approves the held cancellation (apply --approve-held)")
    const approved = await runApp(reconcile({ runId: "demo-approve", approveHeld: true }), options)
    for (const outcome of approved.outcomes ?? []) out(`  ${outcome.status} ${outcome.opId}\n`)

    heading("4. Plan again")
    const second = await runApp(reconcile({ runId: "demo-check", dryRun: true }), options)
    out(renderPlan(second.planned, { color: process.stdout.isTTY === true }))
    const converged = second.planned.ops.length === 0
    out(
      converged
        ? "\nConverged: Docebo and Training Orchestra are in step.\n"
        : "\nNot converged: the second plan still has ops.\n",
    )
    return converged ? 0 : 1
  } finally {
    await Promise.all([doceboServer.close(), toServer.close()])
    await rm(folder, { recursive: true, force: true })
  }
}
