/**
 * Where each tenant's store lives and the key that seals its credentials. A tenant's store is a whole store of its
 * own (links, journal, inbox, statuses, event log, credentials), so no query of one tenant can reach another's rows:
 * on PostgreSQL a schema of the main database (`iltsync_tenant_<name>`), on SQLite a file in the folder beside the
 * main file (`<main>.tenants/<name>.db`). The default tenant is the main store itself, as before tenants existed.
 */
import { hkdfSync } from "node:crypto"
import { basename, dirname, join, resolve } from "node:path"
import { Redacted } from "effect"
import { isPostgresUrl } from "./Postgres.ts"
import { keyLength, type SecretKey } from "./SecretKey.ts"

/** The tenant every command and route means when none is named: the main store. */
export const defaultTenant = "default"

/**
 * Lowercase letters, digits and inner dashes, starting with a letter: safe in a URL, a schema name and a file name.
 * At most 30, so that a schema name made of it stays within PostgreSQL's 63 characters.
 */
const tenantNamePattern = /^[a-z](?:[a-z0-9-]{0,28}[a-z0-9])?$/

/** Why `name` cannot name a tenant; null when it can. */
export const tenantNameRefusal = (name: string): string | null => {
  if (!tenantNamePattern.test(name))
    return `"${name}" is not a tenant name: use 1 to 30 lowercase letters, digits and dashes, starting with a letter and not ending with a dash`
  return null
}

/** The schema a PostgreSQL URL names through its `options` (`-c search_path=NAME`); null when it names none. */
const searchPathOf = (url: URL): string | null =>
  /(?:^|\s)(?:-c\s*|--)search_path=([A-Za-z_][\w$]*)/.exec(url.searchParams.get("options") ?? "")?.[1] ?? null

/**
 * The PostgreSQL schema of a tenant's store: `iltsync_tenant_<name>` beside a main store in the default schema, or
 * `<main schema>_t_<name>` beside one in a schema of its own, so that two deployments sharing a database never share
 * a tenant's schema. (A name is letters, digits and dashes; a schema takes underscores.)
 */
export const tenantSchema = (main: string, name: string) => {
  const base = searchPathOf(new URL(main))
  const suffix = name.replaceAll("-", "_")
  return base === null ? `iltsync_tenant_${suffix}` : `${base}_t_${suffix}`
}

/** The schema of the job queue the workers of a PostgreSQL main store share: beside the main store's, as its tenants. */
export const queueSchema = (main: string) => {
  const base = searchPathOf(new URL(main))
  return base === null ? "iltsync_queue" : `${base}_queue`
}

/** PostgreSQL cuts longer names short, which could make two tenants' schemas one. */
export const maxSchemaLength = 63

/**
 * The store of tenant `name`, given the main store's location. On PostgreSQL the main URL's own `options` are kept
 * and the search path set after them (PostgreSQL takes the last `-c` of a name).
 */
export const tenantLocation = (main: string, name: string): string => {
  if (name === defaultTenant) return main
  if (isPostgresUrl(main)) {
    const url = new URL(main)
    const options = url.searchParams.get("options")
    const searchPath = `-c search_path=${tenantSchema(main, name)}`
    url.searchParams.set("options", options === null || options.trim() === "" ? searchPath : `${options} ${searchPath}`)
    return url.toString()
  }
  // Each in-memory database is its own: a tenant of an in-memory store is one too.
  if (main === ":memory:") return main
  const file = resolve(main)
  return join(dirname(file), `${basename(file)}.tenants`, `${name}.db`)
}

/**
 * A tenant's own key, derived from the main key (HKDF-SHA256, the tenant's name as its context): its credentials
 * open under no other tenant's key, and only the main key has to be kept safe.
 */
export const tenantKey = (main: SecretKey, name: string): SecretKey =>
  Redacted.make(Buffer.from(hkdfSync("sha256", Redacted.value(main), "iltsync", `tenant:${name}`, keyLength)))
