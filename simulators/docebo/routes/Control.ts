import { optionalLimit } from "../../shared/ControlBodies.ts"
import { controlRoutes } from "../../shared/ControlRoutes.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import type { DoceboConfig } from "../Config.ts"
import type { DoceboSimState } from "../State.ts"
import { type DoceboEnv, sendData } from "../Wire.ts"

const readConfig = (body: Record<string, unknown>): Partial<DoceboConfig> => {
  const known = ["rateLimitPerHour", "rateLimitBurst", "domain", "isMainDomain"]
  const unknown = Object.keys(body).find((key) => !known.includes(key))
  if (unknown) throw InvalidFields.of(unknown, "is not a Docebo simulator setting")
  const config: Partial<DoceboConfig> = {}
  const perHour = optionalLimit(body, "rateLimitPerHour")
  const burst = optionalLimit(body, "rateLimitBurst")
  if (perHour !== undefined) config.rateLimitPerHour = perHour
  if (burst !== undefined) config.rateLimitBurst = burst
  if (body.domain !== undefined) {
    if (typeof body.domain !== "string" || body.domain === "") throw InvalidFields.of("domain", "must be a host name")
    config.domain = body.domain
  }
  if (body.isMainDomain !== undefined) {
    if (typeof body.isMainDomain !== "boolean") throw InvalidFields.of("isMainDomain", "must be true or false")
    config.isMainDomain = body.isMainDomain
  }
  return config
}

/** The simulator's own surface under `/__sim/` (not part of Docebo). */
export const control = (sim: DoceboSimState) =>
  controlRoutes<DoceboEnv, DoceboConfig, ReturnType<typeof sim.snapshot>>(sim, readConfig, sendData)
