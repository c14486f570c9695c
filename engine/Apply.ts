/**
 * Apply: carries out a plan's ops in dependency order, through the ports, under the journal. Each write is journaled
 * before it is sent and each op's outcome is committed (with its links and mirror records) before its dependents
 * start. A failed op never stops the others; an op whose dependency did not succeed is skipped, not attempted; a
 * lost answer is looked up by the stamped id before anything is sent again.
 */
import { Effect, Either, Option } from "effect"
import { applyStoreChanges, type StoreChange, storeChangesOf } from "./Bookkeeping.ts"
import type { WriteError } from "./Errors.ts"
import { Mirror, type Touched } from "./Mirror.ts"
import type { DoceboSnapshot } from "./model/Docebo.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import { type IdMap, type StepWrite, writesOf } from "./OpWrites.ts"
import type { Op, PlanBody } from "./Plan.ts"
import { ApplyJournal, DoceboPort, type OpOutcome, ToPort } from "./Ports.ts"
import { findCreated } from "./Recover.ts"
import type { WriteResult } from "./Writes.ts"

export interface ApplyInput {
  readonly runId: string
  /** The state the plan was made from: the mirror starts from it, and the store's links resolve ids. */
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
  /** Apply held ops too: every one (an operator's `--approve-held`), or those with these ids (approved one by one). */
  readonly approveHeld?: boolean | ReadonlySet<string>
  /** Ops of one dependency level sent at once. */
  readonly concurrency?: number
  /** Called as each op settles, with how many have and how many there are. */
  readonly progress?: (done: number, total: number) => Effect.Effect<void>
  /**
   * Asked before each op starts: once true, no op starts any more (those under way finish), and the ops not
   * started are left for a later part of the run (`deferred`), which plans again first.
   */
  readonly yieldWhen?: Effect.Effect<boolean>
}

export interface ApplyReport {
  /** One per op tried (done, failed, or skipped with its reason); none for the deferred ones. */
  readonly outcomes: ReadonlyArray<OpOutcome>
  /** Ops not started because the run yielded (`yieldWhen`). */
  readonly deferred: ReadonlyArray<string>
  /** Both systems and the store as the run left them. */
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
}

/** Ops grouped so that every op's dependencies are in an earlier group (ops are in dependency order already). */
export const dependencyLevels = (ops: ReadonlyArray<Op>): ReadonlyArray<ReadonlyArray<Op>> => {
  const level = new Map<string, number>()
  const levels: Op[][] = []
  for (const op of ops) {
    const depth = op.dependsOn.reduce((max, id) => Math.max(max, (level.get(id) ?? -1) + 1), 0)
    level.set(op.id, depth)
    const group = levels[depth] ?? []
    group.push(op)
    levels[depth] = group
  }
  return levels
}

/** Stable per intent, so a create resent after a crash (in a later run) is recognised by TO as the same request. */
const idempotencyKey = (op: Op, step: StepWrite) => `iltsync:${op.id}:${op.fingerprint ?? ""}:${step.step}`

const describe = (error: WriteError) =>
  error._tag === "WriteRejected" ? `${error.reason} (HTTP ${error.status})` : `${error._tag}: ${error.reason}`

/** A ready op may be applied, and a held one an operator approved (every held op at once, or this one by its id). */
export const mayApply = (op: Op, approveHeld: ApplyInput["approveHeld"]) =>
  op.status === "ready" ||
  (op.status === "held" && (approveHeld === true || (typeof approveHeld === "object" && approveHeld.has(op.id))))

