import { Effect } from "effect"
import { DoceboPort } from "../../../engine/Ports.ts"

/** Everything the engine reads from Docebo: courses, each course's sessions with events, and the rest. */
export const readDoceboSnapshot = Effect.flatMap(DoceboPort, (docebo) =>
  Effect.gen(function* () {
    const courses = yield* docebo.courses()
    const sessions = yield* Effect.forEach(courses.items, (course) => docebo.sessions(course.id))
    return {
      courses,
      sessions: {
        items: sessions.flatMap((listing) => listing.items),
        complete: sessions.every((listing) => listing.complete),
      },
      locations: yield* docebo.locations(),
      classrooms: yield* docebo.classrooms(),
      users: yield* docebo.users(),
      webinarAccounts: yield* docebo.webinarAccounts(),
      domain: yield* docebo.domain(),
    }
  }),
)

export const byId = <A extends { readonly id: string }>(items: ReadonlyArray<A>) =>
  [...items].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }))
