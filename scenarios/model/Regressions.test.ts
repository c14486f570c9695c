/**
 * Every failure the model-based suites found, pinned forever with the seed and path fast-check printed, beside the
 * shortest reproduction written out. Each names the rule it broke; all three causes were in engine/Reads.ts and are
 * fixed (KnownBugs.ts), so each test asserts the rule holds. A newly found bug outside scenarios/ is pinned as
 * `it.fails` (CI green, the failure in sight) until its fix lands, then becomes a plain `it`.
 */
import fc from "fast-check"
import { describe, it } from "vitest"
import { simulatorSeedsFor } from "../tenants/Registry.ts"
import { historyCommands } from "./Arbitraries.ts"
import { FaultsOn } from "./commands/Faults.ts"
import { EditTrainer } from "./commands/Operator.ts"
import { CancelSession } from "./commands/Planner.ts"
import { Reconcile } from "./commands/Runs.ts"
import { runHistory } from "./History.ts"
import { processPending, receive } from "./Inbox.ts"
import type { KnownBugs } from "./KnownBugs.ts"
import { checkNoDuplicates } from "./Laws.ts"
import { webhookOrders } from "./Orders.ts"
import { modelSeeds } from "./Tenant.ts"
import { makeWorld, periodic } from "./World.ts"

const replay = (bugs: KnownBugs, found: { seed: number; path: string; replayPath: string }) =>
  fc.assert(
    fc.asyncProperty(historyCommands(bugs, found.replayPath), (commands) => runHistory(commands, bugs)),
    { seed: found.seed, path: found.path, endOnFailure: true },
  )

const onlyDeletedCourses: KnownBugs = {
  partialSessionListingForgotten: false,
  deletedCourseSessionsRead: true,
  deletedCourseInWebhookRun: true,
}
const onlyPartialListing: KnownBugs = {
  partialSessionListingForgotten: true,
  deletedCourseSessionsRead: false,
  deletedCourseInWebhookRun: false,
}

describe("a course listed partially (its session events failed) is taken as listed", () => {
  // Law 3 (no duplicates) and the partial-snapshot guard: [CreateNativeSession(0), FailEventReads,
  // DeliverWebhooks(1), RemoveTrainer(0)]. The course.updated webhook's run reads the course's sessions while their
  // events fail; the partial listing drops them from the known state but keeps the course's old read time, so the
  // trainer removal's run sees no copy and makes every session and event of the course again.
  it("found by a history: a partial listing keeps what it did not show, so no session is made twice", () =>
    replay(onlyPartialListing, { seed: -352846425, path: "30:2:1:2:2:5:7:5:5:5", replayPath: "/R:D" }))

  // The same with transient faults only. Found as seed 1036113136, path "37:4:6:6:12:2:2:9:8:10:18:23" by a generator
  // that has changed since (Docebo's error rates now stay at 0.1 while this bug stands), so written out as its
  // commands: with Docebo answering 429 or 503 to half of the calls, an events read runs out of its attempts.
  it("found by a history with transient faults alone: no session is made twice", () =>
    runHistory(
      [
        new CancelSession(0),
        new FaultsOn("docebo", { error429Rate: 0.3, error503Rate: 0.3, dropAfterCommitRate: 0, seed: 206 }),
        new CancelSession(22),
        new EditTrainer(0),
        new Reconcile(),
      ],
      onlyPartialListing,
    ))

  it("acme: a cancellation read while events fail, then a clean run, leaves the course's other session single", async () => {
    const seeds = simulatorSeedsFor("acme")
    if (seeds === undefined) throw new Error("no acme tenant")
    const world = makeWorld(seeds)
    try {
      await world.reconcile({})
      await world.inProcess.toAct({ action: "cancel_session", id: "ses_ldr201_lyo_0511" })
      await world.faults("docebo", { failPaths: ["/course/v1/sessions/*/events"] })
      await world.reconcile({})
      await world.faults("docebo", {})
      await world.reconcile({})
      checkNoDuplicates({ docebo: world.docebo(), to: world.to() })
    } finally {
      world.dispose()
    }
  })
})

describe("a session leaving validated in a course deleted in Docebo", () => {
  // A clean run ends (and the periodic reconcile catches up at all): [DeleteCourse(0), SessionBackToDraft(0),
  // CrashAndRestart(at call 1)]. Every run reads the deleted course's sessions to check enrollments before a
  // deletion, gets 404 and fails; its TO cursor never moves past the change, so no run succeeds again.
  it("found by a history: the restarted reconcile succeeds", () =>
    replay(onlyDeletedCourses, { seed: 1318485797, path: "11:2:2:5:4:3:3:3:3", replayPath: "TCp:F" }))

  it("later runs succeed: a deleted course's sessions are not read", async () => {
    const world = makeWorld(modelSeeds())
    try {
      await world.reconcile(periodic)
      await world.admin("/learn/v1/courses/100000", "DELETE")
      await world.inProcess.toAct({ action: "cancel_session", id: "ses_0" })
      for (let run = 0; run < 3; run++) {
        const end = await world.reconcile(periodic)
        if (end.kind !== "done") throw new Error(`run ${run + 1} ${end.kind}: ${"reason" in end ? end.reason : ""}`)
      }
    } finally {
      world.dispose()
    }
  })
})

describe("a TO session webhook for a course deleted in Docebo, before its course.deleted webhook is processed", () => {
  const included: KnownBugs = {
    partialSessionListingForgotten: true,
    deletedCourseSessionsRead: true,
    deletedCourseInWebhookRun: true,
  }

  // Behaviour 4 (a failing course never stops the others) and law 5 (order independence): [DeleteCourse(0),
  // SessionBackToDraft(0)], the two webhooks delivered one by one in one world and together in the other. The run a
  // TO session webhook starts lists TO's sessions only; Docebo's course listing is the one last read, which still
  // has the deleted course, so the run reads that course's sessions, gets 404 and fails whole.
  it("found by the order-independence property: the webhook's run no longer fails on Docebo's 404", () =>
    fc.assert(webhookOrders(included), {
      seed: -1439388268,
      path: "11:2:1:2:2:2:5:8:10:12:13:14:13:13:14:4:5:0:1:1:1:1:1:1:1:4:3",
      endOnFailure: true,
    }))

  it("the other course of the same batch is synced by the webhook's run", async () => {
    const world = makeWorld(modelSeeds())
    try {
      await world.reconcile(periodic)
      await world.admin("/learn/v1/courses/100000", "DELETE")
      // The course.deleted webhook is late; two TO session webhooks arrive together.
      world.outbox.length = 0
      await world.inProcess.toAct({ action: "update_session", id: "ses_0", changes: { status: "in_qualification" } })
      const moved = world.to().sessions.find((session) => session.id === "ses_2")
      const sequences = moved?.sequences.map((sequence) => ({ ...sequence, day: "2027-11-02" }))
      await world.inProcess.toAct({ action: "update_session", id: "ses_2", changes: { sequences } })
      for (const webhook of world.outbox) await receive(world, webhook)
      await processPending(world)
      const copy = world.docebo().sessions.find((session) => session.external_id === "ses_2")
      const days = world
        .docebo()
        .events.filter((event) => event.id_session === copy?.id)
        .map((e) => e.day)
      if (!days.includes("2027-11-02")) throw new Error(`ses_2 still on ${days.join(", ")}`)
    } finally {
      world.dispose()
    }
  })
})
