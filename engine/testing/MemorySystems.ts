/**
 * Docebo, Training Orchestra and the apply journal in memory, behind the engine's ports: writes change a working copy
 * of each system (through the same Mirror the store uses) and get ids made up the way the systems make them.
 */
import { Effect, Layer } from "effect"
import { ReadFailed, WriteAmbiguous, type WriteError, WriteRejected } from "../Errors.ts"
import { HorizonDays } from "../Horizon.ts"
import { eventKey, Mirror } from "../Mirror.ts"
import type { DoceboCourseId } from "../model/Ids.ts"
import type { StepWrite } from "../OpWrites.ts"
import { DoceboPort, type Listing, type SessionReadOptions, ToPort } from "../Ports.ts"
import { type DoceboStamps, defaultDoceboStamps } from "../Stamps.ts"
import type { WriteResult } from "../Writes.ts"
import type { World } from "./MemoryApply.ts"

/** What a system answers to a write: new ids for what it creates (events by their date and start time). */
const answer = (step: StepWrite, newId: (kind: string) => string): WriteResult => {
  const write = step.write
  switch (write.kind) {
    case "createSession":
      return {
        id: newId("session"),
        items: Object.fromEntries(write.events.map((e) => [eventKey(e), newId("event")])),
      }
    case "createProvider":
      return { id: newId("provider"), siteId: newId("site") }
    default:
      return write.kind.startsWith("create") ? { id: newId(write.kind.slice("create".length).toLowerCase()) } : {}
  }
}

const all = <A>(items: ReadonlyArray<A>): Listing<A> => ({ items, complete: true })

export interface MemorySystems {
  readonly layer: Layer.Layer<DoceboPort | ToPort>
  /** What the systems hold now. */
  readonly current: () => Pick<World, "docebo" | "to">
  readonly writes: () => number
  /** Every write sent, in order. */
  readonly writeLog: () => ReadonlyArray<StepWrite>
  /** Docebo reads so far, by the port's function (`sessionList`, `sessionEvents`, …). */
  readonly doceboReads: () => Readonly<Record<string, number>>
}

/** Faults of the systems in memory, decided per write (counted from 1 across both systems); read at each call. */
export interface MemoryFaults {
  /** The system refuses the write (a validation error). */
  readonly reject?: (write: StepWrite["write"], n: number) => boolean
  /** The write happens but its answer is lost. */
  readonly loseAnswer?: (write: StepWrite["write"], n: number) => boolean
  /** The process dies at this write, before sending it. */
  readonly crashAt?: number
  /** This TO listing comes back partial and empty (a page could not be read). */
  readonly partialToListing?: (resource: string) => boolean
}

/** The process died: raised as a defect so nothing after it runs, as in a real crash. */
export class Crash extends Error {}

export const makeMemorySystems = (
  world: Pick<World, "docebo" | "to">,
  faults: MemoryFaults = {},
  stamps: DoceboStamps = defaultDoceboStamps,
): MemorySystems => {
  const systems = new Mirror(world.docebo, world.to)
  let counter = 0
  let writes = 0
  const writeLog: StepWrite[] = []
  const newId = (kind: string) => `mem-${kind}-${++counter}`
  const execute = (step: StepWrite): Effect.Effect<WriteResult, WriteError> =>
    Effect.suspend((): Effect.Effect<WriteResult, WriteError> => {
      const n = writes + 1
      if (faults.crashAt === n) return Effect.die(new Crash(`crash at write ${n}`))
      writes = n
      writeLog.push(step)
      const system = step.system
      if (faults.reject?.(step.write, n)) {
        return Effect.fail(
          new WriteRejected({ system, write: step.write.kind, status: 400, reason: "refused by the system" }),
        )
      }
      const result = answer(step, newId)
      systems.apply(step, result)
      if (faults.loseAnswer?.(step.write, n)) {
        return Effect.fail(new WriteAmbiguous({ system, write: step.write.kind, reason: "answer lost" }))
      }
      return Effect.succeed(result)
    })
  const reads: Record<string, number> = {}
  const docebo = () => systems.snapshots().docebo
  /** Each read of Docebo counted by the port function that made it. */
  const counted =
    <Args extends ReadonlyArray<unknown>, A>(name: string, read: (...args: Args) => A) =>
    (...args: Args): A => {
      reads[name] = (reads[name] ?? 0) + 1
      return read(...args)
    }
  const to = () => systems.snapshots().to
  // Docebo's list gives each session's end in UTC; the fake reads its events' wall times as UTC, near enough here.
  const listedEnd = (events: ReadonlyArray<{ readonly day: string; readonly timeEnd: string }>) =>
    events.reduce<string | null>((latest, event) => {
      const end = `${event.day}T${event.timeEnd.slice(0, 5)}:00.000Z`
      return latest === null || end > latest ? end : latest
    }, null)
  const layer = Layer.mergeAll(
    // These systems keep no time of their own: a test wanting a sync horizon gives one (`horizon`), so that what is
    // history never depends on the day the test runs.
    Layer.succeed(HorizonDays, null),
    Layer.succeed(DoceboPort, {
      stamps,
      courses: () => Effect.sync(() => all(docebo().courses)),
      sessions: counted("sessions", (courseId: DoceboCourseId, options?: SessionReadOptions) =>
        Effect.sync(() =>
          all(
            docebo().sessions.flatMap((s) => {
              if (s.courseId !== courseId) return []
              const { events: _, ...summary } = s
              const listed = { ...summary, endsAt: listedEnd(s.events) }
              if (options?.skipEvents?.(listed)) return [{ ...listed, events: [], eventsUnread: true as const }]
              // As over HTTP, each session's events cost a read of their own.
              reads.events = (reads.events ?? 0) + 1
              return [s]
            }),
          ),
        ),
      ),
      sessionList: counted("sessionList", (courseId) =>
        Effect.sync(() =>
          all(docebo().sessions.flatMap(({ events: _, ...s }) => (s.courseId === courseId ? [s] : []))),
        ),
      ),
      sessionEvents: counted("sessionEvents", (sessionId) =>
        Effect.suspend(() => {
          const session = docebo().sessions.find((s) => s.id === sessionId)
          return session === undefined
            ? Effect.fail(new ReadFailed({ system: "docebo", resource: "events", status: 404, reason: "no session" }))
            : Effect.succeed(all(session.events))
        }),
      ),
      locations: () => Effect.sync(() => all(docebo().locations)),
      classrooms: () => Effect.sync(() => all(docebo().classrooms)),
      users: (ids) => Effect.sync(() => all(docebo().users.filter((u) => ids === undefined || ids.includes(u.id)))),
      webinarAccounts: () => Effect.sync(() => all(docebo().webinarAccounts)),
      domain: () => Effect.succeed({ domain: "acme.docebosaas.com", isMainDomain: true, checkedBy: "api" }),
      write: (write) => execute({ system: "docebo", step: "main", write }),
    }),
    Layer.succeed(ToPort, {
      list: (resource) =>
        Effect.sync(() =>
          faults.partialToListing?.(resource)
            ? { items: [], complete: false, newest: null }
            : // The snapshot's list for `resource` holds ToRecords[resource], which indexing by a generic key cannot say.
              { ...all(to()[resource] as never), newest: null },
        ),
      write: (write) => execute({ system: "to", step: "main", write }),
    }),
  )
  return {
    layer,
    current: () => systems.snapshots(),
    writes: () => writes,
    writeLog: () => [...writeLog],
    doceboReads: () => ({ ...reads }),
  }
}
