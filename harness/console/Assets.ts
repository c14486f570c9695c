/**
 * The console's one stylesheet and one script, read once from beside this file and served with a long cache life
 * keyed by their content (no asset comes from outside the service).
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import type { Context } from "hono"

const load = (name: string, type: string) => {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8")
  return { body, type, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` }
}

const assets = new Map([
  ["console.css", load("console.css", "text/css; charset=utf-8")],
  ["console.js", load("console.js", "text/javascript; charset=utf-8")],
])

export const consoleAsset = (c: Context, name: string) => {
  const asset = assets.get(name)
  if (asset === undefined) return c.text("no such asset", 404)
  if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304)
  return c.body(asset.body, 200, { "content-type": asset.type, etag: asset.etag, "cache-control": "no-cache" })
}
