/**
 * `iltsync doctor [--json] [--public-url URL]`: what an operator runs first against a real tenant. Each capability
 * iltsync relies on is called once and a sample decoded (harness/doctor); exit 0 when every required one works.
 */
import { Effect } from "effect"
import { connectionsFrom } from "../Config.ts"
import { runDoctor } from "../doctor/Doctor.ts"
import { renderReport } from "../doctor/Render.ts"
import { SettingsMissing } from "../Sync.ts"
import { readFlags } from "./cli/Flags.ts"
import { runWithBudgets } from "./cli/Run.ts"
import { doctorSynopsis } from "./Synopses.ts"

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(
    argv,
    { json: { type: "boolean", default: false }, "public-url": { type: "string" } },
    doctorSynopsis,
  )
  const env = process.env
  const report = await runWithBudgets((saved) => {
    const found = connectionsFrom(saved, env)
    if ("missing" in found) return Effect.fail(new SettingsMissing({ names: found.missing }))
    return runDoctor({
      connections: found.connections,
      publicUrl: values["public-url"] ?? env.ILTSYNC_PUBLIC_URL ?? null,
    })
  })
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report))
  return report.ok ? 0 : 1
}
