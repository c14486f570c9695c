import { Effect, Schema } from "effect"
import type { Transport } from "../http/Client.ts"
import { decodeQuietly } from "../http/Decode.ts"
import { NotAuthenticated, statusOf } from "../http/Failure.ts"
import type { IssuedToken } from "../http/Token.ts"
import type { DoceboCredentials } from "./Config.ts"
import { Routes } from "./Routes.ts"

/** `{"access_token","expires_in":3600,"token_type":"Bearer",…}` [doc]. */
const TokenAnswer = Schema.Struct({ access_token: Schema.String, expires_in: Schema.Number })
const decodeTokenAnswer = decodeQuietly(Schema.decodeUnknown(TokenAnswer))

const grantForm = (credentials: DoceboCredentials): Record<string, string> =>
  credentials.grant === "password"
    ? {
        grant_type: "password",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
        scope: "api",
      }
    : {
        grant_type: "client_credentials",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope: "api",
      }

/** `POST /oauth2/token`, form-encoded [doc]. Its failures never carry the answer's text, which may hold a token. */
export const issueDoceboToken = (client: Transport, credentials: DoceboCredentials) =>
  client.sendAnonymous({ method: "POST", ...Routes.token, form: grantForm(credentials), idempotent: true }).pipe(
    Effect.mapError(
      (failure) => new NotAuthenticated({ status: statusOf(failure), reason: `token call failed: ${failure.reason}` }),
    ),
    Effect.flatMap((answer) => decodeTokenAnswer(answer.text)),
    Effect.map((answer): IssuedToken => ({ token: answer.access_token, expiresInSeconds: answer.expires_in })),
    Effect.catchIf(
      (error): error is string => typeof error === "string",
      (reason) => Effect.fail(new NotAuthenticated({ reason: `token answer malformed: ${reason}` })),
    ),
  )

export const doceboSecrets = (credentials: DoceboCredentials): ReadonlyArray<string> =>
  credentials.grant === "password" ? [credentials.clientSecret, credentials.password] : [credentials.clientSecret]
