import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DoceboUserId, ProviderRequestId, ToProviderId } from "../../engine/model/Ids.ts"
import { type Fixture, fullSync, leakedSecrets, startFixture, testEnv } from "./TestSupport.ts"
import { addTrainer, chooseProvider, removeTrainer } from "./Trainers.ts"

interface Trainer {
  readonly userId: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly trainingProviderId: string | null
  readonly active: boolean
  readonly pending: boolean
}

interface Change {
  readonly trainers: ReadonlyArray<Trainer>
  readonly sync: { readonly status: string; readonly error: string | null; readonly ops: ReadonlyArray<unknown> }
}

let fixture: Fixture
// A tenant whose users carry the instructor flag, and iltsync set to keep it (ILTSYNC_DOCEBO_INSTRUCTOR_MARK=user-flag):
// the strict tenant keeps none, and its trainers are shown by the named scenarios `trainers-added`/`trainers-removed`.
beforeAll(async () => {
  fixture = await startFixture(
    { env: { ...testEnv(), ILTSYNC_DOCEBO_INSTRUCTOR_MARK: "user-flag" } },
    undefined,
    "default",
  )
  await fullSync(fixture)
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const doceboUser = (id: string) => fixture.docebo.state.snapshot().users.find((user) => String(user.user_id) === id)
const toTrainers = (userId: string) =>
  fixture.to.state.snapshot().trainers.filter((trainer) => trainer.external_ref === userId)

describe("trainers", () => {
  it("are listed from iltsync's records, Docebo's users and TO's trainers", async () => {
    const trainers = (await fixture.call("GET", "/trainers")).json<Trainer[]>()
    expect(trainers).toHaveLength(12)
    expect(trainers.find((trainer) => trainer.userId === "1003")).toEqual({
      userId: "1003",
      firstName: "Sophie",
      lastName: "Martin-Leroy",
      email: "sophie.martin@acme-corp.example",
      trainingProviderId: "prv_academy",
      active: true,
      pending: false,
    })
  })

  it("are added from Docebo users: the user becomes an instructor with the names given, then a TO trainer", async () => {
    expect(doceboUser("1101")).toMatchObject({ is_instructor: 0 })
    fixture.calls.length = 0
    const answer = await fixture.call("POST", "/trainers", {
      body: {
        trainingProviderId: "prv_skillbridge",
        trainers: [
          { userId: "1101", firstName: "Alice", lastName: "Bernard-Lee", email: "alice.bl@acme-corp.example" },
        ],
      },
    })
    expect(answer.status).toBe(201)
    const change = answer.json<Change>()
    expect(change.sync).toEqual({ status: "succeeded", error: null, ops: [] })
    expect(change.trainers).toEqual([
      expect.objectContaining({
        userId: "1101",
        lastName: "Bernard-Lee",
        trainingProviderId: "prv_skillbridge",
        active: true,
        pending: false,
      }),
    ])
    // Docebo is the trainers' master: the user holds the names first, then TO's trainer copies them.
    const userWrite = fixture.calls.indexOf("docebo PUT /manage/v1/user/1101")
    const trainerWrite = fixture.calls.indexOf("to POST /api/v1/trainers")
    expect(userWrite).toBeGreaterThanOrEqual(0)
    expect(trainerWrite).toBeGreaterThan(userWrite)
    expect(doceboUser("1101")).toMatchObject({
      is_instructor: 1,
      last_name: "Bernard-Lee",
      email: "alice.bl@acme-corp.example",
    })
    expect(toTrainers("1101")).toEqual([
      expect.objectContaining({
        last_name: "Bernard-Lee",
        email: "alice.bl@acme-corp.example",
        training_provider_id: "prv_skillbridge",
        active: true,
      }),
    ])
    const log = (await fixture.call("GET", "/event-logs?action=trainer.add")).json<{ items: unknown[] }>()
    expect(log.items).toEqual([expect.objectContaining({ user: "alice", target: "1101" })])
  })

  it("are edited: Docebo's user first, then TO's trainer", async () => {
    const answer = await fixture.call("PATCH", "/trainers/1101", { body: { email: "alice.bernard@acme-corp.example" } })
    expect(answer.status).toBe(200)
    expect(doceboUser("1101")?.email).toBe("alice.bernard@acme-corp.example")
    expect(toTrainers("1101")[0]?.email).toBe("alice.bernard@acme-corp.example")
  })

  it("are assigned to a training provider many at once", async () => {
    const answer = await fixture.call("POST", "/trainers/assign-training-provider", {
      body: { userIds: ["1101", "1007"], trainingProviderId: "prv_academy" },
    })
    expect(answer.status).toBe(200)
    expect(answer.json<Change>().trainers.map((trainer) => trainer.trainingProviderId)).toEqual([
      "prv_academy",
      "prv_academy",
    ])
    expect(toTrainers("1101")[0]?.training_provider_id).toBe("prv_academy")
    expect(toTrainers("1007")[0]?.training_provider_id).toBe("prv_academy")
  })

  it("are removed: the user becomes a learner (never deleted), the TO trainer is deactivated, its sessions flagged", async () => {
    const trainerId = toTrainers("1008")[0]?.id
    const scheduled = fixture.to.state
      .snapshot()
      .sessions.filter((session) => session.status !== "cancelled" && session.trainer_id === trainerId)
    expect(scheduled.length).toBeGreaterThan(0)

    const answer = await fixture.call("DELETE", "/trainers/1008")
    expect(answer.status).toBe(200)
    expect(answer.json<Change>().trainers).toEqual([expect.objectContaining({ userId: "1008", active: false })])
    expect(doceboUser("1008")).toMatchObject({ is_instructor: 0, first_name: "Oliver" })
    expect(toTrainers("1008")).toEqual([expect.objectContaining({ active: false })])
    const after = fixture.to.state.snapshot().sessions
    for (const session of scheduled) {
      expect(after.find((candidate) => candidate.id === session.id)?.needs_reconfiguration).toBe(true)
    }
    const listed = (await fixture.call("GET", "/trainers")).json<Trainer[]>()
    expect(listed.find((trainer) => trainer.userId === "1008")?.active).toBe(false)
  })

  it("are removed many at once", async () => {
    const answer = await fixture.call("POST", "/trainers/remove", { body: { userIds: ["1101", "1002"] } })
    expect(answer.status).toBe(200)
    for (const userId of ["1101", "1002"]) {
      expect(doceboUser(userId)?.is_instructor).toBe(0)
      expect(toTrainers(userId).every((trainer) => !trainer.active)).toBe(true)
    }
    const log = (await fixture.call("GET", "/event-logs?action=trainer.remove")).json<{
      items: Array<{ target: string }>
    }>()
    expect(log.items.map((item) => item.target).sort()).toEqual(["1002", "1008", "1101"])
  })

  it("are removed idempotently: removing one again changes nothing, and nothing stays pending", async () => {
    const again = await fixture.call("DELETE", "/trainers/1008")
    expect(again.status).toBe(200)
    expect(again.json<Change>().trainers).toEqual([
      expect.objectContaining({ userId: "1008", active: false, pending: false }),
    ])
    await fullSync(fixture)
    const listed = (await fixture.call("GET", "/trainers")).json<Trainer[]>()
    expect(listed.find((trainer) => trainer.userId === "1008")).toMatchObject({ active: false, pending: false })
    expect(doceboUser("1008")).toMatchObject({ is_instructor: 0 })
  })

  it("refuse bad input: 400 naming the field, 422 for what does not exist, 404 for an unknown trainer", async () => {
    const one = (fields: Record<string, unknown>) => ({
      trainingProviderId: "prv_academy",
      trainers: [
        { userId: "1102", firstName: "Benjamin", lastName: "Carter", email: "b.carter@acme-corp.example", ...fields },
      ],
    })
    const cases: ReadonlyArray<readonly [string, string, unknown, number, string]> = [
      ["POST", "/trainers", one({ email: "not-an-email" }), 400, "trainers[0].email"],
      ["POST", "/trainers", one({ firstName: "" }), 400, "trainers[0].firstName"],
      ["POST", "/trainers", one({ lastName: "Carter\u0000" }), 400, "trainers[0].lastName"],
      ["POST", "/trainers", one({ email: `${"b".repeat(300)}@acme-corp.example` }), 400, "trainers[0].email"],
      ["POST", "/trainers", { trainingProviderId: "prv_academy", trainers: [] }, 400, "trainers"],
      [
        "POST",
        "/trainers",
        { ...one({}), trainers: [one({}).trainers[0], one({}).trainers[0]] },
        400,
        "trainers[1].userId",
      ],
      ["POST", "/trainers", { ...one({}), trainingProviderId: "prv_nope" }, 422, "trainingProviderId"],
      ["POST", "/trainers", { ...one({}), trainingProviderId: "prv_formapro" }, 422, "trainingProviderId"],
      ["POST", "/trainers", one({ userId: "999999" }), 422, "trainers[0].userId"],
      ["PATCH", "/trainers/1001", {}, 400, "body"],
      ["PATCH", "/trainers/1001", { email: "x" }, 400, "email"],
      ["POST", "/trainers/remove", { userIds: ["1001", "1102"] }, 422, "userIds[1]"],
      ["POST", "/trainers/assign-training-provider", { userIds: ["1001"] }, 400, "trainingProviderId"],
    ]
    for (const [method, path, body, status, field] of cases) {
      const answer = await fixture.call(method, path, { body })
      expect({ path, body, status: answer.status }).toEqual({ path, body, status })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
    expect((await fixture.call("PATCH", "/trainers/424242", { body: { firstName: "X" } })).status).toBe(404)
    expect((await fixture.call("DELETE", "/trainers/424242")).status).toBe(404)
    // Nothing of the refused requests reached either system.
    expect(doceboUser("1102")?.is_instructor).toBe(0)
    expect(toTrainers("1102")).toEqual([])
  })
  it("take Docebo user ids as Docebo's API lists them: numbers, or their digits as text", async () => {
    const benjamin = { firstName: "Benjamin", lastName: "Carter", email: "b.carter@acme-corp.example" }
    const added = await fixture.call("POST", "/trainers", {
      body: { trainingProviderId: "prv_academy", trainers: [{ userId: 1102, ...benjamin }] },
    })
    expect(added.status).toBe(201)
    expect(added.json<Change>().trainers).toEqual([expect.objectContaining({ userId: "1102", active: true })])
    const assigned = await fixture.call("POST", "/trainers/assign-training-provider", {
      body: { userIds: [" 1102 "], trainingProviderId: "prv_skillbridge" },
    })
    expect(assigned.status).toBe(200)
    const edited = await fixture.call("PATCH", "/trainers/01102", { body: { firstName: "Ben" } })
    expect(edited.status).toBe(200)
    expect(edited.json<Change>().trainers).toEqual([expect.objectContaining({ userId: "1102", firstName: "Ben" })])
    expect(toTrainers("1102")).toEqual([
      expect.objectContaining({ first_name: "Ben", training_provider_id: "prv_skillbridge" }),
    ])

    const refused: ReadonlyArray<readonly [string, string, unknown, string]> = [
      [
        "POST",
        "/trainers",
        { trainingProviderId: "prv_academy", trainers: [{ userId: 11.5, ...benjamin }] },
        "trainers[0].userId",
      ],
      [
        "POST",
        "/trainers",
        { trainingProviderId: "prv_academy", trainers: [{ userId: -1102, ...benjamin }] },
        "trainers[0].userId",
      ],
      [
        "POST",
        "/trainers",
        { trainingProviderId: "prv_academy", trainers: [{ userId: 2 ** 53, ...benjamin }] },
        "trainers[0].userId",
      ],
      [
        "POST",
        "/trainers",
        { trainingProviderId: "prv_academy", trainers: [{ userId: "11O2", ...benjamin }] },
        "trainers[0].userId",
      ],
      ["POST", "/trainers/remove", { userIds: ["1102", 1102] }, "userIds[1]"],
      ["PATCH", "/trainers/Ben", { firstName: "Ben" }, "userId"],
    ]
    for (const [method, path, body, field] of refused) {
      const answer = await fixture.call(method, path, { body })
      expect({ body, status: answer.status }).toEqual({ body, status: 400 })
      expect(answer.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe(field)
    }
    // A TO id given as a number is looked for as its digits, like any id TO does not have.
    const provider = await fixture.call("POST", "/trainers/assign-training-provider", {
      body: { userIds: [1102], trainingProviderId: 42 },
    })
    expect(provider.status).toBe(422)
    expect(provider.json()).toMatchObject({ errors: [{ field: "trainingProviderId" }] })
  })
})

describe("trainer edits", () => {
  const providers = [
    { id: ToProviderId.make("prv_a"), name: "A", siteId: null, active: true },
    { id: ToProviderId.make("prv_off"), name: "Off", siteId: null, active: false },
  ]
  const requests = [{ id: ProviderRequestId.make("req_000000000001"), kind: "create" as const, name: "New" }]

  it("place trainers with an active provider, or one requested in iltsync and not created yet", () => {
    expect(chooseProvider("prv_a", providers, requests)).toEqual({ kind: "provider", id: "prv_a" })
    expect(chooseProvider("req_000000000001", providers, requests)).toEqual({ kind: "request", id: "req_000000000001" })
    expect(chooseProvider("prv_off", providers, requests)).toEqual({
      kind: "refused",
      reason: 'training provider "Off" is deactivated',
    })
    expect(chooseProvider("prv_x", providers, requests)).toMatchObject({ kind: "refused" })
  })

  it("remove a trainer by turning the user into a learner, keeping edits not written yet", () => {
    const added = addTrainer(
      undefined,
      { userId: "1101", firstName: "Alice", lastName: "Bernard", email: "a@example.com" },
      { kind: "request", id: ProviderRequestId.make("req_000000000001") },
    )
    expect(added).toEqual({
      userId: "1101",
      trainingProviderId: null,
      trainingProviderRequestId: "req_000000000001",
      removed: false,
      pending: { firstName: "Alice", lastName: "Bernard", email: "a@example.com", isInstructor: true },
    })
    expect(removeTrainer(added, undefined)).toMatchObject({
      removed: true,
      pending: { firstName: "Alice", isInstructor: false },
    })
  })

  it("leave a trainer already removed as it is, its removal carried out or not", () => {
    const applied = {
      userId: DoceboUserId.make("1008"),
      trainingProviderId: ToProviderId.make("prv_a"),
      trainingProviderRequestId: null,
      removed: true,
      pending: null,
    }
    const learner = { isInstructor: false }
    const instructor = { isInstructor: true }
    expect(removeTrainer(applied, learner)).toEqual(applied)
    const waiting = { ...applied, pending: { isInstructor: false } }
    expect(removeTrainer(waiting, instructor)).toEqual(waiting)
    // Made an instructor again in Docebo since: removing it again turns the user back into a learner.
    expect(removeTrainer(applied, instructor)).toEqual(waiting)
  })

  it("remove a trainer whose user is a learner already without an edit that nothing would ever write", () => {
    const added = addTrainer(
      undefined,
      { userId: "1101", firstName: "Alice", lastName: "Bernard", email: "a@example.com" },
      { kind: "provider", id: ToProviderId.make("prv_a") },
    )
    expect(removeTrainer(added, { isInstructor: false })).toMatchObject({
      removed: true,
      pending: { firstName: "Alice", lastName: "Bernard", email: "a@example.com" },
    })
    expect(removeTrainer({ ...added, pending: { isInstructor: true } }, { isInstructor: false }).pending).toBeNull()
  })
})
