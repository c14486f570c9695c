import type { DoceboSnapshot } from "./model/Docebo.ts"
import type { Link, LinkedEntity, StoreSnapshot } from "./model/Store.ts"
import type { ToSnapshot } from "./model/Training.ts"
import type { CourseType } from "./model/Values.ts"
import type { System, Value, Warning } from "./Plan.ts"

/** What a plan is made from: both systems' snapshots and iltsync's store. */
export interface PlanInput {
  readonly docebo: DoceboSnapshot
  readonly to: ToSnapshot
  readonly store: StoreSnapshot
}

/** What to do with a master record that is present: sync it, remove its copy, or leave its copy as it is. */
export type Decision =
  | { readonly kind: "sync" }
  | { readonly kind: "remove"; readonly reason: string }
  | { readonly kind: "keep"; readonly warning?: Warning }

export const sync: Decision = { kind: "sync" }
export const keep: Decision = { kind: "keep" }

/** How the planner feeds one entity's flow: the listings, their completeness, which records are eligible, labels. */
export interface Planning<M, R> {
  /** The entities whose pairs this one resolves its references through: their flows run first. */
  readonly dependsOn: ReadonlyArray<LinkedEntity>
  /** The master records; none for a master iltsync builds itself (a trainer is an assignment joined with its user). */
  readonly masters?: (input: PlanInput) => ReadonlyArray<M>
  readonly replicas: (input: PlanInput) => ReadonlyArray<R>
  /** Whether each side's listing was read to its end: nothing is removed on the strength of a partial one. */
  readonly complete: (input: PlanInput) => { readonly master: boolean; readonly replica: boolean }
  /** How the plan names a master record to a human (a course code, a session name). */
  readonly label: (record: M) => string
  /** Which present master records are synced, which lose their copy, which are left as they are (with why). */
  readonly eligible?: (input: PlanInput) => (record: M, link: Link | undefined) => Decision
  /** The Docebo course a record belongs to, for per-course status and `--course` scoping. */
  readonly courseOfMaster?: (record: M, resolve: Resolve) => string | undefined
  readonly courseOfReplica?: (record: R) => string | undefined
  /**
   * Whether an op referring to a record of this entity waits for the op creating its replica (a Docebo session waits
   * for its classroom). Not for a Docebo-mastered account, which an event refers to by its Docebo id.
   */
  readonly awaited: boolean
}

/**
 * Id translation while building canonical records. Canonical references use one id space per entity (the one both
 * sides can reach through the links), so a Docebo classroom id and a TO room id compare as the same TO room id.
 * A master-side reference that cannot be resolved yields a marker that never equals a real id and is reported.
 */
export interface Resolve {
  /** TO course → the Docebo course it mirrors. */
  readonly courseOfToCourse: (toCourseId: string) => string
  /** TO trainer → the Docebo user it mirrors. */
  readonly userOfTrainer: (toTrainerId: string) => string
  /** The same as a one-user set (an instructor list), shared between calls. */
  readonly usersOfTrainer: (toTrainerId: string) => ReadonlyArray<string>
  /** TO virtual room → the Docebo webinar account it mirrors. */
  readonly accountOfRoom: (toRoomId: string) => string
  /** Docebo webinar account → its tool (the tool follows the account, which Docebo masters). */
  readonly toolOfAccount: (accountId: string) => Value
  /** TO room → its TO location, and whether it is a physical room. */
  readonly locationOfRoom: (toRoomId: string) => string | null
  readonly isPhysicalRoom: (toRoomId: string) => boolean
  /** A TO location / room as a reference: its id when it has (or is getting) a Docebo copy, else a marker. */
  readonly locationRef: (toLocationId: string) => string
  readonly classroomRef: (toRoomId: string) => string
  /** Docebo location / classroom → the TO location / room it mirrors (`docebo:<id>` when it mirrors none). */
  readonly toLocationOf: (doceboLocationId: string) => string
  readonly toRoomOf: (doceboClassroomId: string) => string
}

/**
 * Where one side of a mapped field lives: a field of the domain record, and its key in its system's JSON (a dotted
 * path, `schedule.date`, for a nested one). The adapters build their read decoders and write bodies from these.
 */
export interface At<Rec> {
  readonly path: keyof Rec & string
  readonly key: string
  /** The canonical value of the domain value (both sides compare in canonical form). */
  // biome-ignore lint/suspicious/noExplicitAny: each side's normaliser takes that field's own type
  readonly normalise: (value: any) => Value
  /** The domain value a canonical one is written as, when they differ (TO's `onsite` for the canonical `ilt`). */
  readonly encode?: (value: Value) => unknown
  /** What a create writes for the field when the rule does not map it for the record's course type. */
  readonly empty?: unknown
  /** False for a field compared but never written in place (a session's course; a virtual room's kind). */
  readonly writable: boolean
}

