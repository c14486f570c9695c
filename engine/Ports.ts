/**
 * The engine's ports: what it needs from each system and from its own store. Adapters provide them as layers
 * (HTTP clients in `adapters/`, in-memory fakes in tests); the engine never imports IO.
 */
import { Context, type Effect, FiberRef } from "effect"
import type { StoreChange } from "./Bookkeeping.ts"
import type { ReadError, WriteError } from "./Errors.ts"
import type { KnownState } from "./Known.ts"
import type { Touched } from "./Mirror.ts"
import type {
  DoceboClassroom,
  DoceboCourse,
  DoceboEvent,
  DoceboLocation,
  DoceboSession,
  DoceboSessionSummary,
  DoceboUser,
  DoceboWebinarAccount,
} from "./model/Docebo.ts"
import type { DoceboCourseId, DoceboSessionId, DoceboUserId } from "./model/Ids.ts"
import type { StoreSnapshot } from "./model/Store.ts"
import type {
  ToCourse,
  ToLocation,
  ToRoom,
  ToSession,
  ToSite,
  ToTrainer,
  ToTrainingProvider,
} from "./model/Training.ts"
import type { ReadNotice } from "./Notices.ts"
import type { StepWrite } from "./OpWrites.ts"
import type { Op } from "./Plan.ts"
import type { DoceboStamps } from "./Stamps.ts"
import type { CourseStatus, LogEntry } from "./Status.ts"
import type { DoceboWrite, ToWrite, WriteResult } from "./Writes.ts"

/** One listing read to its end, or not: a page that failed after retries leaves it partial (and deletes nothing). */
export interface Listing<A> {
  readonly items: ReadonlyArray<A>
  readonly complete: boolean
  /** What the read found wrong without failing (engine/Notices.ts); none when absent. */
  readonly notices?: ReadonlyArray<ReadNotice>
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
  /**
   * Who said so: `api`, Docebo itself. A tenant without the domain endpoint is judged from the URL iltsync was given:
   * `configured-url` when the URL itself names a sub-domain (refused), `operator` when the operator confirmed that host
   * as the main domain, `unconfirmed` (refused until they do) otherwise.
   */
  readonly checkedBy: "api" | "configured-url" | "operator" | "unconfirmed"
}

export interface SessionReadOptions {
  readonly skipEvents?: (session: DoceboSessionSummary) => boolean
}

/** Docebo: ILT/VILT courses only (e-learning is filtered out), sessions with their events, and the writes. */
export class DoceboPort extends Context.Tag("engine/DoceboPort")<
  DoceboPort,
  {
    /** Where this tenant keeps iltsync's session stamps (a setting of the connection, engine/Stamps.ts). */
    readonly stamps: DoceboStamps
    /** `updatedFrom` (ISO time) reads only courses changed since then. */
    readonly courses: (options?: { readonly updatedFrom?: string }) => Effect.Effect<Listing<DoceboCourse>, ReadError>
    /**
     * Every session of one course, each with its events (a call for the course, and one per session). A session
     * `skipEvents` picks from the list is answered without its events (`eventsUnread`), costing no call.
     */
    readonly sessions: (
      courseId: DoceboCourseId,
      options?: SessionReadOptions,
    ) => Effect.Effect<Listing<DoceboSession>, ReadError>
    /** One course's sessions without their events: one call where `sessions` makes one more per session. */
    readonly sessionList: (courseId: DoceboCourseId) => Effect.Effect<Listing<DoceboSessionSummary>, ReadError>
    /** One session's events. */
    readonly sessionEvents: (sessionId: DoceboSessionId) => Effect.Effect<Listing<DoceboEvent>, ReadError>
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

/** How an op of a run ended. `skipped`: not attempted (held, blocked, or an op it waits for did not succeed). */
export interface OpOutcome {
  readonly opId: string
  readonly status: "done" | "failed" | "skipped"
  readonly reason?: string
  /** The id of the record the op created, if any. */
  readonly created?: string
}

/** A write that was sent but whose op never settled: after a crash it is looked up before anything is redone. */
export interface UnsettledStep {
  readonly runId: string
  readonly opId: string
  readonly step: StepWrite
}

/**
 * The apply journal, kept in iltsync's store. Every write is recorded before it is sent, and each op's outcome is
 * committed together with what it changes in the store (links, operator records, the mirror of both systems), so a
 * crash at any call leaves a journal that says exactly which writes may have happened.
 */
export class ApplyJournal extends Context.Tag("engine/ApplyJournal")<
  ApplyJournal,
  {
    readonly begin: (runId: string, ops: ReadonlyArray<Op>) => Effect.Effect<void>
    readonly sending: (runId: string, opId: string, step: StepWrite) => Effect.Effect<void>
    readonly settle: (
      runId: string,
      outcome: OpOutcome,
      changes: ReadonlyArray<StoreChange>,
      touched: ReadonlyArray<Touched>,
    ) => Effect.Effect<void>
    readonly unsettled: () => Effect.Effect<ReadonlyArray<UnsettledStep>>
    /** The unsettled steps were looked up (and the mirror updated): they no longer need recovering. */
    readonly recovered: (steps: ReadonlyArray<UnsettledStep>) => Effect.Effect<void>
  }
>() {}

/** iltsync's own records a run reads and writes besides the journal. */
export class SyncStore extends Context.Tag("engine/SyncStore")<
  SyncStore,
  {
    readonly load: () => Effect.Effect<{
      readonly store: StoreSnapshot
      readonly known: KnownState
      readonly statuses: ReadonlyArray<CourseStatus>
    }>
    readonly saveKnown: (known: KnownState) => Effect.Effect<void>
    readonly saveStatuses: (statuses: ReadonlyArray<CourseStatus>) => Effect.Effect<void>
    readonly log: (entries: ReadonlyArray<LogEntry>) => Effect.Effect<void>
  }
>() {}
