/** iltsync's store in memory, behind the engine's ports: the journal, links, mirror, statuses and event log. */
import { Effect, Layer } from "effect"
import { applyStoreChanges } from "../Bookkeeping.ts"
import { type KnownState, nothingKnown, withTouched } from "../Known.ts"
import type { StoreSnapshot } from "../model/Store.ts"
import { ApplyJournal, type OpOutcome, SyncStore, type UnsettledStep } from "../Ports.ts"
import type { CourseStatus, LogEntry } from "../Status.ts"

export interface MemoryStore {
  readonly layer: Layer.Layer<ApplyJournal | SyncStore>
  readonly store: () => StoreSnapshot
  readonly known: () => KnownState
  readonly outcomes: () => ReadonlyArray<OpOutcome>
  readonly log: () => ReadonlyArray<LogEntry>
  readonly unsettled: () => ReadonlyArray<UnsettledStep>
}

export const makeMemoryStore = (initial: StoreSnapshot, known: KnownState = nothingKnown): MemoryStore => {
  let store = initial
  let knownState = known
  let statuses: ReadonlyArray<CourseStatus> = []
  const log: LogEntry[] = []
  const outcomes: OpOutcome[] = []
  const sent = new Map<string, UnsettledStep>()
  const key = (runId: string, opId: string, step: string) => `${runId}|${opId}|${step}`
  const layer = Layer.mergeAll(
    Layer.succeed(ApplyJournal, {
      begin: () => Effect.void,
      sending: (runId, opId, step) =>
        Effect.sync(() => void sent.set(key(runId, opId, step.step), { runId, opId, step })),
      settle: (runId, outcome, changes, touched) =>
        Effect.sync(() => {
          outcomes.push(outcome)
          store = applyStoreChanges(store, changes)
          knownState = withTouched(knownState, touched)
          for (const k of [...sent.keys()]) if (k.startsWith(`${runId}|${outcome.opId}|`)) sent.delete(k)
        }),
      unsettled: () => Effect.sync(() => [...sent.values()]),
      recovered: (steps) =>
        Effect.sync(() => {
          for (const s of steps) sent.delete(key(s.runId, s.opId, s.step.step))
        }),
    }),
    Layer.succeed(SyncStore, {
      load: () => Effect.sync(() => ({ store, known: knownState, statuses })),
      saveKnown: (next) =>
        Effect.sync(() => {
          knownState = next
        }),
      saveStatuses: (next) =>
        Effect.sync(() => {
          statuses = next
        }),
      log: (entries) => Effect.sync(() => void log.push(...entries)),
    }),
  )
  return {
    layer,
    store: () => store,
    known: () => knownState,
    outcomes: () => outcomes,
    log: () => log,
    unsettled: () => [...sent.values()],
  }
}
