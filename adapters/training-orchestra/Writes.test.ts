import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type {
  DoceboCourseId,
  DoceboUserId,
  DoceboWebinarAccountId,
  ToCourseId,
  ToProviderId,
  ToRoomId,
  ToSessionId,
  ToTrainerId,
} from "../../engine/model/Ids.ts"
import { ToPort, type ToResource, type WriteOptions } from "../../engine/Ports.ts"
import type { ToWrite } from "../../engine/Writes.ts"
import { toSeed } from "./testing/Seed.ts"
import { simulatedTo } from "./testing/Simulated.ts"

const write = (change: ToWrite, options?: WriteOptions) => Effect.flatMap(ToPort, (to) => to.write(change, options))
const find = <R extends ToResource>(resource: R, id: string | undefined) =>
  Effect.flatMap(ToPort, (to) => to.list(resource)).pipe(
    Effect.map((listing) => listing.items.find((item) => item.id === id)),
  )

describe("Training Orchestra writes", () => {
  it.scoped("courses are created and updated, then read back as written", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const course = {
        code: "FIRST-AID",
        title: "First Aid",
        modality: "onsite",
        language: "de",
        active: true,
        externalRef: "4" as DoceboCourseId,
      } as const
      const created = yield* run(write({ kind: "createCourse", course }, { idempotencyKey: "course-4" }))
      expect(yield* run(find("courses", created.id))).toEqual({ id: created.id, ...course })

      const courseId = created.id as ToCourseId
      yield* run(write({ kind: "updateCourse", courseId, fields: { title: "First Aid (2025)", active: false } }))
      expect(yield* run(find("courses", courseId))).toEqual({
        id: courseId,
        ...course,
        title: "First Aid (2025)",
        active: false,
      })
    }),
  )

  it.scoped("trainers are created under a provider and updated", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const trainer = {
        firstName: "Linus",
        lastName: "Torvalds",
        email: "linus@acme.example",
        trainingProviderId: "tp_acme" as ToProviderId,
        active: true,
        externalRef: "12" as DoceboUserId,
      }
      const created = yield* run(write({ kind: "createTrainer", trainer }, { idempotencyKey: "trainer-12" }))
      expect(yield* run(find("trainers", created.id))).toEqual({ id: created.id, ...trainer })

      const trainerId = created.id as ToTrainerId
      const fields = { trainingProviderId: "tp_beta" as ToProviderId, active: false }
      yield* run(write({ kind: "updateTrainer", trainerId, fields }))
      expect(yield* run(find("trainers", trainerId))).toEqual({ id: trainerId, ...trainer, ...fields })
    }),
  )

  it.scoped("virtual rooms are created for webinar accounts and updated", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const room = {
        name: "Webex Training",
        webinarTool: "webex",
        active: true,
        externalRef: "4" as DoceboWebinarAccountId,
      } as const
      const created = yield* run(write({ kind: "createVirtualRoom", room }, { idempotencyKey: "room-4" }))
      expect(yield* run(find("rooms", created.id))).toEqual({
        id: created.id,
        locationId: null,
        name: "Webex Training",
        seats: null,
        kind: "virtual",
        webinarTool: "webex",
        active: true,
        externalRef: "4",
      })

      const roomId = created.id as ToRoomId
      yield* run(write({ kind: "updateRoom", roomId, fields: { name: "Webex (EU)", active: false } }))
      expect(yield* run(find("rooms", roomId))).toMatchObject({
        name: "Webex (EU)",
        active: false,
        webinarTool: "webex",
      })
    }),
  )

  it.scoped("a provider is created with its site, then renamed and deactivated", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const created = yield* run(write({ kind: "createProvider", name: "Gamma Skills" }, { idempotencyKey: "req_7" }))
      expect(yield* run(find("trainingProviders", created.id))).toEqual({
        id: created.id,
        name: "Gamma Skills",
        siteId: created.siteId,
        active: true,
      })
      expect(yield* run(find("sites", created.siteId))).toMatchObject({
        name: "Gamma Skills",
        trainingProviderId: created.id,
      })

      const providerId = created.id as ToProviderId
      yield* run(write({ kind: "updateProvider", providerId, fields: { name: "Gamma", active: false } }))
      expect(yield* run(find("trainingProviders", providerId))).toMatchObject({ name: "Gamma", active: false })
    }),
  )

  it.scoped("a session is flagged for reconfiguration and unflagged", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const sessionId = "ses_fls_march" as ToSessionId
      yield* run(write({ kind: "flagSession", sessionId, needsReconfiguration: true }))
      expect(yield* run(find("sessions", sessionId))).toMatchObject({ needsReconfiguration: true, status: "validated" })
      yield* run(write({ kind: "flagSession", sessionId, needsReconfiguration: false }))
      expect(yield* run(find("sessions", sessionId))).toMatchObject({ needsReconfiguration: false })
    }),
  )

  it.scoped("a create sent again under the same idempotency key creates nothing new", () =>
    Effect.gen(function* () {
      const { run, sim } = yield* simulatedTo({ seed: toSeed })
      const createProvider: ToWrite = { kind: "createProvider", name: "Delta" }
      const first = yield* run(write(createProvider, { idempotencyKey: "req_delta" }))
      const again = yield* run(write(createProvider, { idempotencyKey: "req_delta" }))
      expect(again).toEqual(first)
      expect(sim.state.snapshot().training_providers.filter((provider) => provider.name === "Delta")).toHaveLength(1)
    }),
  )

  it.scoped("a refused write is a WriteRejected with TO's reason, naming the field", () =>
    Effect.gen(function* () {
      const { run } = yield* simulatedTo({ seed: toSeed })
      const trainer = {
        firstName: "No",
        lastName: "Provider",
        email: "np@acme.example",
        trainingProviderId: "tp_missing" as ToProviderId,
        active: true,
        externalRef: "13" as DoceboUserId,
      }
      const error = yield* run(write({ kind: "createTrainer", trainer })).pipe(Effect.flip)
      expect(error._tag === "WriteRejected" && [error.system, error.write, error.status]).toEqual([
        "to",
        "createTrainer",
        422,
      ])
      expect(error.reason).toContain("training_provider_id")
    }),
  )
})
