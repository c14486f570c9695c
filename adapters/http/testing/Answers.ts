import type { Fetch } from "../Fetch.ts"

/** Answers the requests `matches` picks with `respond`, and lets every other request through to `fetch`. */
export const answerWith =
  (matches: (url: URL, init: RequestInit) => boolean, respond: (url: URL, init: RequestInit) => Response) =>
  (fetch: Fetch): Fetch =>
  (input, init) => {
    const url = new URL(input)
    return matches(url, init) ? Promise.resolve(respond(url, init)) : fetch(input, init)
  }

export const jsonAnswer = (body: unknown, status = 200) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  })

export const htmlPage = (status: number) =>
  new Response("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", {
    status,
    headers: { "content-type": "text/html" },
  })

/** The bearer token a request carried, if any. */
export const bearerOf = (init: RequestInit): string | undefined =>
  new Headers(init.headers).get("authorization")?.replace(/^Bearer /, "")
