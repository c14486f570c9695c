/**
 * The engine's SyncStore port, kept in the store: what a run reads (links, operator records, the known state of
 * both systems, course statuses) and what it records besides the journal. Like the journal, the port has no error
 * channel, so a store failure stops the run as a defect.
 */
import { Clock, Effect, Layer } from "effect"
import { SyncStore } from "../../engine/Ports.ts"
import { ApplyJournalLive } from "./ApplyJournalLive.ts"
import { Store } from "./Store.ts"

const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis).toISOString())

export const SyncStoreLive = Layer.effect(
  SyncStore,
  Effect.gen(function* () {
    const store = yield* Store
    return {
      load: () => Effect.orDie(store.loadSyncState()),
      saveKnown: (known) => Effect.orDie(Effect.flatMap(now, (at) => store.saveKnownState(known, at))),
      saveStatuses: (statuses) => Effect.orDie(store.upsertCourseStatuses(statuses)),
      log: (entries) => Effect.orDie(store.appendEvents(entries)),
    }
  }),
)

/** Both of the engine's store ports, over the Store service. */
export const EngineStoreLive = Layer.merge(ApplyJournalLive, SyncStoreLive)
