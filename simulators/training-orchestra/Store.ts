import type { Clock } from "../shared/Clock.ts"
import { shapeOf } from "../shared/Table.ts"
import { Timeline } from "./Timeline.ts"
import {
  courseKeys,
  locationKeys,
  providerKeys,
  roomKeys,
  sequenceKeys,
  sessionKeys,
  siteKeys,
  type ToCourse,
  type ToLocation,
  type ToRecord,
  type ToRoom,
  type ToSession,
  type ToSite,
  type ToState,
  type ToTrainer,
  type ToTrainingProvider,
  trainerKeys,
} from "./Types.ts"

const shapeSequence = shapeOf(sequenceKeys)
const shapeSessionFields = shapeOf(sessionKeys)
const shapeSession = (session: ToSession): ToSession => ({
  ...shapeSessionFields(session),
  sequences: session.sequences.map(shapeSequence),
})

/** The records of one Training Orchestra tenant. */
export class ToStore {
  readonly courses = new Timeline<ToCourse>(shapeOf(courseKeys))
  readonly providers = new Timeline<ToTrainingProvider>(shapeOf(providerKeys))
  readonly sites = new Timeline<ToSite>(shapeOf(siteKeys))
  readonly trainers = new Timeline<ToTrainer>(shapeOf(trainerKeys))
  readonly locations = new Timeline<ToLocation>(shapeOf(locationKeys))
  readonly rooms = new Timeline<ToRoom>(shapeOf(roomKeys))
  readonly sessions = new Timeline<ToSession>(shapeSession)
  private lastStamp = 0
  private readonly counters = new Map<string, number>()
  private sequenceIds = new Set<string>()

  constructor(private readonly clock: Clock) {}

  /**
   * The time of a write: the clock's, nudged 1 ms past the previous write when needed, so that every write sorts
   * after all earlier ones and a client paging by (`updated_at`, `id`) cannot miss it.
   */
  stamp(): string {
    this.lastStamp = Math.max(this.clock.now(), this.lastStamp + 1)
    return new Date(this.lastStamp).toISOString()
  }

  /** A fresh id such as `ses_0000002a`; ids are never reused. */
  newId(prefix: string, isTaken: (id: string) => boolean): string {
    for (;;) {
      const next = (this.counters.get(prefix) ?? 0) + 1
      this.counters.set(prefix, next)
      const id = `${prefix}_${next.toString(16).padStart(8, "0")}`
      if (!isTaken(id)) return id
    }
  }

  newSequenceId(): string {
    const id = this.newId("seq", (candidate) => this.sequenceIds.has(candidate))
    this.sequenceIds.add(id)
    return id
  }

  /** Writes `changes` over `existing`; only a real change bumps `updated_at`. */
  update<R extends ToRecord>(
    table: Timeline<R>,
    existing: NoInfer<R>,
    changes: Partial<NoInfer<R>>,
  ): { record: R; changed: boolean } {
    const changed = Object.entries(changes).some(
      ([key, value]) => JSON.stringify(existing[key as keyof R]) !== JSON.stringify(value),
    )
    if (!changed) return { record: existing, changed }
    this.rememberSequences(changes)
    return { record: table.put({ ...existing, ...changes, updated_at: this.stamp() }), changed }
  }

  insert<R extends ToRecord>(table: Timeline<R>, record: Omit<NoInfer<R>, "created_at" | "updated_at">): R {
    const now = this.stamp()
    this.rememberSequences(record)
    return table.put({ ...record, created_at: now, updated_at: now } as R)
  }

  /** Replaces everything with `state`, which the caller has already checked. */
  load(state: ToState): void {
    this.courses.load(state.courses)
    this.providers.load(state.training_providers)
    this.sites.load(state.sites)
    this.trainers.load(state.trainers)
    this.locations.load(state.locations)
    this.rooms.load(state.rooms)
    this.sessions.load(state.sessions)
    this.counters.clear()
    this.sequenceIds = new Set(state.sessions.flatMap((session) => session.sequences.map((sequence) => sequence.id)))
    const tables = [this.courses, this.providers, this.sites, this.trainers, this.locations, this.rooms, this.sessions]
    this.lastStamp = Math.max(0, ...tables.map((table) => table.latest() ?? 0))
  }

  snapshot(): ToState {
    return {
      courses: [...this.courses.values()],
      training_providers: [...this.providers.values()],
      sites: [...this.sites.values()],
      trainers: [...this.trainers.values()],
      locations: [...this.locations.values()],
      rooms: [...this.rooms.values()],
      sessions: [...this.sessions.values()],
    }
  }

  private rememberSequences(record: object): void {
    const { sequences = [] } = record as { sequences?: { id: string }[] }
    for (const sequence of sequences) this.sequenceIds.add(sequence.id)
  }
}
