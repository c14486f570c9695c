import type { HttpRequest } from "../http/Client.ts"
import type { DoceboCredentials } from "./Config.ts"
import { Routes } from "./Routes.ts"

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

/** `POST /oauth2/token` with the grant form-encoded [doc]. */
export const doceboTokenRequest = (credentials: DoceboCredentials): HttpRequest => ({
  method: "POST",
  ...Routes.token,
  form: grantForm(credentials),
  idempotent: true,
})

export const doceboSecrets = (credentials: DoceboCredentials): ReadonlyArray<string> =>
  credentials.grant === "password" ? [credentials.clientSecret, credentials.password] : [credentials.clientSecret]
