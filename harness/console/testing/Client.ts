/**
 * A browser's side of the console without a browser: cookies kept between requests, forms posted as a browser
 * posts them (with the page's CSRF token, from the page's own origin), redirects left for the test to see.
 */
import type { Service } from "../../service/Service.ts"

export interface Page {
  readonly status: number
  readonly location: string | null
  readonly headers: Headers
  readonly html: string
}

const cookiePairs = (headers: Headers) =>
  headers.getSetCookie().map((line) => {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim())
    const at = pair.indexOf("=")
    const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute))
    return { name: pair.slice(0, at), value: pair.slice(at + 1), line, expired }
  })

/** The `value` of the first hidden `_csrf` field of a page. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ""

export const makeConsoleClient = (
  service: { readonly app: Pick<Service["app"], "request"> },
  origin = "http://iltsync.test",
) => {
  const jar = new Map<string, string>()
  /** Every `Set-Cookie` line the service sent, for the tests of its attributes. */
  const setCookies: string[] = []
  const request = async (
    method: string,
    path: string,
    init: { form?: Record<string, string | ReadonlyArray<string>>; headers?: Record<string, string> } = {},
  ): Promise<Page> => {
    const headers: Record<string, string> = { ...init.headers }
    if (jar.size > 0) headers.cookie = [...jar.entries()].map(([name, value]) => `${name}=${value}`).join("; ")
    let body: string | undefined
    if (init.form !== undefined) {
      const form = new URLSearchParams()
      for (const [name, value] of Object.entries(init.form)) {
        for (const each of typeof value === "string" ? [value] : value) form.append(name, each)
      }
      body = form.toString()
      headers["content-type"] = "application/x-www-form-urlencoded"
      headers.origin ??= origin
    }
    const response = await service.app.request(`${origin}${path}`, { method, headers, ...(body ? { body } : {}) })
    for (const cookie of cookiePairs(response.headers)) {
      setCookies.push(cookie.line)
      if (cookie.expired) jar.delete(cookie.name)
      else jar.set(cookie.name, cookie.value)
    }
    return {
      status: response.status,
      location: response.headers.get("location"),
      headers: response.headers,
      html: await response.text(),
    }
  }
  const get = (path: string, headers?: Record<string, string>) => request("GET", path, headers ? { headers } : {})
  /** Posts a form with the CSRF token of the page it is on, as the page's own form would. */
  const post = (path: string, on: Page, form: Record<string, string | ReadonlyArray<string>> = {}) =>
    request("POST", path, { form: { _csrf: csrfOf(on.html), ...form } })
  const signIn = async (token: string) => {
    const form = await get("/console/sign-in")
    return post("/console/sign-in", form, { token, next: "/console/courses" })
  }
  return { request, get, post, signIn, jar, setCookies }
}
