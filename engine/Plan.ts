import { Schema } from "effect"

/** Entities in dependency order: an op only ever depends on ops of an earlier (or the same) entity. */
export const entities = [
  "trainingProvider",
  "webinarAccount",
  "course",
  "location",
  "classroom",
  "trainer",
  "session",
  "event",
] as const
export const Entity = Schema.Literal(...entities)
export type Entity = typeof Entity.Type

export const actions = ["create", "update", "adopt", "delete", "deactivate"] as const
/** `adopt` links an existing record found by its stamped id or natural key, writing only what differs. */
export const Action = Schema.Literal(...actions)
export type Action = typeof Action.Type

export const System = Schema.Literal("docebo", "to")
export type System = typeof System.Type

/** `held` waits for an operator's approval; `blocked` cannot be applied until its reason is resolved. */
export const OpStatus = Schema.Literal("ready", "held", "blocked")
export type OpStatus = typeof OpStatus.Type

/** A canonical value: what both sides are compared on after normalisation. */
export type Value = string | number | boolean | null | ReadonlyArray<Value> | { readonly [key: string]: Value }
export const Value: Schema.Schema<Value> = Schema.Union(
  Schema.String,
  Schema.Number,
  Schema.Boolean,
  Schema.Null,
  Schema.Array(Schema.suspend(() => Value)),
  Schema.Record({ key: Schema.String, value: Schema.suspend(() => Value) }),
)

/** One changed field; nested list items are addressed by their key, e.g. `events[slot_12].day`. */
export const Change = Schema.Struct({ path: Schema.String, from: Value, to: Value })
export type Change = typeof Change.Type

/** The replica-side ids an op writes to, when the record exists there. */
export const OpTarget = Schema.Struct({
  id: Schema.String,
  parentId: Schema.optional(Schema.String),
  items: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
})
export type OpTarget = typeof OpTarget.Type

export const Op = Schema.Struct({
  id: Schema.String,
  entity: Entity,
  action: Action,
  system: System,
  key: Schema.String,
  changes: Schema.Array(Change),
  reason: Schema.String,
  status: OpStatus,
  dependsOn: Schema.Array(Schema.String),
  target: Schema.optional(OpTarget),
  course: Schema.optional(Schema.String),
  fingerprint: Schema.optional(Schema.String),
})
export type Op = typeof Op.Type

/** Something the plan reports without an op; `course` names the Docebo course whose status shows it, if any. */
export const Warning = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  key: Schema.String,
  course: Schema.optional(Schema.String),
})
export type Warning = typeof Warning.Type

export const SummaryRow = Schema.Struct({
  create: Schema.Number,
  update: Schema.Number,
  adopt: Schema.Number,
  delete: Schema.Number,
  deactivate: Schema.Number,
  held: Schema.Number,
  blocked: Schema.Number,
})
export type SummaryRow = typeof SummaryRow.Type

export const Summary = Schema.Record({ key: Schema.String, value: SummaryRow })
export type Summary = typeof Summary.Type

/**
 * The sync horizon the plan was made with: sessions whose last slot ended `before` it are history, left as they are
 * (`sessions` of them, a Docebo copy and its TO session counted once).
 */
export const PlanHistory = Schema.Struct({ before: Schema.String, sessions: Schema.Number })
export type PlanHistory = typeof PlanHistory.Type

/** What `plan` decides: deterministic for the same inputs. */
export const PlanBody = Schema.Struct({
  summary: Summary,
  ops: Schema.Array(Op),
  warnings: Schema.Array(Warning),
  history: Schema.optional(PlanHistory),
})
export type PlanBody = typeof PlanBody.Type

export const PlanInputs = Schema.Struct({ docebo: Schema.String, to: Schema.String, store: Schema.String })
export type PlanInputs = typeof PlanInputs.Type

/** The plan document of the public interface (`plan --json`, `GET /plan`). */
export const PlanDocument = Schema.Struct({
  id: Schema.String,
  createdAt: Schema.String,
  inputs: PlanInputs,
  summary: Summary,
  ops: Schema.Array(Op),
  warnings: Schema.Array(Warning),
  history: Schema.optional(PlanHistory),
})
export type PlanDocument = typeof PlanDocument.Type

/** Wraps a plan body into the public document; id, time and input digests come from the caller (IO lives outside). */
export const makePlanDocument = (body: PlanBody, meta: { id: string; createdAt: string; inputs: PlanInputs }) =>
  ({
    id: meta.id,
    createdAt: meta.createdAt,
    inputs: meta.inputs,
    summary: body.summary,
    ops: body.ops,
    warnings: body.warnings,
    ...(body.history === undefined ? {} : { history: body.history }),
  }) satisfies PlanDocument

/** The op with its keys in the documented order, so equal plans serialise byte for byte alike. */
export const orderOpKeys = (op: Op): Op => ({
  id: op.id,
  entity: op.entity,
  action: op.action,
  system: op.system,
  key: op.key,
  changes: op.changes,
  reason: op.reason,
  status: op.status,
  dependsOn: op.dependsOn,
  ...(op.target !== undefined ? { target: op.target } : {}),
  ...(op.course !== undefined ? { course: op.course } : {}),
  ...(op.fingerprint !== undefined ? { fingerprint: op.fingerprint } : {}),
})

export const opId = (system: System, entity: Entity, action: Action, key: string) =>
  `${system}:${entity}:${action}:${key}`

export const isReady = (op: Op) => op.status === "ready"
