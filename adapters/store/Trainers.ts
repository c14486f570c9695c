import { Schema } from "effect"
import { DoceboUserId, ProviderRequestId, ToProviderId } from "../../engine/model/Ids.ts"
import { type TrainerAssignment, TrainerEdit } from "../../engine/model/Store.ts"
import { chunk, type Db, inTransaction, lastOfEach, type TrainerAssignmentRow } from "./Database.ts"
import { toJsonText } from "./Json.ts"

const decodePending = Schema.decodeUnknownSync(Schema.parseJson(TrainerEdit))

export const rowToTrainerAssignment = (row: TrainerAssignmentRow): TrainerAssignment => ({
  userId: DoceboUserId.make(row.user_id),
  trainingProviderId: row.training_provider_id === null ? null : ToProviderId.make(row.training_provider_id),
  trainingProviderRequestId:
    row.training_provider_request_id === null ? null : ProviderRequestId.make(row.training_provider_request_id),
  removed: row.removed === 1,
  pending: row.pending === null ? null : decodePending(row.pending),
})

/** Every trainer assignment, by user id. */
export const loadTrainerAssignments = async (db: Db): Promise<ReadonlyArray<TrainerAssignment>> => {
  const rows = await db.selectFrom("trainer_assignments").selectAll().orderBy("user_id").execute()
  return rows.map(rowToTrainerAssignment)
}

/** Creates or replaces assignments, all or none; of two for one user, the last. */
export const upsertTrainerAssignments = async (
  db: Db,
  assignments: ReadonlyArray<TrainerAssignment>,
  at: string,
): Promise<void> => {
  if (assignments.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(lastOfEach(assignments, (a) => a.userId))) {
      await trx
        .insertInto("trainer_assignments")
        .values(
          part.map((a) => ({
            user_id: a.userId,
            training_provider_id: a.trainingProviderId,
            training_provider_request_id: a.trainingProviderRequestId,
            removed: a.removed ? 1 : 0,
            pending: a.pending === null ? null : toJsonText(a.pending),
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.column("user_id").doUpdateSet((eb) => ({
            training_provider_id: eb.ref("excluded.training_provider_id"),
            training_provider_request_id: eb.ref("excluded.training_provider_request_id"),
            removed: eb.ref("excluded.removed"),
            pending: eb.ref("excluded.pending"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute()
    }
  })
}

/** Forgets assignments entirely (the trainer was removed and both systems have caught up). */
export const deleteTrainerAssignments = async (db: Db, userIds: ReadonlyArray<string>): Promise<void> => {
  if (userIds.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(userIds))
      await trx.deleteFrom("trainer_assignments").where("user_id", "in", part).execute()
  })
}

/** Clears the profile edits written to Docebo, leaving the assignment itself as it is. */
export const clearTrainerEdits = async (db: Db, userIds: ReadonlyArray<string>, at: string): Promise<void> => {
  if (userIds.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(userIds)) {
      await trx
        .updateTable("trainer_assignments")
        .set({ pending: null, updated_at: at })
        .where("user_id", "in", part)
        .execute()
    }
  })
}
