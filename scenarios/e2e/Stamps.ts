/** What iltsync created on each side, by the id it stamped on each record: two records with one stamp are a duplicate. */
import type { DoceboState } from "../../simulators/docebo/index.ts"
import type { ToState } from "../../simulators/training-orchestra/index.ts"

export const stampsOf = (docebo: DoceboState, to: ToState): ReadonlyArray<string> =>
  [
    ...docebo.sessions.flatMap((s) => (s.external_id ? [`session:${s.external_id}`] : [])),
    ...docebo.events.flatMap((e) => (e.external_id ? [`event:${e.external_id}`] : [])),
    ...docebo.locations.flatMap((l) => (l.external_id ? [`location:${l.external_id}`] : [])),
    ...docebo.classrooms.flatMap((c) => (c.external_id ? [`classroom:${c.external_id}`] : [])),
    ...to.courses.flatMap((c) => (c.external_ref ? [`course:${c.external_ref}`] : [])),
    ...to.trainers.flatMap((t) => (t.external_ref ? [`trainer:${t.external_ref}`] : [])),
    ...to.rooms.flatMap((r) => (r.kind === "virtual" && r.external_ref ? [`room:${r.external_ref}`] : [])),
  ].sort()

export const duplicatesOf = (stamps: ReadonlyArray<string>): ReadonlyArray<string> =>
  stamps.filter((stamp, i) => i > 0 && stamps[i - 1] === stamp)
