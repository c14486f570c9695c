import type { Context, MiddlewareHandler } from "hono"

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"])

const hostName = (host: string): string => {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1)
  return host.split(":")[0] ?? host
}

/**
 * The `/__sim/` control surface answers loopback callers only: a request whose `Host` header names another host is
 * refused with `refusal()`. In-process requests carry no `Host` header and pass.
 */
export const loopbackOnly =
  (refusal: (c: Context) => Response): MiddlewareHandler =>
  async (c, next) => {
    const host = c.req.header("host")
    if (host !== undefined && !loopbackHosts.has(hostName(host.toLowerCase()))) return refusal(c)
    await next()
  }
