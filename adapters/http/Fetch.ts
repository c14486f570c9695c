/** The one function an adapter reaches its system with: the global `fetch`, or a simulator's `app.request`. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>

/** Anything that answers requests in-process, such as a Hono app. */
export interface InProcessApp {
  readonly request: (input: string, init?: RequestInit) => Response | Promise<Response>
}

/** A `Fetch` over an in-process app: the adapter runs the same code path as over real HTTP, without a port. */
export const fetchFromApp =
  (app: InProcessApp): Fetch =>
  (input, init) =>
    Promise.resolve(app.request(input, init))
