import { Effect, Schema } from "effect"
import type { HttpRequest, Transport } from "./Client.ts"
import { decodeQuietly } from "./Decode.ts"
import { NotAuthenticated, statusOf, type TokenFailure } from "./Failure.ts"
import type { IssuedToken } from "./Token.ts"

/** The OAuth2 token answer both systems give: `{"access_token","token_type":"Bearer","expires_in":N,…}`. */
const TokenAnswer = Schema.Struct({ access_token: Schema.String, expires_in: Schema.Number })
const decodeTokenAnswer = decodeQuietly(Schema.decodeUnknown(TokenAnswer))

/**
 * A token call (`request` carries the grant), retried by the policy. Its failures never carry the answer's text,
 * which may hold a token. A refused connection stays what it is: the system cannot be reached, whatever the grant.
 */
export const issueToken = (transport: Transport, request: HttpRequest): Effect.Effect<IssuedToken, TokenFailure> =>
  transport.sendAnonymous(request).pipe(
    Effect.mapError((failure) =>
      failure._tag === "ConnectionRefused"
        ? failure
        : new NotAuthenticated({ status: statusOf(failure), reason: `token call failed: ${failure.reason}` }),
    ),
    Effect.flatMap((answer) =>
      decodeTokenAnswer(answer.text).pipe(
        Effect.mapError((reason) => new NotAuthenticated({ reason: `token answer malformed: ${reason}` })),
      ),
    ),
    Effect.map((answer) => ({ token: answer.access_token, expiresInSeconds: answer.expires_in })),
  )
