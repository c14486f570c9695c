/**
 * Stored credentials that the service's key cannot open would fail every sync, plan and credentials call while
 * `/healthz` said all was well; a key made anew would never open them. The service refuses to start instead, saying
 * why and what to do.
 */
import { Effect, Layer } from "effect"
import { secretKeyMissingReason } from "../../adapters/store/Errors.ts"
import { Store } from "../../adapters/store/Store.ts"
import { ServiceRefused } from "./Settings.ts"

const replaceThem =
  "or replace them: `iltsync credentials set` with every setting of both systems (which makes a new key if none is set)"

export const credentialsReadable = Effect.flatMap(Store, (store) => store.loadCredentials()).pipe(
  Effect.catchTags({
    CredentialsUnreadable: () =>
      new ServiceRefused({
        reason: "the stored credentials cannot be decrypted with this ILTSYNC_SECRET_KEY",
        hint: `set ILTSYNC_SECRET_KEY to the key they were saved under, ${replaceThem}`,
      }),
    SecretKeyMissing: (missing) =>
      new ServiceRefused({
        reason: secretKeyMissingReason(missing),
        hint: `put the key file back, or set ILTSYNC_SECRET_KEY to the key they were saved under, ${replaceThem}`,
      }),
  }),
)

/** Built before the service's work starts, so a refused start has done nothing. */
export const CredentialsReadableLive = Layer.effectDiscard(credentialsReadable)
