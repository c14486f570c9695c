/**
 * What every command of the model runs shares: the fast-check command shape, the pick of a target among what exists
 * when the command runs, and running a sync with the laws checked around it.
 */

import type * as fc from "fast-check"
import type { ReconcileOptions } from "../../../engine/Reconcile.ts"
import { stampOfCode } from "../../../engine/Stamps.ts"
import { checkExpectations } from "../Expectations.ts"
import {
  checkFixpoint,
  checkNoDataLoss,
  checkNoDeletionFromPartialData,
  checkNoDuplicates,
  checkOwnership,
  LawBroken,
  type Sides,
} from "../Laws.ts"
import type { Model } from "../Model.ts"
import { periodic, type RunEnd, type World } from "../World.ts"

export abstract class Command implements fc.AsyncCommand<Model, World> {
  abstract run(model: Model, world: World): Promise<void>
  abstract toString(): string
  check(_model: Readonly<Model>): boolean {
    return true
  }
}

/** The `index`-th of a list (modulo its length), or undefined when the list is empty. */
export const pick = <T>(list: ReadonlyArray<T>, index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length]

export const sidesOf = (world: World): Sides => ({ docebo: world.docebo(), to: world.to() })

/** The laws every run keeps, checked from the systems before and after it and from its report. */
export const checkRun = (before: Sides, after: Sides, ends: ReadonlyArray<RunEnd>, approved = false) => {
  checkNoDuplicates(after, before)
  checkNoDataLoss(before, after, approved)
  for (const end of ends) {
    if (end.kind !== "done") continue
    checkOwnership(end.report)
    checkNoDeletionFromPartialData(end.report)
  }
}

/**
 * The enrollment guard read on the model: a copy that learners enrolled on (even while the run was under way) is
 * never deleted by a run unless the operator approved. Copies of a course the admin deleted went with it.
 */
export const checkEnrolledCopiesKept = (model: Model, world: World, approved: boolean) => {
  if (approved) return
  const copies = new Set(world.docebo().sessions.map((session) => stampOfCode(session.code)))
  const lost = [...model.enrolled].filter(([session, enrolled]) => enrolled > 0 && !copies.has(session))
  if (lost.length > 0)
    throw new LawBroken(
      "guard: enrollments held until approved",
      `copies of ${lost.map(([s]) => s).join(", ")} deleted`,
    )
}

/** Enrollments go with their Docebo copy: once a copy is gone (lawfully, as checked), the model forgets them. */
export const forgetGoneCopies = (model: Model, world: World) => {
  const copies = new Set(world.docebo().sessions.map((session) => stampOfCode(session.code)))
  for (const session of model.enrolled.keys()) if (!copies.has(session)) model.enrolled.set(session, 0)
}

/** Any run of iltsync: the laws around it, and the model's bookkeeping after it. */
export const syncAndCheck = async (
  model: Model,
  world: World,
  options: Partial<ReconcileOptions>,
  crashAt?: number,
): Promise<RunEnd> => {
  const before = sidesOf(world)
  const end = await world.reconcile(options, crashAt)
  checkRun(before, sidesOf(world), [end], options.approveHeld === true)
  checkEnrolledCopiesKept(model, world, options.approveHeld === true)
  forgetGoneCopies(model, world)
  return end
}

/**
 * A periodic full reconcile, and when it ran clean (no fault on, not cut off): a fresh plan has nothing ready
 * (law 1) and both systems hold what the model says.
 */
export const reconcileAndCheck = async (model: Model, world: World, extra: Partial<ReconcileOptions> = {}) => {
  const end = await syncAndCheck(model, world, { ...periodic, ...extra })
  if (model.faulty) return
  if (end.kind !== "done") throw new LawBroken("a clean run ends", end.kind === "failed" ? end.reason : "it crashed")
  await checkInStep(model, world)
}

/** Both systems in step: a fresh full plan has nothing ready, and they hold what the model says. */
export const checkInStep = async (model: Model, world: World) => {
  const fresh = await world.reconcile({ ...periodic, dryRun: true })
  if (fresh.kind !== "done") throw new LawBroken("a clean dry run ends", fresh.kind)
  checkFixpoint(fresh.report)
  checkExpectations(model, sidesOf(world))
  for (const session of world.to().sessions) model.settled.set(session.id, session.status)
}
