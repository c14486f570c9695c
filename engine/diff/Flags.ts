import type { ToSnapshot } from "../model/Training.ts"
import { type Op, opId } from "../Plan.ts"

/**
 * When a trainer is removed, the TO sessions they were scheduled on need another trainer: iltsync raises TO's
 * `needs_reconfiguration` flag on them (the one session field besides the stamp that iltsync may write in TO). The
 * flag is only ever raised, never cleared: TO's planner clears it once the session has a new trainer.
 */
export const planReconfigurationFlags = (
  to: ToSnapshot,
  trainerOps: ReadonlyArray<Op>,
  managedTrainers: ReadonlyMap<string, string>,
  courseOf: (toCourseId: string) => string | undefined,
): ReadonlyArray<Op> => {
  const activeAfter = new Map<string, boolean>()
  const deactivation = new Map<string, string>()
  for (const trainer of to.trainers) activeAfter.set(trainer.id, trainer.active)
  for (const op of trainerOps) {
    if (op.system !== "to" || op.status === "blocked" || !op.target) continue
    if (op.action === "deactivate") {
      activeAfter.set(op.target.id, false)
      deactivation.set(op.target.id, op.id)
    } else activeAfter.set(op.target.id, true)
  }
  const removedTrainers = new Set<string>()
  for (const [trainerId, active] of activeAfter)
    if (!active && managedTrainers.has(trainerId)) removedTrainers.add(trainerId)
  // Nearly every plan removes no trainer: then no session needs looking at.
  if (removedTrainers.size === 0) return []

  const ops: Array<Op> = []
  for (const session of to.sessions) {
    if (session.status === "cancelled" || session.needsReconfiguration) continue
    const gone: Array<string> = []
    if (session.trainerId !== null && removedTrainers.has(session.trainerId)) gone.push(session.trainerId)
    for (const slot of session.slots) {
      if (slot.trainerId !== null && removedTrainers.has(slot.trainerId)) gone.push(slot.trainerId)
    }
    if (gone.length === 0) continue
    const trainers = [...new Set(gone)].sort()
    const dependsOn = trainers.flatMap((trainer) => deactivation.get(trainer) ?? []).sort()
    const course = courseOf(session.courseId)
    ops.push({
      id: opId("to", "session", "update", session.id),
      entity: "session",
      action: "update",
      system: "to",
      key: session.id,
      changes: [{ path: "needsReconfiguration", from: false, to: true }],
      reason: `session "${session.name}" is scheduled with removed trainer ${trainers.join(", ")}: it needs another trainer`,
      status: "ready",
      dependsOn,
      target: { id: session.id },
      ...(course !== undefined ? { course } : {}),
    })
  }
  return ops
}
