/** Steps many service scenarios share. */

import { stampOfCode } from "../../engine/Stamps.ts"
import { act } from "./Scenario.ts"
import type { ServiceWorld } from "./ServiceWorld.ts"

/** POST /sync, then GET /jobs/{id} until the job ends; a failed job fails the scenario. */
export const runSyncJob = async (w: ServiceWorld, body: object = {}) => {
  const started = await w.call("POST", "/sync", body)
  if (started.status !== 202) throw new Error(`POST /sync answered ${started.status}: ${started.text}`)
  const job = await w.finished(started.json<{ jobId: string }>().jobId)
  if (job.status !== "succeeded") throw new Error(`the sync job failed: ${String(job.error)}`)
  return job
}

export const firstSync = act<ServiceWorld>("the operator runs the first synchronization", (w) => runSyncJob(w))

/** An operator's change answered with this status, else the scenario fails with what was answered. */
export const expectStatus = async (w: ServiceWorld, method: string, path: string, body: unknown, status: number) => {
  const answer = await w.call(method, path, body)
  if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`)
  return answer
}

export const toTrainerOf = (w: ServiceWorld, userId: string) =>
  w.to.state.snapshot().trainers.find((trainer) => trainer.external_ref === userId)

export const doceboUser = (w: ServiceWorld, userId: string) =>
  w.docebo.state.snapshot().users.find((user) => String(user.user_id) === userId)

/** The Docebo copy of a TO session, as Docebo holds it. */
export const doceboCopyOf = (w: ServiceWorld, toSessionId: string) =>
  w.docebo.state.snapshot().sessions.find((session) => stampOfCode(session.code) === toSessionId)

export const toSessionOf = (w: ServiceWorld, id: string) => w.to.state.snapshot().sessions.find((s) => s.id === id)

/** The runs webhooks have started so far, from `/metrics`. */
export const webhookRuns = async (w: ServiceWorld) =>
  [...(await w.call("GET", "/metrics")).text.matchAll(/^iltsync_runs_total\{trigger="webhook"[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  )

/** Every call Docebo's API has answered so far (iltsync's, and its admin's through the API). */
export const doceboCalls = (w: ServiceWorld) => w.docebo.state.calls.summary().total

/** What a Docebo admin does to a session in Docebo's own UI (`edit_session`, `delete_session`), raising its webhook. */
export const doceboAdminSession = (w: ServiceWorld, body: Record<string, unknown>) =>
  w.control(w.docebo, "/__sim/act", body)

/** Docebo account ids that have an active TO virtual room stamped with them. */
export const activeVirtualRooms = (w: ServiceWorld) =>
  w.to.state
    .snapshot()
    .rooms.filter((room) => room.kind === "virtual" && room.active && room.external_ref !== null)
    .map((room) => room.external_ref)
    .sort()