/** A side given as a computed value instead: a reference resolved, fields joined, a constant. */
export type Derived<Rec> = (record: Rec, resolve: Resolve) => Value

/**
 * A domain field, under its vendor key, normalised for comparison. The vendor keys are those of DOCEBO-API.md (with
 * its tags) and TO-API.md.
 */
export const at = <Rec, P extends keyof Rec & string>(
  path: P,
  key: string,
  normalise: (value: Rec[P]) => Value,
  options: Partial<Pick<At<Rec>, "encode" | "empty" | "writable">> = {},
): At<Rec> => ({ path, key, normalise, writable: true, ...options })

/**
 * A side's reader, compiled for its one field: the planner calls these for every field of every record, and one
 * shared closure reading `record[path]` for all of them is a third slower (every call site sees every field and
 * every normaliser). The path is a key of the domain record, checked by the type of `at`.
 */
const readerOf = <Rec>(side: At<Rec>): ((record: Rec) => Value) =>
  new Function("normalise", `return (record) => normalise(record.${side.path})`)(side.normalise)

const read = <Rec>(side: At<Rec> | Derived<Rec>): Derived<Rec> => (typeof side === "function" ? side : readerOf(side))

/** A mapped field: its canonical name, how each side's record yields the canonical value, and where each holds it. */
export interface FieldRule<M, R> {
  readonly name: string
  readonly master: (record: M, resolve: Resolve) => Value
  readonly replica: (record: R, resolve: Resolve) => Value
  /** The canonical value is an id of this entity, which apply translates to the replica's id. */
  readonly ref?: RefKind
  /** Only mapped for sessions of this course type (ILT and VILT sessions carry different fields). */
  readonly only?: CourseType
  /** Where the master holds it, when it is one domain field. */
  readonly masterAt?: At<M>
  /** Where the replica holds it: what a write of the field sets. Every mapped field has one. */
  readonly replicaAt: At<R>
}

/**
 * A nested list mapped item by item, e.g. TO slots ⇄ Docebo events, keyed by the master item's id. Replica items
 * carry no stamp: they are paired with master items by their natural key (an event's date and start time).
 */
export interface ItemsRule<M, R, MI, RI> {
  readonly name: string
  readonly records: { readonly master: VendorRecord; readonly replica: VendorRecord }
  readonly key: string
  readonly master: (record: M) => ReadonlyArray<MI>
  readonly replica: (record: R) => ReadonlyArray<RI>
  readonly masterKey: (item: MI) => string
  readonly replicaId: (item: RI) => string
  /**
   * An item's natural key, the same on both sides for a pair in step; it also orders the items left over, so that
   * a rescheduled slot reuses the old event instead of deleting it (and its attendance) and creating another.
   */
  readonly naturalKey: (item: MI | RI) => string
  /** What the natural key is, in words, for a plan's reasons ("date and start time"). */
  readonly naturalKeyName: string
  /** Whether a master and a replica item have the same natural key, without building either. */
  readonly sameKey: (master: MI, replica: RI) => boolean
  readonly fields: ReadonlyArray<ItemFieldRule<M, R, MI, RI>>
}

export interface ItemFieldRule<M, R, MI, RI> {
  readonly name: string
  readonly master: (item: MI, parent: M, resolve: Resolve) => Value
  readonly replica: (item: RI, parent: R, resolve: Resolve) => Value
  readonly ref?: RefKind
  readonly only?: CourseType
  readonly masterAt?: At<MI>
  readonly replicaAt: At<RI>
}

/**
 * How a master record without a copy finds one by natural key: exactly one unclaimed replica record with its key,
 * which no other such master record shares. `else`: a looser key tried for the records this one finds no candidate
 * for (a session moved to other dates is still found by its course and name).
 */
export interface Adoption<M, R> {
  readonly name: string
  readonly master: (record: M, resolve: Resolve) => string | null
  readonly replica: (record: R, resolve: Resolve) => string | null
  readonly else?: Adoption<M, R>
}

/** What happens on the replica when the master record is gone (or no longer eligible). */
export type DeletionPolicy = "delete" | "deactivate" | "orphan"

/**
 * A record as a vendor's API holds it (`docebo:session`, `to:slot`): the adapters build its decoder and its write
 * bodies from the rule sides that name it.
 */
export type VendorRecord = `${System}:${string}`

