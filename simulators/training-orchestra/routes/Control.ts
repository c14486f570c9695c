import { optionalLimit } from "../../shared/ControlBodies.ts"
import { controlRoutes } from "../../shared/ControlRoutes.ts"
import { InvalidFields } from "../../shared/Errors.ts"
import type { ToConfig } from "../Config.ts"
import type { ToSimState } from "../State.ts"
import { sendData, type ToEnv } from "../Wire.ts"

const readConfig = (body: Record<string, unknown>): Partial<ToConfig> => {
  const unknown = Object.keys(body).find((key) => key !== "ratePerSecond" && key !== "burst")
  if (unknown) throw InvalidFields.of(unknown, "is not a Training Orchestra simulator setting")
  const config: Partial<ToConfig> = {}
  const ratePerSecond = optionalLimit(body, "ratePerSecond")
  const burst = optionalLimit(body, "burst")
  if (ratePerSecond !== undefined) config.ratePerSecond = ratePerSecond
  if (burst !== undefined) config.burst = burst
  return config
}

/** The simulator's own surface under `/__sim/` (not part of Training Orchestra). */
export const control = (sim: ToSimState) =>
  controlRoutes<ToEnv, ToConfig, ReturnType<typeof sim.snapshot>>(sim, readConfig, sendData)
