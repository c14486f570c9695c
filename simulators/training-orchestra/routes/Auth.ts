import { Hono } from "hono"
import { readFormLike } from "../../shared/Body.ts"
import { TO_TOKEN_TTL_SECONDS } from "../Config.ts"
import type { ToSimState } from "../State.ts"
import { problem, sendJson, type ToEnv } from "../Wire.ts"

/** `POST /oauth/token`: the client-credentials grant, body as form or JSON. */
export const auth = (sim: ToSimState) => {
  const app = new Hono<ToEnv>()
  app.post("/token", async (c) => {
    const form = await readFormLike(c.req.raw)
    if (form.grant_type !== "client_credentials") {
      return problem(c, 400, "unsupported_grant_type: only client_credentials is supported", {}, [
        { field: "grant_type", message: "must be client_credentials" },
      ])
    }
    if (form.client_id !== sim.credentials.clientId || form.client_secret !== sim.credentials.clientSecret) {
      return problem(c, 401, "invalid_client: the client credentials are invalid")
    }
    const issued = sim.tokens.issue(sim.credentials.clientId, TO_TOKEN_TTL_SECONDS, sim.clock.now())
    return sendJson(c, { access_token: issued.token, token_type: "Bearer", expires_in: TO_TOKEN_TTL_SECONDS })
  })
  return app
}
