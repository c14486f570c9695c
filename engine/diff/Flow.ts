import { Fingerprinter } from "../Fingerprint.ts"
import type { Link } from "../model/Store.ts"
import type { CourseType } from "../model/Values.ts"
import { type Action, type Change, type Op, type OpStatus, type OpTarget, opId, type Warning } from "../Plan.ts"
import { type Decision, type EntityRule, type Resolve, sync } from "../RuleTypes.ts"
import { type Canonical, canonicalMaster, canonicalReplica, fingerprintMaster } from "./Canonical.ts"
import { changesBetween, changesOfCreate } from "./Changes.ts"
import { pairItems } from "./Items.ts"
import { indexLinks } from "./LinkIndex.ts"
import { entityName, systemName } from "./Names.ts"
import { Pairs } from "./Pairs.ts"
import { dependenciesOf, type PendingRefs, unresolvedRefs } from "./Refs.ts"
import { sameMapped, typedFields } from "./SameMapped.ts"

export interface FlowInput<M, R> {
  readonly rule: EntityRule<M, R>
  readonly masters: ReadonlyArray<M>
  readonly replicas: ReadonlyArray<R>
  readonly masterComplete: boolean
  readonly replicaComplete: boolean
  /**
   * Where the replica listing is partial, whether the part a master record belongs to was read whole all the same (a
   * course whose sessions were read while others' are still to read): there a copy can be ruled out, so its copy is
   * made. No deletion comes of it: a partial listing deletes nothing of its entity (SYNC-RULES.md's guard).
   * None: the listing is partial throughout.
   */
  readonly replicaWholeFor?: { readonly master: (record: M) => boolean }
  readonly links: ReadonlyArray<Link>
  readonly resolve: Resolve
  readonly pending: PendingRefs
  /** How the plan names a master record to a human (a course code, a session name). */
  readonly label: (record: M) => string
  /** Decided per present master record; it sees the record's link (the last synced state), if any. */
  readonly decide?: (record: M, link: Link | undefined) => Decision
  /** The Docebo course an op belongs to, for per-course status and `--course` scoping. */
  readonly courseOfMaster?: (record: M) => string | undefined
  readonly courseOfReplica?: (record: R) => string | undefined
  /** Why removing this replica record must wait for an operator (e.g. it has enrollments), or null. */
  readonly holdRemoval?: (record: R) => string | null
  /** Record the master fingerprint of every compared pair (for refreshing links). */
  readonly collectFingerprints?: boolean
  /**
   * Sees each replica record that no link names and this plan pairs with no master record, in listing order, once the
   * flow is done (e.g. to report records made there directly).
   */
  readonly eachUnpaired?: (record: R) => void
  /** Ops for replica items that no master item accounts for any more (e.g. events of a rescheduled session). */
  readonly removedItems?: (replica: R, items: ReadonlyArray<unknown>, course: string | undefined) => ReadonlyArray<Op>
}

export interface FlowResult {
  readonly ops: ReadonlyArray<Op>
  readonly warnings: ReadonlyArray<Warning>
  /** Every pair known once this plan is applied (links, stamps, adoptions). */
  readonly pairs: Pairs
  /** Master key → the op that creates or adopts its replica, for ops that depend on it. */
  readonly pendingOps: ReadonlyMap<string, string>
  /** Master key → fingerprint of its mapped fields, for compared pairs (only when asked for). */
  readonly fingerprints: ReadonlyMap<string, string>
}

