import { randomBytes } from "node:crypto"
import { Hono } from "hono"
import { readFormLike } from "../../shared/Body.ts"
import { DOCEBO_TOKEN_TTL_SECONDS } from "../Config.ts"
import type { DoceboSimState } from "../State.ts"
import { type DoceboEnv, refuse, sendJson } from "../Wire.ts"

/** `POST /oauth2/token`: password, client_credentials and refresh_token grants [doc]. */
export const auth = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()
  const refreshTokens = new Map<string, string>()

  app.post("/token", async (c) => {
    const form = await readFormLike(c.req.raw)
    const { clientId, clientSecret, username, password } = sim.credentials
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      return refuse(c, 401, "invalid_client: the client credentials are invalid")
    }
    switch (form.grant_type) {
      case "password":
        if (form.username !== username || form.password !== password) {
          return refuse(c, 400, "invalid_grant: invalid username and password combination")
        }
        break
      case "client_credentials":
        break
      case "refresh_token": {
        const refreshToken = typeof form.refresh_token === "string" ? form.refresh_token : ""
        if (refreshTokens.get(refreshToken) !== clientId) {
          return refuse(c, 400, "invalid_grant: the refresh token is invalid")
        }
        refreshTokens.delete(refreshToken)
        break
      }
      default:
        return refuse(c, 400, "unsupported_grant_type: grant_type must be password or client_credentials")
    }
    const issued = sim.tokens.issue(clientId, DOCEBO_TOKEN_TTL_SECONDS, sim.clock.now())
    const refreshToken = randomBytes(20).toString("hex")
    refreshTokens.set(refreshToken, clientId)
    return sendJson(c, {
      access_token: issued.token,
      expires_in: DOCEBO_TOKEN_TTL_SECONDS,
      token_type: "Bearer",
      scope: "api",
      refresh_token: refreshToken,
    })
  })

  return app
}
