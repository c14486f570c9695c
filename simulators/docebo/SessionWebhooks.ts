import { Hono, type MiddlewareHandler } from "hono"
import type { DoceboSimState } from "./State.ts"
import type { DoceboSession } from "./Types.ts"
import type { DoceboEnv } from "./Wire.ts"

const sessionOf = (sim: DoceboSimState, id: string): DoceboSession | undefined => sim.store.sessions.get(Number(id))

/**
 * `ilt.session.created|updated|deleted` [seen] for the session writes of the API, registered ahead of the routes
 * that make them and raised once a write is applied (a fault may still drop its answer: the webhook follows what
 * was written, not what was answered). A change to a session's events raises `ilt.session.updated`: its dates are
 * the session's [assumed]. The admin's own actions (`/__sim/act`) raise theirs where they are made.
 */
export const sessionWebhooks = (sim: DoceboSimState) => {
  const app = new Hono<DoceboEnv>()

  app.post("/courses/:id/sessions", async (c, next) => {
    await next()
    if (c.res.status !== 200) return
    const answer = (await c.res.clone().json()) as { data?: { id?: unknown } }
    const session = sessionOf(sim, String(answer.data?.id))
    if (session) sim.emitSession("ilt.session.created", session)
  })

  app.put("/sessions/:id", async (c, next) => {
    await next()
    const session = sessionOf(sim, c.req.param("id"))
    if (c.res.status === 200 && session) sim.emitSession("ilt.session.updated", session)
  })

  app.delete("/sessions/:id", async (c, next) => {
    const session = sessionOf(sim, c.req.param("id"))
    await next()
    if (c.res.status === 200 && session && !sim.store.sessions.has(session.id))
      sim.emitSession("ilt.session.deleted", session)
  })

  const eventWritten: MiddlewareHandler<DoceboEnv> = async (c, next) => {
    await next()
    const session = sessionOf(sim, c.req.param("id") ?? "")
    if (c.res.status === 200 && session) sim.emitSession("ilt.session.updated", session)
  }
  app.post("/sessions/:id/events", eventWritten)
  app.put("/sessions/:id/events/:eventId", eventWritten)
  app.delete("/sessions/:id/events/:eventId", eventWritten)

  return app
}
