import { ProviderRequestId, ToProviderId } from "../../engine/model/Ids.ts"
import type { ProviderRequest } from "../../engine/model/Store.ts"
import { chunk, type Db, inTransaction, type ProviderRequestRow } from "./Database.ts"

export type NewProviderRequest =
  | { readonly kind: "create"; readonly name: string }
  | { readonly kind: "setActive"; readonly providerId: ToProviderId; readonly active: boolean }

export const rowToProviderRequest = (row: ProviderRequestRow): ProviderRequest => {
  const id = ProviderRequestId.make(row.id)
  if (row.kind === "create") return { id, kind: "create", name: row.name ?? "" }
  return { id, kind: "setActive", providerId: ToProviderId.make(row.provider_id ?? ""), active: row.active === 1 }
}

/**
 * Ids are `req_` and a zero-padded counter: they sort as text in the order the requests were made, which is how the
 * planner decides between two requests for one provider.
 */
const formatRequestId = (n: number) => `req_${String(n).padStart(12, "0")}`

/** Stores an operator's request to create or (de)activate a training provider and returns it with its new id. */
export const addProviderRequest = async (db: Db, request: NewProviderRequest, at: string): Promise<ProviderRequest> =>
  inTransaction(db, async (trx) => {
    await trx
      .insertInto("sequences")
      .values({ name: "provider_request", value: 1 })
      .onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({ value: eb("sequences.value", "+", 1) })))
      .execute()
    const { value } = await trx
      .selectFrom("sequences")
      .select("value")
      .where("name", "=", "provider_request")
      .executeTakeFirstOrThrow()
    const row: ProviderRequestRow = {
      id: formatRequestId(value),
      kind: request.kind,
      name: request.kind === "create" ? request.name : null,
      provider_id: request.kind === "setActive" ? request.providerId : null,
      active: request.kind === "setActive" ? (request.active ? 1 : 0) : null,
      created_at: at,
    }
    await trx.insertInto("provider_requests").values(row).execute()
    return rowToProviderRequest(row)
  })

/** Open requests, oldest first. */
export const loadProviderRequests = async (db: Db): Promise<ReadonlyArray<ProviderRequest>> => {
  const rows = await db.selectFrom("provider_requests").selectAll().orderBy("id").execute()
  return rows.map(rowToProviderRequest)
}

/** Drops requests that are no longer wanted; a request some trainer still waits on is refused by the foreign key. */
export const deleteProviderRequests = async (db: Db, ids: ReadonlyArray<string>): Promise<void> => {
  if (ids.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(ids)) await trx.deleteFrom("provider_requests").where("id", "in", part).execute()
  })
}

/**
 * Closes requests TO has carried out. For a create, `providerId` is the provider that now exists: trainers waiting
 * on the request are assigned to it in the same transaction, so no trainer is left pointing at a closed request.
 */
export const completeProviderRequests = async (
  db: Db,
  ids: ReadonlyArray<string>,
  providerId: ToProviderId | null,
  at: string,
): Promise<void> => {
  if (ids.length === 0) return
  await inTransaction(db, async (trx) => {
    for (const part of chunk(ids)) {
      await trx
        .updateTable("trainer_assignments")
        .set({ training_provider_id: providerId, training_provider_request_id: null, updated_at: at })
        .where("training_provider_request_id", "in", part)
        .execute()
      await trx.deleteFrom("provider_requests").where("id", "in", part).execute()
    }
  })
}

/** Closes the (de)activation requests of a provider once TO has the state they asked for. */
export const dropActivationRequests = async (db: Db, providerId: string): Promise<void> => {
  await db
    .deleteFrom("provider_requests")
    .where("kind", "=", "setActive")
    .where("provider_id", "=", providerId)
    .execute()
}
