import { isPlainObject } from "../../shared/Body.ts"
import { optionalLimit } from "../../shared/ControlBodies.ts"
import { controlRoutes } from "../../shared/ControlRoutes.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import type { DoceboConfig, DoceboConfigChange, OptionalEndpoints } from "../Config.ts"
import type { DoceboSimState } from "../State.ts"
import { type DoceboEnv, sendData } from "../Wire.ts"

const flag = (body: Record<string, unknown>, field: string, path = field): boolean | undefined => {
  const value = body[field]
  if (value !== undefined && typeof value !== "boolean") throw InvalidFields.of(path, "must be true or false")
  return value
}

/** `endpoints`: the optional endpoints named are switched on or off; the others stay as they are. */
const readEndpoints = (value: unknown): Partial<OptionalEndpoints> => {
  if (!isPlainObject(value)) throw InvalidFields.of("endpoints", "must be an object")
  const names: ReadonlyArray<keyof OptionalEndpoints> = ["webinarAccounts", "domain", "sessions"]
  const unknown = Object.keys(value).find((key) => !(names as ReadonlyArray<string>).includes(key))
  if (unknown) throw InvalidFields.of(`endpoints.${unknown}`, "is not a Docebo endpoint that can be switched off")
  const endpoints: Partial<OptionalEndpoints> = {}
  for (const name of names) {
    const on = flag(value, name, `endpoints.${name}`)
    if (on !== undefined) endpoints[name] = on
  }
  return endpoints
}

const readConfig = (body: Record<string, unknown>): DoceboConfigChange => {
  const known = ["rateLimitPerHour", "rateLimitBurst", "domain", "isMainDomain", "retryAfter", "endpoints"]
  const unknown = Object.keys(body).find((key) => !known.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a Docebo simulator setting")
  const config: { -readonly [K in keyof DoceboConfigChange]: DoceboConfigChange[K] } = {}
  const perHour = optionalLimit(body, "rateLimitPerHour")
  const burst = optionalLimit(body, "rateLimitBurst")
  if (perHour !== undefined) config.rateLimitPerHour = perHour
  if (burst !== undefined) config.rateLimitBurst = burst
  if (body.domain !== undefined) {
    if (typeof body.domain !== "string" || body.domain === "") throw InvalidFields.of("domain", "must be a host name")
    config.domain = body.domain
  }
  const isMainDomain = flag(body, "isMainDomain")
  if (isMainDomain !== undefined) config.isMainDomain = isMainDomain
  const retryAfter = flag(body, "retryAfter")
  if (retryAfter !== undefined) config.retryAfter = retryAfter
  if (body.endpoints !== undefined) config.endpoints = readEndpoints(body.endpoints)
  return config
}

/** The simulator's own surface under `/__sim/` (not part of Docebo). */
export const control = (sim: DoceboSimState) =>
  controlRoutes<DoceboEnv, DoceboConfig, ReturnType<typeof sim.snapshot>, DoceboConfigChange>(sim, readConfig, sendData)
