/**
 * The engine's ports: what it needs from each system and from its own store. Adapters provide them as layers
 * (HTTP clients in `adapters/`, in-memory fakes in tests); the engine never imports IO.
 */
import { Context, type Effect, FiberRef } from "effect"
import type { ReadError, WriteError } from "./Errors.ts"
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboLocation,
  DoceboSession,
  DoceboUser,
  DoceboWebinarAccount,
} from "./model/Docebo.ts"
import type { DoceboCourseId, DoceboUserId } from "./model/Ids.ts"
import type {
  ToCourse,
  ToLocation,
  ToRoom,
  ToSession,
  ToSite,
  ToTrainer,
  ToTrainingProvider,
} from "./model/Training.ts"
import type { DoceboWrite, ToWrite, WriteResult } from "./Writes.ts"

/** One listing read to its end, or not: a page that failed after retries leaves it partial (and deletes nothing). */
export interface Listing<A> {
  readonly items: ReadonlyArray<A>
  readonly complete: boolean
}

export interface WriteOptions {
  /** Derived from the op, so a retried create is recognised by the system (TO's `Idempotency-Key`). */
  readonly idempotencyKey?: string
}

/**
 * Who is waiting for a call: an operator or a webhook (`interactive`) goes before a background full sync when the
 * request budget is short. Callers set it with `Effect.locally`; the adapters' budget reads it.
 */
export type RequestPriority = "interactive" | "background"
export const RequestPriority = FiberRef.unsafeMake<RequestPriority>("background")

export interface DoceboDomain {
  readonly domain: string
  readonly isMainDomain: boolean
}

/** Docebo: ILT/VILT courses only (e-learning is filtered out), sessions with their events, and the writes. */
export class DoceboPort extends Context.Tag("engine/DoceboPort")<
  DoceboPort,
  {
    /** `updatedFrom` (ISO time) reads only courses changed since then. */
    readonly courses: (options?: { readonly updatedFrom?: string }) => Effect.Effect<Listing<DoceboCourse>, ReadError>
    /** Every session of one course, each with its events. */
    readonly sessions: (courseId: DoceboCourseId) => Effect.Effect<Listing<DoceboSession>, ReadError>
    readonly locations: () => Effect.Effect<Listing<DoceboLocation>, ReadError>
    readonly classrooms: () => Effect.Effect<Listing<DoceboClassroom>, ReadError>
    /** All users, or only the given ones (one call each: cheaper than listing a large platform). */
    readonly users: (ids?: ReadonlyArray<DoceboUserId>) => Effect.Effect<Listing<DoceboUser>, ReadError>
    readonly webinarAccounts: () => Effect.Effect<Listing<DoceboWebinarAccount>, ReadError>
    readonly domain: () => Effect.Effect<DoceboDomain, ReadError>
    readonly write: (write: DoceboWrite, options?: WriteOptions) => Effect.Effect<WriteResult, WriteError>
  }
>() {}

export type ToResource = "courses" | "sessions" | "trainingProviders" | "sites" | "trainers" | "locations" | "rooms"

export interface ToRecords {
  readonly courses: ToCourse
  readonly sessions: ToSession
  readonly trainingProviders: ToTrainingProvider
  readonly sites: ToSite
  readonly trainers: ToTrainer
  readonly locations: ToLocation
  readonly rooms: ToRoom
}

/** A TO listing, with the `updated_at` of its newest record: the cursor of the next incremental read. */
export interface ToListing<A> extends Listing<A> {
  readonly newest: string | null
}

/** Training Orchestra: every resource, fully or changed since a time (`updated_since`), and the writes. */
export class ToPort extends Context.Tag("engine/ToPort")<
  ToPort,
  {
    readonly list: <R extends ToResource>(
      resource: R,
      options?: { readonly updatedSince?: string },
    ) => Effect.Effect<ToListing<ToRecords[R]>, ReadError>
    readonly write: (write: ToWrite, options?: WriteOptions) => Effect.Effect<WriteResult, WriteError>
  }
>() {}
