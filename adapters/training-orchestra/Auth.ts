import type { HttpRequest } from "../http/Client.ts"
import type { ToSettings } from "./Config.ts"

/** The client-credentials grant, form-encoded, at the configured token URL. */
export const toTokenRequest = (settings: ToSettings): HttpRequest => ({
  method: "POST",
  path: settings.tokenUrl,
  template: new URL(settings.tokenUrl).pathname,
  form: { grant_type: "client_credentials", client_id: settings.clientId, client_secret: settings.clientSecret },
  idempotent: true,
})
