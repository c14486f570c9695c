/**
 * Records of one resource as the last run left them in the store's mirror, decoded with today's schemas. The
 * operator's lists (providers, trainers) are answered from here without calling either system.
 */
import { Effect, Option, Schema } from "effect"
import type { MirrorSystem } from "../../adapters/store/Mirror.ts"
import { Store } from "../../adapters/store/Store.ts"
import { DoceboUser } from "../../engine/model/Docebo.ts"
import { ToTrainer, ToTrainingProvider } from "../../engine/model/Training.ts"

const mirrored =
  <A, I>(system: MirrorSystem, resource: string, schema: Schema.Schema<A, I>) =>
  () => {
    const decode = Schema.decodeUnknownOption(schema)
    return Effect.flatMap(Store, (store) => store.loadMirrorRecords(system, resource)).pipe(
      // A record stored under an older schema is left out; the next run reads it again.
      Effect.map((records) => records.flatMap((record) => Option.toArray(decode(record.body)))),
    )
  }

export const mirroredProviders = mirrored("to", "trainingProviders", ToTrainingProvider)
export const mirroredTrainers = mirrored("to", "trainers", ToTrainer)
export const mirroredUsers = mirrored("docebo", "users", DoceboUser)
