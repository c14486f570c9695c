import { type Entity, entities, type Op, type Summary, type SummaryRow } from "../Plan.ts"
import type { Guards } from "../Rules.ts"
import { entityName } from "./Names.ts"

const removes = (op: Op) => op.action === "delete" || op.action === "deactivate"

/**
 * The mass-change guard: when a plan would delete or deactivate more than the set share of an entity type (and at
 * least the set minimum), every such op of that type is held for explicit approval. A sudden mass removal is far
 * more often a broken listing or a misconfiguration than an intent.
 */
export const holdMassChanges = (
  ops: ReadonlyArray<Op>,
  totalOf: (entity: Entity) => number,
  guards: Guards,
): ReadonlyArray<Op> => {
  const counts = new Map<Entity, number>()
  for (const op of ops)
    if (removes(op) && op.status === "ready") counts.set(op.entity, (counts.get(op.entity) ?? 0) + 1)
  const tripped = new Map<Entity, string>()
  for (const [entity, count] of counts) {
    const total = Math.max(totalOf(entity), count)
    if (count >= guards.massChangeMinimum && count > guards.massChangeShare * total) {
      const share = Math.round((count / total) * 100)
      tripped.set(
        entity,
        `held: mass change, ${count} of ${total} ${entityName[entity] ?? entity}s (${share}%) would be removed; approve to proceed`,
      )
    }
  }
  if (tripped.size === 0) return ops
  return ops.map((op) => {
    const hold = tripped.get(op.entity)
    return hold !== undefined && removes(op) && op.status === "ready"
      ? { ...op, status: "held", reason: `${op.reason}; ${hold}` }
      : op
  })
}

/**
 * The ops of a course that fails on its own (a record of it could not be decoded) are blocked until a read decodes it:
 * what iltsync knows of that course is partial, so nothing of it is created, changed or deleted on its strength.
 */
export const blockFailingCourses = (
  ops: ReadonlyArray<Op>,
  failing: ReadonlyMap<string, string>,
): ReadonlyArray<Op> => {
  if (failing.size === 0) return ops
  return ops.map((op) => {
    const reason = op.course === undefined ? undefined : failing.get(op.course)
    return reason === undefined || op.status === "blocked"
      ? op
      : { ...op, status: "blocked", reason: `${op.reason}; blocked: ${reason}` }
  })
}

const rank = new Map<string, number>(entities.map((entity, index) => [entity, index]))
const systemRank = (op: Op) => (op.system === "docebo" ? 0 : 1)

/**
 * Dependencies first: every op depends only on ops of an earlier entity, or on the Docebo side of the same entity,
 * so sorting by (entity, system, key, action) is a topological order; ties are broken by id so output is stable.
 */
export const sortOps = (ops: ReadonlyArray<Op>): ReadonlyArray<Op> =>
  [...ops].sort(
    (a, b) =>
      (rank.get(a.entity) ?? 0) - (rank.get(b.entity) ?? 0) ||
      systemRank(a) - systemRank(b) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )

/** An op waiting for a blocked op is blocked; one waiting for a held op is held. Ops must be sorted. */
export const propagateStatus = (ops: ReadonlyArray<Op>): ReadonlyArray<Op> => {
  const status = new Map<string, Op["status"]>()
  return ops.map((op) => {
    const blocker = op.dependsOn.find((id) => status.get(id) === "blocked")
    const holder = blocker ? undefined : op.dependsOn.find((id) => status.get(id) === "held")
    let next = op
    if (blocker && op.status !== "blocked")
      next = { ...op, status: "blocked", reason: `${op.reason}; blocked: waits for ${blocker}` }
    else if (holder && op.status === "ready")
      next = { ...op, status: "held", reason: `${op.reason}; held: waits for ${holder}` }
    status.set(next.id, next.status)
    return next
  })
}

/** Keeps the ops of the given Docebo courses and everything they depend on. */
export const scopeToCourses = (ops: ReadonlyArray<Op>, courses: ReadonlySet<string>): ReadonlyArray<Op> =>
  keepWithDependencies(ops, (op) => op.course !== undefined && courses.has(op.course))

/** Keeps the ops that `wanted` picks and everything they depend on. */
export const keepWithDependencies = (ops: ReadonlyArray<Op>, wanted: (op: Op) => boolean): ReadonlyArray<Op> => {
  const byId = new Map(ops.map((op) => [op.id, op]))
  const keep = new Set<string>()
  const visit = (op: Op) => {
    if (keep.has(op.id)) return
    keep.add(op.id)
    for (const id of op.dependsOn) {
      const dependency = byId.get(id)
      if (dependency) visit(dependency)
    }
  }
  for (const op of ops) if (wanted(op)) visit(op)
  return ops.filter((op) => keep.has(op.id))
}

const emptyRow = (): { -readonly [K in keyof SummaryRow]: number } => ({
  create: 0,
  update: 0,
  adopt: 0,
  delete: 0,
  deactivate: 0,
  held: 0,
  blocked: 0,
})

/** Counts per entity: ready ops by action, and held and blocked ops apart. Entities without ops are left out. */
export const summarise = (ops: ReadonlyArray<Op>): Summary => {
  const rows = new Map<string, ReturnType<typeof emptyRow>>()
  for (const op of ops) {
    let row = rows.get(op.entity)
    if (!row) {
      row = emptyRow()
      rows.set(op.entity, row)
    }
    if (op.status === "ready") row[op.action] += 1
    else row[op.status] += 1
  }
  const summary: Record<string, SummaryRow> = {}
  for (const entity of entities) {
    const row = rows.get(entity)
    if (row) summary[entity] = row
  }
  return summary
}
