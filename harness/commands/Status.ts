/** `iltsync status`: the per-course sync status table (the Courses tab), from iltsync's store. */
import { Effect } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { readFlags } from "./cli/Flags.ts"
import { runStore } from "./cli/Run.ts"
import { table } from "./cli/Table.ts"
import { statusSynopsis } from "./Synopses.ts"

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(argv, { json: { type: "boolean", default: false } }, statusSynopsis)
  const statuses = await runStore(
    Effect.flatMap(Store, (store) => store.listCourseStatuses()),
    { existing: true },
  )
  if (values.json) {
    process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`)
    return 0
  }
  if (statuses.length === 0) {
    process.stdout.write("No course has been synced yet: run `iltsync plan`, then `iltsync apply`.\n")
    return 0
  }
  const rows = statuses.map((s) => [
    s.code || "(no code)",
    s.name,
    s.type.toUpperCase(),
    s.status,
    s.lastSyncedAt ?? "",
    s.error ?? "",
  ])
  process.stdout.write(table(["code", "course", "type", "status", "last synced", "error"], rows))
  return 0
}
