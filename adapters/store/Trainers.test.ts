import { beforeEach, expect, it } from "vitest"
import type { DoceboUserId, ProviderRequestId, ToProviderId } from "../../engine/model/Ids.ts"
import type { TrainerAssignment } from "../../engine/model/Store.ts"
import type { Db } from "./Database.ts"
import { upsertLinks } from "./Links.ts"
import {
  addProviderRequest,
  completeProviderRequests,
  deleteProviderRequests,
  dropActivationRequests,
  loadProviderRequests,
} from "./ProviderRequests.ts"
import { loadStoreSnapshot } from "./Snapshot.ts"
import {
  clearTrainerEdits,
  deleteTrainerAssignments,
  loadTrainerAssignments,
  upsertTrainerAssignments,
} from "./Trainers.ts"
import { at, describeEachDialect } from "./testing/Fixtures.ts"

const trainer = (userId: string, over: Partial<TrainerAssignment> = {}): TrainerAssignment => ({
  userId: userId as DoceboUserId,
  trainingProviderId: null,
  trainingProviderRequestId: null,
  removed: false,
  pending: null,
  ...over,
})

describeEachDialect("trainer assignments and provider requests", (dialect) => {
  let db: Db
  beforeEach(async () => {
    db = await dialect.openMigrated()
  })

  it("round-trip assignments with their pending edits", async () => {
    const assignments = [
      trainer("12", { trainingProviderId: "prv_1" as ToProviderId, pending: { firstName: "Ada", isInstructor: true } }),
      trainer("3", { removed: true }),
    ]
    await upsertTrainerAssignments(db, assignments, at(0))
    expect(await loadTrainerAssignments(db)).toEqual([assignments[0], assignments[1]])

    await upsertTrainerAssignments(db, [trainer("3", { removed: false })], at(1))
    await clearTrainerEdits(db, ["12"], at(1))
    expect(await loadTrainerAssignments(db)).toEqual([
      trainer("12", { trainingProviderId: "prv_1" as ToProviderId }),
      trainer("3"),
    ])
    await deleteTrainerAssignments(db, ["12"])
    expect((await loadTrainerAssignments(db)).map((t) => t.userId)).toEqual(["3"])
  })

  it("keep the last of two assignments of one user saved together", async () => {
    await upsertTrainerAssignments(db, [trainer("5"), trainer("6"), trainer("5", { removed: true })], at(0))
    expect(await loadTrainerAssignments(db)).toEqual([trainer("5", { removed: true }), trainer("6")])
  })

  it("issue request ids that sort in the order the requests were made, past 9 and after deletions", async () => {
    const made: string[] = []
    for (let n = 0; n < 12; n++) made.push((await addProviderRequest(db, { kind: "create", name: `P${n}` }, at(n))).id)
    await deleteProviderRequests(db, [made[11] ?? ""])
    const next = await addProviderRequest(
      db,
      { kind: "setActive", providerId: "prv_1" as ToProviderId, active: false },
      at(20),
    )
    expect([...made].sort()).toEqual(made)
    expect(made).not.toContain(next.id)
    expect(next.id > (made[11] ?? "")).toBe(true)
    const loaded = await loadProviderRequests(db)
    expect(loaded.map((r) => r.id)).toEqual([...made.slice(0, 11), next.id])
    expect(loaded.at(-1)).toEqual({ id: next.id, kind: "setActive", providerId: "prv_1", active: false })
  })

  it("assign the waiting trainers to the provider a create request made, and close the request", async () => {
    const request = await addProviderRequest(db, { kind: "create", name: "Acme Training" }, at(0))
    await upsertTrainerAssignments(
      db,
      [
        trainer("1", { trainingProviderRequestId: request.id }),
        trainer("2", { trainingProviderId: "prv_9" as ToProviderId }),
      ],
      at(0),
    )
    await completeProviderRequests(db, [request.id], "prv_5" as ToProviderId, at(1))
    expect(await loadProviderRequests(db)).toEqual([])
    expect(await loadTrainerAssignments(db)).toEqual([
      trainer("1", { trainingProviderId: "prv_5" as ToProviderId }),
      trainer("2", { trainingProviderId: "prv_9" as ToProviderId }),
    ])
  })

  it("refuse to drop a request a trainer still waits on", async () => {
    const request = await addProviderRequest(db, { kind: "create", name: "Acme Training" }, at(0))
    await upsertTrainerAssignments(db, [trainer("1", { trainingProviderRequestId: request.id })], at(0))
    await expect(deleteProviderRequests(db, [request.id])).rejects.toThrow(dialect.foreignKeyViolation)
    await expect(
      upsertTrainerAssignments(
        db,
        [trainer("2", { trainingProviderRequestId: "req_404" as ProviderRequestId })],
        at(0),
      ),
    ).rejects.toThrow(dialect.foreignKeyViolation)
    expect((await loadTrainerAssignments(db)).map((t) => t.userId)).toEqual(["1"])
  })

  it("drop only the activation requests of the given provider", async () => {
    await addProviderRequest(db, { kind: "setActive", providerId: "prv_1" as ToProviderId, active: false }, at(0))
    await addProviderRequest(db, { kind: "setActive", providerId: "prv_2" as ToProviderId, active: true }, at(1))
    await addProviderRequest(db, { kind: "create", name: "Other" }, at(2))
    await dropActivationRequests(db, "prv_1")
    expect((await loadProviderRequests(db)).map((r) => (r.kind === "create" ? r.name : r.providerId))).toEqual([
      "prv_2",
      "Other",
    ])
  })

  it("make up the engine's store snapshot with the links", async () => {
    await upsertLinks(db, "course", [{ docebo: "1", to: "crs_1", fingerprint: "f" }], at(0))
    const request = await addProviderRequest(db, { kind: "create", name: "Acme" }, at(0))
    await upsertTrainerAssignments(db, [trainer("4", { trainingProviderRequestId: request.id })], at(0))
    const snapshot = await loadStoreSnapshot(db)
    expect(snapshot.links.course).toEqual([{ docebo: "1", to: "crs_1", fingerprint: "f" }])
    expect(snapshot.trainers).toEqual([trainer("4", { trainingProviderRequestId: request.id })])
    expect(snapshot.providerRequests).toEqual([{ id: request.id, kind: "create", name: "Acme" }])
  })
})
