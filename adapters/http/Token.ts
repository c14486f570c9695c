import { Clock, Duration, Effect, Option, Ref } from "effect"
import type { TokenFailure } from "./Failure.ts"

export interface IssuedToken {
  readonly token: string
  readonly expiresInSeconds: number
}

/** The bearer token of one client: fetched on demand, reused until shortly before it expires. */
export interface Bearer {
  readonly get: Effect.Effect<string, TokenFailure>
  /** Forgets `token` after a 401, unless another caller has already replaced it. */
  readonly invalidate: (token: string) => Effect.Effect<void>
}

interface Held {
  readonly token: string
  readonly expiresAt: number
}

/**
 * Callers that need a token at the same time share one token call. `onIssued` learns every new token, so that error
 * texts can be scrubbed of it.
 */
export const makeBearer = (
  issue: Effect.Effect<IssuedToken, TokenFailure>,
  margin: Duration.DurationInput,
  onIssued: (token: string) => void,
): Effect.Effect<Bearer> =>
  Effect.gen(function* () {
    const held = yield* Ref.make(Option.none<Held>())
    const oneAtATime = yield* Effect.makeSemaphore(1)
    const marginMs = Duration.toMillis(margin)

    const fresh = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const current = yield* Ref.get(held)
      if (Option.isSome(current) && current.value.expiresAt - marginMs > now) return current.value.token
      const next = yield* issue
      onIssued(next.token)
      yield* Ref.set(held, Option.some({ token: next.token, expiresAt: now + next.expiresInSeconds * 1000 }))
      return next.token
    })

    return {
      get: oneAtATime.withPermits(1)(fresh),
      invalidate: (token) =>
        Ref.update(held, (current) =>
          Option.isSome(current) && current.value.token === token ? Option.none() : current,
        ),
    }
  })

/** Replaces every secret in `text` so that no token or password ever reaches an error message or a log. */
export const redact = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets.reduce(
    (scrubbed, secret) => (secret.length >= 4 ? scrubbed.split(secret).join("[redacted]") : scrubbed),
    text,
  )
