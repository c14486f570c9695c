/**
 * An operator approves one held op (a deletion that drops enrollments, a mass change): a run plans afresh and applies
 * that op alone, with the ops it waits for; the other held ops stay held, and the rest of the plan is left to the next
 * sync. Op ids are made from the op's system, entity, action and key, so the id an operator saw in a plan names the
 * same op in the fresh one as long as it is still to do.
 */
import { Clock, Effect, Schema } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { type Op, OpStatus, type PlanBody } from "../../engine/Plan.ts"
import type { OpOutcome } from "../../engine/Ports.ts"
import { Runner } from "./Runner.ts"

/** The fresh plan has no op of that id: it was done since, or what it was about changed. */
export class HeldOpNotFound extends Schema.TaggedError<HeldOpNotFound>()("HeldOpNotFound", {
  opId: Schema.String,
}) {}

/** The op is in the fresh plan, but not held: ready ops need no approval, and blocked ones cannot be applied. */
export class OpNotHeld extends Schema.TaggedError<OpNotHeld>()("OpNotHeld", {
  opId: Schema.String,
  status: OpStatus,
  reason: Schema.String,
}) {}

/** The approved op was tried and did not go through (or waits for an op that did not). */
export class HeldOpNotApplied extends Schema.TaggedError<HeldOpNotApplied>()("HeldOpNotApplied", {
  opId: Schema.String,
  status: Schema.Literal("failed", "skipped"),
  reason: Schema.String,
}) {}

export interface Caller {
  readonly actor: string
  readonly ip: string | null
}

export interface Approved {
  readonly opId: string
  readonly status: "done"
  readonly outcome: OpOutcome
}

/** The held op of that id in `planned`, or why it cannot be approved. */
export const heldOp = (planned: PlanBody, opId: string): Effect.Effect<Op, HeldOpNotFound | OpNotHeld> => {
  const op = planned.ops.find((candidate) => candidate.id === opId)
  if (op === undefined) return Effect.fail(new HeldOpNotFound({ opId }))
  if (op.status !== "held") return Effect.fail(new OpNotHeld({ opId, status: op.status, reason: op.reason }))
  return Effect.succeed(op)
}

const isoNow = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

/**
 * Applies the held op `opId` of a fresh plan at once, at an operator's priority, and logs the approval with their
 * name (`plan.approve`). Nothing is written when the op is not held in the fresh plan.
 */
export const approveHeldOp = Effect.fn("Approve.approveHeldOp")(function* (opId: string, caller: Caller) {
  const runner = yield* Runner
  const store = yield* Store
  const { report } = yield* runner.run({
    scope: { kind: "ops", ops: [opId] },
    approveHeld: new Set([opId]),
    trigger: "operator",
    actor: caller.actor,
    ip: caller.ip,
    priority: "interactive",
    beforeApply: (planned) => Effect.asVoid(heldOp(planned, opId)),
  })
  const op = yield* heldOp(report.planned, opId)
  const outcome: OpOutcome = report.outcomes?.find((tried) => tried.opId === opId) ?? {
    opId,
    status: "skipped",
    reason: "not tried",
  }
  yield* store.appendEvents([
    {
      at: yield* isoNow,
      user: caller.actor,
      action: "plan.approve",
      target: null,
      ip: caller.ip,
      details: { opId, entity: op.entity, action: op.action, key: op.key, reason: op.reason, outcome: outcome.status },
    },
  ])
  if (outcome.status !== "done") {
    return yield* new HeldOpNotApplied({ opId, status: outcome.status, reason: outcome.reason ?? outcome.status })
  }
  return { opId, status: "done", outcome } satisfies Approved
})