const add = <K, V>(map: Map<K, Array<V>>, key: K, value: V) => {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * Reconciles one entity type from its master to its replica: pairs records through links, stamped ids and natural
 * keys, then emits creates, updates, adoptions and removals. Guards that concern one record (partial listings,
 * ambiguous adoption, holds) are decided here; plan-wide guards come after.
 */
export const reconcileFlow = <M, R>(input: FlowInput<M, R>): FlowResult => {
  const { rule, resolve } = input
  const { master, replica } = rule
  const masterKeyOf = (link: Link) => (master === "docebo" ? link.docebo : link.to)
  const replicaIdOf = (link: Link) => (master === "docebo" ? link.to : link.docebo)
  const itemKeys: Record<string, string> = rule.items ? { [rule.items.name]: rule.items.key } : {}
  const name = entityName[rule.entity] ?? rule.entity
  const fp = new Fingerprinter()
  const typeOf = (record: M): CourseType | undefined => rule.masterType?.(record, resolve)
  const fieldsOf = typedFields(rule)

  // Indexes. In the steady state every record is linked, so only linked lookups touch million-entry maps; the
  // indexes of stamped and natural keys hold the few unlinked replica records.
  const links = indexLinks(input.links, masterKeyOf, replicaIdOf, input.replicas, rule.replicaId)
  const seenLinks = new Uint8Array(input.links.length)
  const unlinked = links.unlinked
  const stamped = new Map<string, Array<R>>()
  for (const record of unlinked) {
    const stamp = rule.stamp(record)
    if (stamp !== null) add(stamped, stamp, record)
  }
  let presentKeys: Set<string> | undefined
  const present = (key: string) => {
    presentKeys ??= new Set(input.masters.map(rule.masterKey))
    return presentKeys.has(key)
  }

  const ops: Array<Op> = []
  const warnings: Array<Warning> = []
  const pairs = new Pairs()
  const pendingOps = new Map<string, string>()
  const fingerprints = new Map<string, string>()
  const claimed = new Set<string>()
  const toRemove: Array<{ record: R; key: string; reason: string }> = []
  const needsAdoption: Array<M> = []

  const pair = (key: string, replicaId: string) => {
    pairs.add(key, replicaId)
    if (!links.isLinked(replicaId)) claimed.add(replicaId)
  }

  const makeOp = (action: Action, key: string, changes: ReadonlyArray<Change>, reason: string, extra: Partial<Op>) => {
    // A removal names its replica record too: two stale copies of one gone record are two ops.
    const idKey = action === "delete" || action === "deactivate" ? `${key}@${extra.target?.id ?? ""}` : key
    const op: Op = {
      id: opId(replica, rule.entity, action, idKey),
      entity: rule.entity,
      action,
      system: replica,
      key,
      changes,
      reason,
      status: "ready",
      dependsOn: [],
      ...extra,
    }
    ops.push(op)
    return op
  }

  /** Creates, updates or adopts; blocked when a master-side reference cannot be resolved. */
  const writeOp = (
    action: Action,
    record: M,
    desired: Canonical,
    changes: ReadonlyArray<Change>,
    reason: string,
    extra: { target?: OpTarget; status?: OpStatus },
  ) => {
    const key = rule.masterKey(record)
    const missing = unresolvedRefs(rule, desired)
    const course = input.courseOfMaster?.(record)
    const op = makeOp(
      action,
      key,
      changes,
      missing.length > 0 ? `${reason}; blocked: ${missing.join(", ")} not linked to ${systemName[replica]}` : reason,
      {
        status: missing.length > 0 ? "blocked" : (extra.status ?? "ready"),
        dependsOn: dependenciesOf(rule, desired, input.pending),
        ...(extra.target ? { target: extra.target } : {}),
        ...(course !== undefined ? { course } : {}),
        fingerprint: fingerprintMaster(rule, record, resolve, typeOf(record), fp),
      },
    )
    if (action === "create" || action === "adopt") pendingOps.set(key, op.id)
  }

  const compare = (record: M, copy: R, link: Link | undefined, adoptedBy: string | null) => {
    const key = rule.masterKey(record)
    const type = typeOf(record)
    const replicaId = rule.replicaId(copy)
    const inStep = sameMapped(rule, fieldsOf(type), record, copy, resolve)
    if (input.collectFingerprints) fingerprints.set(key, fingerprintMaster(rule, record, resolve, type, fp))
    if (inStep && adoptedBy === null) return
    const desired = canonicalMaster(rule, record, resolve, type)
    const label = input.label(record)
    if (inStep) {
      // A copy already in step is adopted without writing anything: the op only records the link.
      writeOp("adopt", record, desired, [], `${name} ${label} found in ${systemName[replica]} by ${adoptedBy}`, {
        target: { id: replicaId },
      })
      return
    }
    const items = rule.items
    const paired = items ? pairItems(items, items.master(record), items.replica(copy)) : undefined
    const current = canonicalReplica(rule, copy, resolve, type, paired?.keyOf)
    const changes = changesBetween(current, desired, itemKeys)
    const target: OpTarget = paired ? { id: replicaId, items: paired.targets } : { id: replicaId }
    if (items && paired && paired.ambiguous.length > 0) {
      // Which of two items sharing a natural key is which cannot be told: nothing of the record is written.
      const keys = paired.ambiguous.join(", ")
      const why = `ambiguous: ${name} ${label} has ${items.name} sharing their ${items.naturalKeyName} (${keys}) in ${systemName[master]} or ${systemName[replica]}; blocked: remove the duplicate by hand`
      writeOp(adoptedBy === null ? "update" : "adopt", record, desired, changes, why, { target, status: "blocked" })
      return
    }
    if (adoptedBy !== null) {
      writeOp("adopt", record, desired, changes, `${name} ${label} found in ${systemName[replica]} by ${adoptedBy}`, {
        target,
      })
    } else if (changes.some((change) => rule.immutable?.includes(change.path))) {
      const fields = changes.filter((change) => rule.immutable?.includes(change.path)).map((change) => change.path)
      const why = `${name} ${label}: ${fields.join(", ")} changed in ${systemName[master]}, which ${systemName[replica]} cannot change in place; blocked: remove the ${systemName[replica]} copy by hand and it will be recreated`
      writeOp("update", record, desired, changes, why, { target, status: "blocked" })
    } else if (changes.length > 0) {
      const unchangedInMaster =
        link !== undefined && link.fingerprint === fingerprintMaster(rule, record, resolve, type, fp)
      const reason = unchangedInMaster
        ? `${name} ${label} was edited in ${systemName[replica]}; ${systemName[master]} is its master`
        : `${name} ${label} changed in ${systemName[master]}`
      writeOp("update", record, desired, changes, reason, { target })
    }
    if (paired && paired.removed.length > 0 && input.removedItems) {
      ops.push(...input.removedItems(copy, paired.removed, input.courseOfMaster?.(record)))
    }
  }

  const create = (record: M, reason: string) => {
    const desired = canonicalMaster(rule, record, resolve, typeOf(record))
    const partial = !input.replicaComplete && input.replicaWholeFor?.master(record) !== true
    const why = partial
      ? `${reason}; blocked: the ${systemName[replica]} listing was partial, so an existing copy cannot be ruled out`
      : reason
    writeOp("create", record, desired, changesOfCreate(desired, itemKeys), why, partial ? { status: "blocked" } : {})
  }

  const blockAmbiguous = (record: M, reason: string) => {
    const course = input.courseOfMaster?.(record)
    makeOp("adopt", rule.masterKey(record), [], `ambiguous: ${reason}`, {
      status: "blocked",
      ...(course !== undefined ? { course } : {}),
    })
  }

  // First pass: every present master record finds its copy through its link or the id stamped on a copy.
  const masters = input.masters
  for (let position = 0; position < masters.length; position++) {
    const record = masters[position] as M
    const key = rule.masterKey(record)
    const index = links.byKey.get(key)
    const link = index === undefined ? undefined : input.links[index]
    if (index !== undefined) seenLinks[index] = 1
    const decision = input.decide?.(record, link) ?? sync
    if (decision.kind === "keep" && decision.warning) warnings.push(decision.warning)
    let copy = index === undefined ? undefined : links.copies[index]
    if (decision.kind === "remove") {
      // Every copy goes: the linked one and any other carrying the record's id.
      const stale = stamped.get(key) ?? []
      const copies = copy ? [copy, ...stale] : stale
      for (let i = 0; i < copies.length; i++) {
        const each = copies[i] as R
        pair(key, rule.replicaId(each))
        toRemove.push({ record: each, key, reason: decision.reason })
      }
      continue
    }
    if (link && !copy && !input.replicaComplete && input.replicaWholeFor?.master(record) !== true) {
      // The copy may be on a page that failed: keep the link, decide nothing.
      pair(key, replicaIdOf(link))
      continue
    }
    let adoptedBy: string | null = null
    if (!copy) {
      const candidates = stamped.get(key) ?? []
      if (candidates.length > 1) {
        const ids = candidates.map(rule.replicaId).sort()
        if (decision.kind === "sync")
          blockAmbiguous(record, `${ids.length} copies in ${systemName[replica]} carry its id (${ids.join(", ")})`)
        for (const id of ids) claimed.add(id)
        continue
      }
      copy = candidates[0]
      if (copy) adoptedBy = "the id stamped on it"
    }
    if (copy && decision.kind === "sync") {
      // A copy found through its link is linked: no need to ask the index again (this runs once per record).
      if (adoptedBy === null) pairs.add(key, rule.replicaId(copy))
      else pair(key, rule.replicaId(copy))
      compare(record, copy, link, adoptedBy)
    } else if (copy && adoptedBy === null) {
      // Left as it is, but still the linked copy that references resolve to.
      pair(key, rule.replicaId(copy))
    } else if (copy) {
      // A copy found only by its stamp, on a record left alone: no link will be recorded, so nothing may refer to it.
      // This holds even when the record has a link to a copy that is gone: apply resolves references through the
      // links, so pairing this copy would plan writes that land on the gone one and never converge.
      claimed.add(rule.replicaId(copy))
    } else if (decision.kind === "sync") needsAdoption.push(record)
  }

  // Second pass: records without a copy are adopted by natural key when exactly one unclaimed candidate matches; the
  // records a key finds no candidate for try the rule's looser key next, and are created when none finds one.
  let waiting = needsAdoption
  for (let adoption = rule.adoption; adoption !== undefined && waiting.length > 0; adoption = adoption.else) {
    const candidatesByKey = new Map<string, Array<R>>()
    const rivalsByKey = new Map<string, number>()
    for (const record of unlinked) {
      const stamp = rule.stamp(record)
      if (claimed.has(rule.replicaId(record)) || (stamp !== null && present(stamp))) continue
      const natural = adoption.replica(record, resolve)
      if (natural !== null && natural.replace(/\|/g, "") !== "") add(candidatesByKey, natural, record)
    }
    for (const record of waiting) {
      const natural = adoption.master(record, resolve)
      if (natural !== null) rivalsByKey.set(natural, (rivalsByKey.get(natural) ?? 0) + 1)
    }
    const unmatched: Array<M> = []
    for (const record of waiting) {
      const label = input.label(record)
      const natural = adoption.master(record, resolve)
      const candidates = natural === null ? [] : (candidatesByKey.get(natural) ?? [])
      const rivals = natural === null ? 1 : (rivalsByKey.get(natural) ?? 1)
      const ids = candidates.map(rule.replicaId).sort().join(", ")
      if (candidates.length > 0 && rivals > 1) {
        blockAmbiguous(
          record,
          `${rivals} ${name}s in ${systemName[master]} share the ${adoption.name} of ${systemName[replica]} record ${ids}`,
        )
      } else if (candidates.length > 1) {
        blockAmbiguous(
          record,
          `${candidates.length} ${systemName[replica]} records match ${name} ${label} by ${adoption.name} (${ids})`,
        )
      } else if (candidates[0]) {
        const candidate = candidates[0]
        pair(rule.masterKey(record), rule.replicaId(candidate))
        compare(record, candidate, undefined, adoption.name)
      } else unmatched.push(record)
    }
    waiting = unmatched
  }
  for (const record of waiting) {
    const label = input.label(record)
    const wasLinked = links.byKey.has(rule.masterKey(record))
    create(
      record,
      wasLinked
        ? `${name} ${label} is missing from ${systemName[replica]}; recreating it`
        : `${name} ${label} is new in ${systemName[master]}`,
    )
  }

  // A second copy stamped with the id of a record that already has one is reported, never guessed at.
  const replicaOfKey = (key: string) => pairs.replicaOf.get(key) ?? "elsewhere"
  for (const [stamp, copies] of stamped) {
    if (!present(stamp)) continue
    for (const copy of copies) {
      const id = rule.replicaId(copy)
      if (claimed.has(id)) continue
      warnings.push({
        code: "duplicate_copy",
        key: id,
        message: `${systemName[replica]} ${name} ${id} also carries the id of ${stamp}, whose copy is ${replicaOfKey(stamp)}; it is left alone`,
      })
    }
  }

  // Removals: copies whose master is gone (only judged from a complete listing) or no longer eligible.
  if (input.masterComplete) {
    input.links.forEach((link, index) => {
      const copy = seenLinks[index] === 1 ? undefined : links.copies[index]
      if (copy) toRemove.push({ record: copy, key: masterKeyOf(link), reason: `is gone from ${systemName[master]}` })
    })
    for (const [stamp, copies] of stamped) {
      if (present(stamp)) continue
      for (const copy of copies) {
        // A copy adopted by another record in this plan is that record's now.
        if (claimed.has(rule.replicaId(copy))) continue
        const reason = `is gone from ${systemName[master]} (its copy was found by the id stamped on it)`
        toRemove.push({ record: copy, key: stamp, reason })
      }
    }
  }
  for (const { record, key, reason } of toRemove) {
    const id = rule.replicaId(record)
    const course = input.courseOfReplica?.(record)
    const scoped = course !== undefined ? { course } : {}
    if (rule.deletion === "orphan") {
      warnings.push({
        code: `orphan_${rule.entity}`,
        key: id,
        message: `${systemName[replica]} ${name} ${id} is left in place (${reason}); remove it by hand if unused`,
      })
    } else if (rule.deletion === "deactivate") {
      if (rule.replicaActive?.(record) !== false) {
        makeOp("deactivate", key, [{ path: "active", from: true, to: false }], `${name} ${key} ${reason}`, {
          target: { id },
          ...scoped,
        })
      }
    } else {
      // From a partial replica listing the copy is as last known, not as it is now: its enrollments may have grown.
      const stale = input.replicaComplete
        ? null
        : `the ${systemName[replica]} listing was partial, so the copy's current state is unknown`
      const hold = input.holdRemoval?.(record) ?? null
      const why = stale ? `; blocked: ${stale}` : hold ? `; held: ${hold}` : ""
      makeOp("delete", key, [], `${name} ${key} ${reason}${why}`, {
        target: { id },
        status: stale ? "blocked" : hold ? "held" : "ready",
        ...scoped,
      })
    }
  }

  if (input.eachUnpaired) {
    for (const record of unlinked) if (!claimed.has(rule.replicaId(record))) input.eachUnpaired(record)
  }

  return { ops, warnings, pairs, pendingOps, fingerprints }
}
