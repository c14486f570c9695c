/**
 * Arbitrary worlds for the planner's properties, built from the domain schemas (`Arbitrary.make`). Ids come from
 * small ranges (see model/Ids.ts), so generated snapshots link, stamp and collide like real data: copies in step,
 * drifted copies, dangling references, duplicates and ambiguous natural keys all occur, on tenants that keep session
 * stamps in the session code and on tenants that keep none.
 */
import { Arbitrary, type Schema } from "effect"
import fc from "fast-check"
import {
  DoceboClassroom,
  DoceboCourse,
  DoceboLocation,
  DoceboSession,
  DoceboUser,
  DoceboWebinarAccount,
} from "../model/Docebo.ts"
import {
  DoceboClassroomId,
  DoceboCourseId,
  DoceboLocationId,
  DoceboSessionId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToCourseId,
  ToLocationId,
  ToRoomId,
  ToSessionId,
  ToTrainerId,
} from "../model/Ids.ts"
import { type Link, ProviderRequest, TrainerAssignment } from "../model/Store.ts"
import { ToCourse, ToLocation, ToRoom, ToSession, ToTrainer, ToTrainingProvider } from "../model/Training.ts"
import { type DoceboStamps, doceboStampPlaces, stampCode } from "../Stamps.ts"
import type { World } from "./MemoryApply.ts"

/**
 * A schema's arbitrary, for use with the project's fast-check. Effect derives it with the fast-check it bundles
 * (version 3); the generate-and-shrink protocol is the same, only the type declarations differ.
 */
export const fromSchema = <A, I>(schema: Schema.Schema<A, I>): fc.Arbitrary<A> =>
  Arbitrary.make(schema) as unknown as fc.Arbitrary<A>

const list = <A, I>(schema: Schema.Schema<A, I>, key: (record: A) => string, maxLength = 5): fc.Arbitrary<A[]> =>
  fc.uniqueArray(fromSchema(schema), { maxLength, selector: key })

/** Listings are mostly complete; now and then a page failed. */
const complete = fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 })

const links = <D, T>(docebo: Schema.Schema<D, string>, to: Schema.Schema<T, string>) =>
  fc
    .uniqueArray(
      fc.record({
        docebo: fromSchema(docebo) as fc.Arbitrary<string>,
        to: fromSchema(to) as fc.Arbitrary<string>,
        fingerprint: fc.constantFrom("", "stale"),
      }),
      { maxLength: 5, selector: (link) => link.docebo },
    )
    .map((all) => all.filter((link, i) => all.findIndex((other) => other.to === link.to) === i) as Link[])

/**
 * A Docebo session's code: none, one made in Docebo, or a stamp naming a TO session (which a tenant keeping stamps
 * elsewhere takes for a code of its own).
 */
const sessionCode: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(""),
  fc.constantFrom("LDR-101", "iltsync:"),
  fromSchema(ToSessionId).map(stampCode),
  fromSchema(ToSessionId).map(stampCode),
)

/**
 * A Docebo session that looks like a TO session, as a copy made before iltsync knew it does: the same name, and
 * events at the dates and start times of the TO session's slots (adoption by natural key, and its ambiguities).
 */
const lookAlike = <S extends World["docebo"]["sessions"][number]>(
  session: S,
  model: World["to"]["sessions"][number] | undefined,
): S =>
  model === undefined
    ? session
    : {
        ...session,
        name: model.name,
        events: session.events.map((event, i) => {
          const slot = model.slots[i % Math.max(model.slots.length, 1)]
          return slot === undefined ? event : { ...event, day: slot.day, timeBegin: slot.start }
        }),
      }

/**
 * Slot and event ids are unique per session in both APIs; scope the generated ones to their session. Sessions get
 * codes that stamp TO sessions, or not, and some look like a TO session.
 */
const scopeItems = (
  w: World,
  codes: ReadonlyArray<string | undefined>,
  looks: ReadonlyArray<number | null>,
): World => ({
  ...w,
  to: {
    ...w.to,
    sessions: w.to.sessions.map((session) => ({
      ...session,
      slots: session.slots
        .map((slot) => ({ ...slot, id: `${session.id}.${slot.id}` as typeof slot.id }))
        .filter((slot, i, all) => all.findIndex((other) => other.id === slot.id) === i),
    })),
  },
  docebo: {
    ...w.docebo,
    sessions: w.docebo.sessions.map(({ code: _, ...unlike }, index) => {
      const code = codes[index % Math.max(codes.length, 1)]
      const look = looks[index] ?? null
      const session =
        look === null ? unlike : lookAlike(unlike, w.to.sessions[look % Math.max(w.to.sessions.length, 1)])
      return {
        ...session,
        ...(code === undefined ? {} : { code }),
        events: session.events
          .map((event) => ({ ...event, id: `${session.id}.${event.id}` as typeof event.id }))
          .filter((event, i, all) => all.findIndex((other) => other.id === event.id) === i),
      }
    }),
  },
})

/** Where the generated tenant keeps its session stamps: worlds without any stamp are generated too. */
const stampPlace: fc.Arbitrary<DoceboStamps> = fc.constantFrom(...doceboStampPlaces)

export const worldArbitrary: fc.Arbitrary<World> = fc
  .record({
    docebo: fc.record({
      courses: list(DoceboCourse, (c) => c.id),
      sessions: list(DoceboSession, (s) => s.id),
      locations: list(DoceboLocation, (l) => l.id, 3),
      classrooms: list(DoceboClassroom, (c) => c.id, 3),
      users: list(DoceboUser, (u) => u.id, 4),
      webinarAccounts: list(DoceboWebinarAccount, (a) => a.id, 3),
      complete: fc.record({
        courses: complete,
        sessions: complete,
        locations: complete,
        classrooms: complete,
        users: complete,
        webinarAccounts: complete,
      }),
    }),
    to: fc.record({
      courses: list(ToCourse, (c) => c.id),
      sessions: list(ToSession, (s) => s.id),
      trainingProviders: list(ToTrainingProvider, (p) => p.id, 3),
      sites: fc.constant([]),
      trainers: list(ToTrainer, (t) => t.id, 4),
      locations: list(ToLocation, (l) => l.id, 3),
      rooms: list(ToRoom, (r) => r.id, 4),
      complete: fc.record({
        courses: complete,
        sessions: complete,
        trainingProviders: complete,
        sites: complete,
        trainers: complete,
        locations: complete,
        rooms: complete,
      }),
    }),
    store: fc.record({
      links: fc.record({
        course: links(DoceboCourseId, ToCourseId),
        session: links(DoceboSessionId, ToSessionId),
        location: links(DoceboLocationId, ToLocationId),
        classroom: links(DoceboClassroomId, ToRoomId),
        trainer: links(DoceboUserId, ToTrainerId),
        webinarAccount: links(DoceboWebinarAccountId, ToRoomId),
      }),
      trainers: list(TrainerAssignment, (t) => t.userId, 4),
      providerRequests: list(ProviderRequest, (r) => r.id, 2),
    }),
    codes: fc.array(sessionCode, { maxLength: 5 }),
    looks: fc.array(fc.option(fc.nat(), { nil: null }), { maxLength: 5 }),
    stamps: stampPlace,
  })
  .map(({ codes, looks, ...w }) => scopeItems(w, codes, looks))