/** Carries out the ready ops (and the held ones when approved) and reports each op's outcome. */
export const apply = Effect.fn("Apply.apply")(function* (planned: PlanBody, input: ApplyInput) {
  const journal = yield* ApplyJournal
  const docebo = yield* DoceboPort
  const to = yield* ToPort
  const mirror = new Mirror(input.docebo, input.to)
  let store = input.store
  const providers = new Map<string, string>()
  const ids: IdMap = {
    doceboOf: (entity, toId) => store.links[entity].find((link) => link.to === toId)?.docebo,
    providerOf: (ref) => (ref.startsWith("request:") ? providers.get(ref) : ref),
  }
  const outcomes = new Map<string, OpOutcome>()

  const send = (op: Op, step: StepWrite): Effect.Effect<WriteResult, WriteError> => {
    const options = { idempotencyKey: idempotencyKey(op, step) }
    const write = step.system === "docebo" ? docebo.write(step.write, options) : to.write(step.write, options)
    return write.pipe(
      Effect.catchTag("WriteAmbiguous", (lost) =>
        findCreated(step, mirror.snapshots().docebo).pipe(
          Effect.provideService(DoceboPort, docebo),
          Effect.provideService(ToPort, to),
          // A failed look-up leaves the write ambiguous: the op fails, its step unsettled, and the next run looks again.
          Effect.catchAll(() => Effect.fail(lost)),
          Effect.flatMap((found) =>
            Option.match(found, {
              onSome: Effect.succeed,
              onNone: () =>
                step.system === "docebo" ? docebo.write(step.write, options) : to.write(step.write, options),
            }),
          ),
        ),
      ),
    )
  }

  const settle = (
    outcome: OpOutcome,
    changes: ReadonlyArray<StoreChange> = [],
    touched: ReadonlyArray<Touched> = [],
  ) => {
    outcomes.set(outcome.opId, outcome)
    const settled = journal.settle(input.runId, outcome, changes, touched)
    const progress = input.progress
    return progress ? Effect.zipRight(settled, progress(outcomes.size, planned.ops.length)) : settled
  }

  /**
   * An op whose last write may have happened (its answer lost, and the look-up by its stamp inconclusive or itself
   * lost): it fails, but its step stays unsettled in the journal, so the next run looks it up before anything is
   * sent again, as after a crash.
   */
  const leaveUnsettled = (outcome: OpOutcome) => {
    outcomes.set(outcome.opId, outcome)
    const progress = input.progress
    return progress ? progress(outcomes.size, planned.ops.length) : Effect.void
  }

  const deferred: string[] = []
  let yielding = false
  /** Once the run yields, every op not yet started waits for the next part, its dependents with it. */
  const yields = Effect.gen(function* () {
    if (!yielding && input.yieldWhen !== undefined) yielding = yield* input.yieldWhen
    return yielding
  })

  const applyOp = (op: Op) =>
    Effect.gen(function* () {
      if (yield* yields) {
        deferred.push(op.id)
        return
      }
      if (!mayApply(op, input.approveHeld))
        return yield* settle({ opId: op.id, status: "skipped", reason: `${op.status}: ${op.reason}` })
      const waiting = op.dependsOn.find((id) => outcomes.get(id)?.status !== "done")
      if (waiting !== undefined) {
        const status = outcomes.get(waiting)?.status ?? "missing"
        return yield* settle({ opId: op.id, status: "skipped", reason: `waits for ${waiting}, which was ${status}` })
      }
      const derived = writesOf(op, ids, { force: op.status === "held", stamps: docebo.stamps })
      if ("unresolved" in derived) {
        return yield* settle({ opId: op.id, status: "failed", reason: `${derived.unresolved} has no counterpart yet` })
      }
      const touched: Touched[] = []
      let created: string | undefined
      for (const step of derived.writes) {
        yield* journal.sending(input.runId, op.id, step)
        const result = yield* Effect.either(send(op, step))
        if (Either.isLeft(result)) {
          const failed: OpOutcome = { opId: op.id, status: "failed", reason: describe(result.left) }
          if (result.left._tag === "WriteAmbiguous") return yield* leaveUnsettled(failed)
          return yield* settle(failed, [], touched)
        }
        const record = mirror.apply(step, result.right)
        touched.push(record)
        if (step.step === "main" || step.step === "session") created ??= result.right.id
      }
      const changes = storeChangesOf(op, op.action === "create" ? created : undefined, store)
      for (const change of changes) {
        if (change.kind === "resolveProviderRequests") {
          for (const id of change.requestIds) providers.set(`request:${id}`, change.providerId)
        }
      }
      store = applyStoreChanges(store, changes)
      yield* settle({ opId: op.id, status: "done", ...(created !== undefined ? { created } : {}) }, changes, touched)
    })

  yield* journal.begin(input.runId, planned.ops)
  for (const level of dependencyLevels(planned.ops)) {
    yield* Effect.forEach(level, applyOp, { concurrency: input.concurrency ?? 4, discard: true })
  }
  // The journal's record of this part of the run is closed: what was deferred is planned afresh later.
  for (const opId of deferred) {
    yield* journal.settle(
      input.runId,
      { opId, status: "skipped", reason: "deferred to the next part of the run" },
      [],
      [],
    )
  }
  const { docebo: doceboAfter, to: toAfter } = mirror.snapshots()
  const later = new Set(deferred)
  return {
    outcomes: planned.ops.flatMap((op) =>
      later.has(op.id) ? [] : [outcomes.get(op.id) ?? { opId: op.id, status: "skipped" as const }],
    ),
    deferred,
    docebo: doceboAfter,
    to: toAfter,
    store,
  } satisfies ApplyReport
})
