import { Effect } from "effect"
import { ToPort, type ToResource } from "../../../engine/Ports.ts"

export type Cursors = Partial<Record<ToResource, string | null>>

/** Every resource read in full, or changed since its cursor, as the engine's snapshot would be. */
export const readToSnapshot = (cursors: Cursors = {}) =>
  Effect.flatMap(ToPort, (to) => {
    const list = <R extends ToResource>(resource: R) =>
      to.list(resource, { updatedSince: cursors[resource] ?? undefined })
    return Effect.all({
      courses: list("courses"),
      sessions: list("sessions"),
      trainingProviders: list("trainingProviders"),
      sites: list("sites"),
      trainers: list("trainers"),
      locations: list("locations"),
      rooms: list("rooms"),
    })
  })

/** The cursors of the next incremental read: each listing's newest `updated_at`. */
export const cursorsOf = (snapshot: Record<ToResource, { readonly newest: string | null }>): Cursors =>
  Object.fromEntries(Object.entries(snapshot).map(([resource, listing]) => [resource, listing.newest]))

export const byId = <A extends { readonly id: string }>(items: ReadonlyArray<A>) =>
  [...items].sort((a, b) => a.id.localeCompare(b.id))
