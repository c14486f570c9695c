import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { ToSession } from "../../engine/model/Training.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo } from "./testing/Simulated.ts"
import { byId, cursorsOf, readToSnapshot } from "./testing/Snapshot.ts"

const marchSession = {
  id: "ses_fls_march",
  courseId: "crs_fls",
  name: "Forklift Safety — Paris, March",
  code: null,
  status: "validated",
  modality: "onsite",
  minParticipants: 3,
  maxParticipants: 12,
  trainerId: "trn_ada",
  locationId: "loc_paris",
  roomId: "room_a",
  completionMode: "attendance",
  slots: [
    {
      id: "seq_fls_1",
      day: "2025-03-10",
      start: "09:00",
      end: "17:00",
      timezone: "Europe/Paris",
      durationMinutes: 480,
      trainerId: "trn_ada",
      roomId: "room_a",
    },
    {
      id: "seq_fls_2",
      day: "2025-03-11",
      start: "09:00",
      end: "12:30",
      timezone: "Europe/Paris",
      durationMinutes: 210,
      trainerId: "trn_ada",
      roomId: "room_a",
    },
  ],
  needsReconfiguration: false,
  externalRef: "100",
} satisfies Record<keyof ToSession, unknown>

describe("Training Orchestra snapshot", () => {
  it.scoped("a full snapshot of the seeded tenant decodes to the domain models, one call per resource", () =>
    Effect.gen(function* () {
      const { run, callCount } = yield* simulatedTo({ seed: toSeed })
      const snapshot = yield* run(readToSnapshot())

      expect(Object.values(snapshot).every((listing) => listing.complete)).toBe(true)
      expect(byId(snapshot.courses.items)).toEqual([
        {
          id: "crs_fls",
          code: "FLS-01",
          title: "Forklift Safety",
          modality: "onsite",
          language: "en",
          active: true,
          externalRef: "1",
        },
        {
          id: "crs_neg",
          code: "NEG",
          title: "Negotiation Skills",
          modality: "online",
          language: "fr",
          active: true,
          externalRef: "2",
        },
        {
          id: "crs_old",
          code: "OLD",
          title: "Retired course",
          modality: "onsite",
          language: "en",
          active: false,
          externalRef: null,
        },
        {
          id: "crs_xls",
          code: "XLS-ADV",
          title: "Excel Advanced",
          modality: "online",
          language: "en",
          active: true,
          externalRef: "5",
        },
      ])
      expect(snapshot.sessions.items.find((session) => session.id === "ses_fls_march")).toEqual(marchSession)
      expect(
        byId(snapshot.sessions.items).map((session) => [session.id, session.status, session.slots.length]),
      ).toEqual([
        ["ses_fls_june", "in_qualification", 1],
        ["ses_fls_march", "validated", 2],
        ["ses_neg_online", "validated", 1],
        ["ses_xls", "cancelled", 2],
      ])
      expect(byId(snapshot.trainingProviders.items)).toEqual([
        { id: "tp_acme", name: "Acme Training", siteId: "site_acme", active: true },
        { id: "tp_beta", name: "Beta Coaching", siteId: "site_beta", active: true },
        { id: "tp_gone", name: "Gone Ltd", siteId: "site_gone", active: false },
      ])
      expect(byId(snapshot.sites.items)[0]).toEqual({
        id: "site_acme",
        name: "Acme HQ",
        address: "12 avenue Foch",
        city: "Lyon",
        country: "FR",
        trainingProviderId: "tp_acme",
      })
      expect(byId(snapshot.trainers.items)).toEqual([
        {
          id: "trn_ada",
          firstName: "Ada",
          lastName: "Lovelace",
          email: "ada@acme.example",
          trainingProviderId: "tp_acme",
          active: true,
          externalRef: "10",
        },
        {
          id: "trn_grace",
          firstName: "Grace",
          lastName: "Hopper",
          email: "grace@acme.example",
          trainingProviderId: "tp_beta",
          active: true,
          externalRef: "11",
        },
        {
          id: "trn_idle",
          firstName: "Idle",
          lastName: "Trainer",
          email: "idle@acme.example",
          trainingProviderId: "tp_gone",
          active: false,
          externalRef: null,
        },
      ])
      expect(byId(snapshot.locations.items).map((location) => location.id)).toEqual(["loc_lyon", "loc_paris"])
      expect(byId(snapshot.rooms.items)).toEqual([
        {
          id: "room_a",
          locationId: "loc_paris",
          name: "Room A",
          seats: 12,
          kind: "physical",
          webinarTool: null,
          active: true,
          externalRef: null,
        },
        {
          id: "room_amphi",
          locationId: "loc_lyon",
          name: "Amphi",
          seats: null,
          kind: "physical",
          webinarTool: null,
          active: true,
          externalRef: null,
        },
        {
          id: "room_b",
          locationId: "loc_paris",
          name: "Room B",
          seats: 8,
          kind: "physical",
          webinarTool: null,
          active: true,
          externalRef: null,
        },
        {
          id: "room_teams",
          locationId: null,
          name: "Teams Training",
          seats: null,
          kind: "virtual",
          webinarTool: "teams",
          active: true,
          externalRef: "2",
        },
        {
          id: "room_zoom",
          locationId: null,
          name: "Zoom Training",
          seats: null,
          kind: "virtual",
          webinarTool: "zoom",
          active: true,
          externalRef: "1",
        },
      ])
      expect(snapshot.courses.newest).toBe("2024-12-01T00:13:00.000Z")
      // One token call and one page per resource.
      expect(yield* callCount).toBe(8)
    }),
  )

  it.scoped("an incremental read after one session change returns that session and the records at the cursors", () =>
    Effect.gen(function* () {
      const { run, callCount, sim, clock } = yield* simulatedTo({ seed: toSeed })
      const full = yield* run(readToSnapshot())
      clock.advance(10 * 60_000)
      yield* Effect.promise(() =>
        sim.act({ action: "update_session", id: "ses_fls_june", changes: { max_participants: 9 } }),
      )
      const before = yield* callCount

      const changed = yield* run(readToSnapshot(cursorsOf(full)))

      // `updated_since` is inclusive: the record stamped at the cursor comes back once more, nothing older does.
      expect(changed.sessions.items.map((session) => [session.id, session.maxParticipants])).toEqual([
        ["ses_xls", null],
        ["ses_fls_june", 9],
      ])
      expect(changed.sessions.newest).toBe(new Date(Date.parse("2025-01-06T09:10:00.000Z")).toISOString())
      expect(changed.courses.items.map((course) => course.id)).toEqual(["crs_old"])
      expect(changed.rooms.items.map((room) => room.id)).toEqual(["room_teams"])
      expect((yield* callCount) - before).toBe(7)
    }),
  )
})
