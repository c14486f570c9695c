/**
 * The commands of a model history, grouped by who acts so that each group comes up about as often: Docebo's admin,
 * TO's planner, the operator, the network (webhooks), faults, and iltsync's own runs (twice as often as the others,
 * so that a history of forty commands reconciles about ten times).
 */
import fc from "fast-check"
import type { Command } from "./commands/Command.ts"
import {
  AddWebinarAccount,
  CreateCourse,
  CreateNativeSession,
  DeleteCourse,
  Enroll,
  RecodeCourse,
  RenameCourse,
} from "./commands/DoceboAdmin.ts"
import { FailEventReads, FaultsOff, FaultsOn } from "./commands/Faults.ts"
import {
  AddTrainer,
  AssignProvider,
  CreateProvider,
  EditTrainer,
  RemoveTrainer,
  SetProviderActive,
} from "./commands/Operator.ts"
import {
  AddLocationWithRoom,
  CancelSession,
  EditLocation,
  EditProviderSite,
  EditRoom,
  MoveSession,
  RenameProvider,
  ScheduleSession,
  SessionBackToDraft,
  ValidateSession,
} from "./commands/Planner.ts"
import { ApproveHeld, CrashAndRestart, Reconcile } from "./commands/Runs.ts"
import { DeleteSyncedCopy, RenameSyncedCopy } from "./commands/SyncedCopies.ts"
import { DelayWebhook, DeliverAgain, DeliverWebhooks, LoseWebhook, ReorderWebhooks } from "./commands/Webhooks.ts"
import { type KnownBugs, mayFailListings } from "./KnownBugs.ts"

const index = fc.nat({ max: 50 })

const doceboAdmin: fc.Arbitrary<Command> = fc.oneof(
  fc
    .record({ type: fc.constantFrom("classroom", "webinar"), code: fc.boolean() })
    .map(({ type, code }) => new CreateCourse(type as "classroom" | "webinar", code)),
  index.map((course) => new RenameCourse(course)),
  fc.tuple(index, fc.boolean()).map(([course, blank]) => new RecodeCourse(course, blank)),
  index.map((course) => new DeleteCourse(course)),
  fc.tuple(index, fc.integer({ min: 1, max: 5 })).map(([session, learners]) => new Enroll(session, learners)),
  index.map((course) => new CreateNativeSession(course)),
  fc.constantFrom("teams", "webex", "zoom_v3").map((tool) => new AddWebinarAccount(tool as "teams")),
)

const planner: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(index, index, index, index).map(([c, t, r, d]) => new ScheduleSession(c, t, r, d)),
  index.map((session) => new ValidateSession(session)),
  fc.tuple(index, fc.integer({ min: 1, max: 30 })).map(([session, days]) => new MoveSession(session, days)),
  index.map((session) => new SessionBackToDraft(session)),
  index.map((session) => new CancelSession(session)),
  index.map((location) => new EditLocation(location)),
  fc.constant(new AddLocationWithRoom()),
  fc.tuple(index, fc.integer({ min: 4, max: 40 })).map(([room, seats]) => new EditRoom(room, seats)),
  index.map((provider) => new EditProviderSite(provider)),
  index.map((provider) => new RenameProvider(provider)),
)

const operator: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(index, index).map(([learner, provider]) => new AddTrainer(learner, provider)),
  index.map((trainer) => new EditTrainer(trainer)),
  index.map((trainer) => new RemoveTrainer(trainer)),
  fc
    .tuple(fc.array(index, { minLength: 1, maxLength: 3 }), index)
    .map(([trainers, provider]) => new AssignProvider(trainers, provider)),
  fc.constant(new CreateProvider()),
  fc.tuple(index, fc.boolean()).map(([provider, active]) => new SetProviderActive(provider, active)),
)

const network: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 4 }).map((count) => new DeliverWebhooks(count)), weight: 3 },
  { arbitrary: index.map((which) => new DeliverAgain(which)), weight: 1 },
  { arbitrary: fc.constant(new DelayWebhook()), weight: 1 },
  { arbitrary: fc.array(index, { minLength: 2, maxLength: 6 }).map((order) => new ReorderWebhooks(order)), weight: 1 },
  { arbitrary: index.map((which) => new LoseWebhook(which)), weight: 1 },
)

/**
 * Faults on less often than off, so that most histories have clean stretches the model can be checked on. Steering
 * around KnownBugs.partialSessionListingForgotten, Docebo's error rates stay at most 0.1: a read then never runs out
 * of its seven attempts, so no listing ends partial.
 */
export const faults = (bugs: KnownBugs): fc.Arbitrary<Command> => {
  const rates = { docebo: mayFailListings(bugs) ? [0, 0.1, 0.3] : [0, 0.1], to: [0, 0.1, 0.3] }
  const on = (system: "docebo" | "to") =>
    fc
      .record({
        error429Rate: fc.constantFrom(...rates[system]),
        error503Rate: fc.constantFrom(...rates[system]),
        dropAfterCommitRate: fc.constantFrom(0, 0.1, 0.3),
        seed: fc.integer({ min: 1, max: 1000 }),
      })
      .map((settings) => new FaultsOn(system, settings))
  return fc.oneof(
    ...(bugs.partialSessionListingForgotten
      ? [{ arbitrary: fc.constant<Command>(new FailEventReads()), weight: 1 }]
      : []),
    { arbitrary: fc.oneof(on("docebo"), on("to")), weight: 2 },
    { arbitrary: fc.constant(new FaultsOff()), weight: 3 },
  )
}

const runs: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.constant(new Reconcile()), weight: 4 },
  { arbitrary: fc.constant(new ApproveHeld()), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 60 }).map((call) => new CrashAndRestart(call)), weight: 2 },
)

/** A Docebo admin renaming or deleting synced copies, which iltsync puts back from TO. */
const syncedCopyEdits: fc.Arbitrary<Command> = fc.oneof(
  index.map((session) => new RenameSyncedCopy(session)),
  index.map((session) => new DeleteSyncedCopy(session)),
)

/**
 * Histories where Docebo's admin also edits synced copies (`ilt.session.*` webhooks, delivered as Docebo sends them),
 * the planner changes sessions, and iltsync runs, crashing at times. A suite of its own, so that the lifecycle's histories,
 * and the seeds pinned from them, stay as they were.
 */
export const copyEditCommands = (replayPath?: string) =>
  fc.commands([syncedCopyEdits, syncedCopyEdits, doceboAdmin, planner, runs], {
    maxCommands: 30,
    size: "max",
    ...(replayPath === undefined ? {} : { replayPath }),
  })

/** `replayPath` replays a failure fast-check reported, with the `seed` and `path` it printed. */
export const historyCommands = (bugs: KnownBugs, replayPath?: string) =>
  fc.commands([doceboAdmin, planner, operator, network, faults(bugs), runs, runs], {
    maxCommands: 40,
    size: "max",
    ...(replayPath === undefined ? {} : { replayPath }),
  })
