import { type ServerType, serve } from "@hono/node-server"

export interface Listening {
  /** `http://127.0.0.1:PORT`, with the port actually bound (port 0 asks the system for a free one). */
  readonly url: string
  readonly close: () => Promise<void>
}

type FetchHandler = (request: Request) => Response | Promise<Response>

/** How long open requests get to finish once a server is asked to close. */
const closeGraceMs = 2_000

const closeServer = (server: ServerType): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve())
    // Clients keep connections alive between calls; those would hold `close` open for as long as they idle.
    if ("closeIdleConnections" in server) {
      server.closeIdleConnections()
      const force = setTimeout(() => server.closeAllConnections(), closeGraceMs)
      force.unref()
    }
  })

/** Serves `fetch` on the loopback interface; resolves once it listens, rejects if the port cannot be bound. */
export const listen = (fetch: FetchHandler, port: number): Promise<Listening> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: "127.0.0.1" }, (info) => {
      server.off("error", reject)
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => closeServer(server) })
    })
    server.once("error", reject)
  })
