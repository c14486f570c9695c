export type { ManualClock } from "../shared/Clock.ts"
export { makeManualClock } from "../shared/Clock.ts"
export type { FaultSettings } from "../shared/Faults.ts"
export type { Delivery, WebhookFetch, WebhookSubscription } from "../shared/Webhooks.ts"
export { signBody } from "../shared/Webhooks.ts"
export {
  TO_IDEMPOTENCY_TTL_MS,
  TO_TEST_CREDENTIALS,
  TO_TOKEN_TTL_SECONDS,
  type ToConfig,
  type ToCredentials,
  type ToSimulatorOptions,
} from "./Config.ts"
export { makeToSimulator, type ToSimulator } from "./Simulator.ts"
export { ToSimState } from "./State.ts"
export type * from "./Types.ts"
