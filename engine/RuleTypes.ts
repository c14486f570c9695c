import type { LinkedEntity } from "./model/Store.ts"
import type { CourseType } from "./model/Values.ts"
import type { System, Value } from "./Plan.ts"

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

/** A mapped field: its canonical name and how each side's record yields the canonical value. */
export interface FieldRule<M, R> {
  readonly name: string
  readonly master: (record: M, resolve: Resolve) => Value
  readonly replica: (record: R, resolve: Resolve) => Value
  /** The canonical value is an id of this entity, which apply translates to the replica's id. */
  readonly ref?: RefKind
  /** Only mapped for sessions of this course type (ILT and VILT sessions carry different fields). */
  readonly only?: CourseType
}

/** A nested list mapped item by item, e.g. TO slots ⇄ Docebo events, keyed by the master item's id. */
export interface ItemsRule<M, R, MI, RI> {
  readonly name: string
  readonly key: string
  readonly master: (record: M) => ReadonlyArray<MI>
  readonly replica: (record: R) => ReadonlyArray<RI>
  readonly masterKey: (item: MI) => string
  /** The master item id stamped on the replica item, or null when it carries none. */
  readonly replicaKey: (item: RI) => string | null
  readonly replicaId: (item: RI) => string
  /** Orders items for pairing when ids no longer match (a rescheduled slot with a new id reuses the old event). */
  readonly order: (item: MI | RI) => string
  readonly fields: ReadonlyArray<ItemFieldRule<M, R, MI, RI>>
}

export interface ItemFieldRule<M, R, MI, RI> {
  readonly name: string
  readonly master: (item: MI, parent: M, resolve: Resolve) => Value
  readonly replica: (item: RI, parent: R, resolve: Resolve) => Value
  readonly ref?: RefKind
  readonly only?: CourseType
}

/** What happens on the replica when the master record is gone (or no longer eligible). */
export type DeletionPolicy = "delete" | "deactivate" | "orphan"

/** One row of the ownership matrix, as data. */
export interface EntityRule<M, R> {
  readonly entity: LinkedEntity
  readonly master: System
  readonly replica: System
  /** Plain-words description of the key and the adoption key, shown in docs and reasons. */
  readonly keyName: string
  readonly masterKey: (record: M) => string
  readonly replicaId: (record: R) => string
  /** The master id the engine stamped on the replica record (`external_id` / `external_ref`). */
  readonly stamp: (record: R) => string | null
  readonly adoption?: {
    readonly name: string
    readonly master: (record: M, resolve: Resolve) => string | null
    readonly replica: (record: R, resolve: Resolve) => string | null
  }
  readonly deletion: DeletionPolicy
  /** Fields the replica cannot change in place (a Docebo session cannot move to another course). */
  readonly immutable?: ReadonlyArray<string>
  /** For `deactivate`: whether the replica record is still active. */
  readonly replicaActive?: (record: R) => boolean
  /** For fields mapped on ILT or VILT only. */
  readonly masterType?: (record: M, resolve: Resolve) => CourseType
  readonly replicaType?: (record: R) => CourseType
  readonly fields: ReadonlyArray<FieldRule<M, R>>
  // biome-ignore lint/suspicious/noExplicitAny: item types are private to each rule
  readonly items?: ItemsRule<M, R, any, any>
}

export const field = <M, R>(
  name: string,
  master: (record: M, resolve: Resolve) => Value,
  replica: (record: R, resolve: Resolve) => Value,
  extra: Pick<FieldRule<M, R>, "ref" | "only"> = {},
): FieldRule<M, R> => ({ name, master, replica, ...extra })

export const itemField = <M, R, MI, RI>(
  name: string,
  master: (item: MI, parent: M, resolve: Resolve) => Value,
  replica: (item: RI, parent: R, resolve: Resolve) => Value,
  extra: Pick<ItemFieldRule<M, R, MI, RI>, "ref" | "only"> = {},
): ItemFieldRule<M, R, MI, RI> => ({ name, master, replica, ...extra })

/** What a canonical reference points at: a linked entity, a Docebo user, or a training provider. */
export type RefKind = LinkedEntity | "user" | "trainingProvider"

/** A rule of any record types, for the generic planner code that only calls its functions. */
// biome-ignore lint/suspicious/noExplicitAny: the generic planner never looks inside records itself
export type AnyRule = EntityRule<any, any>
// biome-ignore lint/suspicious/noExplicitAny: as above
export type AnyItemsRule = ItemsRule<any, any, any, any>