/** One row of the ownership matrix, as data. */
export interface EntityRule<M, R> {
  readonly entity: LinkedEntity
  readonly master: System
  readonly replica: System
  /** The vendor records each side's fields live in (none for a master iltsync keeps itself). */
  readonly records: { readonly master: VendorRecord | null; readonly replica: VendorRecord }
  /** Plain-words description of the key and the adoption key, shown in docs and reasons. */
  readonly keyName: string
  readonly masterKey: (record: M) => string
  readonly replicaId: (record: R) => string
  /** The master id the engine stamped on the replica record (TO's `external_ref`, a Docebo session's code), if any. */
  readonly stamp: (record: R) => string | null
  readonly adoption?: Adoption<M, R>
  readonly deletion: DeletionPolicy
  /** Fields the replica cannot change in place (a Docebo session cannot move to another course). */
  readonly immutable?: ReadonlyArray<string>
  /** For `deactivate`: whether the replica record is still active. */
  readonly replicaActive?: (record: R) => boolean
  /** For fields mapped on ILT or VILT only. */
  readonly masterType?: (record: M, resolve: Resolve) => CourseType
  readonly replicaType?: (record: R) => CourseType
  readonly planning: Planning<M, R>
  readonly fields: ReadonlyArray<FieldRule<M, R>>
  // biome-ignore lint/suspicious/noExplicitAny: item types are private to each rule
  readonly items?: ItemsRule<M, R, any, any>
}

/**
 * One mapped field: each side a domain field or a derived value. A derived replica side (a reference read through the
 * links) still names the domain field a write sets, as `replicaAt`.
 */
export const field = <M, R>(
  name: string,
  master: At<M> | Derived<M>,
  replica: At<R> | Derived<R>,
  extra: Pick<FieldRule<M, R>, "ref" | "only"> & { readonly replicaAt?: At<R> } = {},
): FieldRule<M, R> => {
  const { replicaAt, ...rest } = extra
  const side = typeof replica === "function" ? replicaAt : replica
  if (side === undefined) throw new Error(`field ${name} names no replica field`)
  // Every field rule has the same keys in the same order (one object shape): the planner reads them in its hot loop.
  return {
    name,
    master: read(master),
    replica: read(replica),
    ref: rest.ref,
    only: rest.only,
    masterAt: typeof master === "function" ? undefined : master,
    replicaAt: side,
  }
}

/** A field of a nested item; a derived master side may look at the item's parent record too. */
export const itemField = <M, R, MI, RI>(
  name: string,
  master: At<MI> | ((item: MI, parent: M, resolve: Resolve) => Value),
  replica: At<RI> | ((item: RI, parent: R, resolve: Resolve) => Value),
  extra: Pick<ItemFieldRule<M, R, MI, RI>, "ref" | "only"> & { readonly replicaAt?: At<RI> } = {},
): ItemFieldRule<M, R, MI, RI> => {
  const { replicaAt, ...rest } = extra
  const side = typeof replica === "function" ? replicaAt : replica
  if (side === undefined) throw new Error(`item field ${name} names no replica field`)
  return {
    name,
    master: typeof master === "function" ? master : readerOf(master),
    replica: typeof replica === "function" ? replica : readerOf(replica),
    ref: rest.ref,
    only: rest.only,
    masterAt: typeof master === "function" ? undefined : master,
    replicaAt: side,
  }
}

/** What a canonical reference points at: a linked entity, a Docebo user, or a training provider. */
export type RefKind = LinkedEntity | "user" | "trainingProvider"

/** A rule of any record types, for the generic planner code that only calls its functions. */
// biome-ignore lint/suspicious/noExplicitAny: the generic planner never looks inside records itself
export type AnyRule = EntityRule<any, any>
// biome-ignore lint/suspicious/noExplicitAny: as above
export type AnyItemsRule = ItemsRule<any, any, any, any>

/** Where a rule side says a vendor record holds a domain field: its path and its vendor key. */
export interface VendorKey {
  readonly path: string
  readonly key: string
}

/**
 * Every domain field the rules map on a vendor record, with its key: what its adapter's decoder reads and its write
 * bodies write. Two rules naming one field (a TO room is a virtual room and a classroom) must agree on its key.
 */
export const vendorKeysOf = (rules: ReadonlyArray<AnyRule>, record: VendorRecord): ReadonlyArray<VendorKey> => {
  const found = new Map<string, string>()
  const add = (at: At<unknown> | undefined) => {
    if (at === undefined) return
    const known = found.get(at.path)
    if (known !== undefined && known !== at.key) {
      throw new Error(`${record}.${at.path} is keyed both ${known} and ${at.key} by the rules`)
    }
    found.set(at.path, at.key)
  }
  for (const rule of rules) {
    for (const field of rule.fields) {
      if (rule.records.master === record) add(field.masterAt)
      if (rule.records.replica === record) add(field.replicaAt)
    }
    const items = rule.items
    if (items === undefined) continue
    for (const field of items.fields) {
      if (items.records.master === record) add(field.masterAt)
      if (items.records.replica === record) add(field.replicaAt)
    }
  }
  return [...found].map(([path, key]) => ({ path, key }))
}
