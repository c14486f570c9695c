export type { ManualClock } from "../shared/Clock.ts"
export { makeManualClock } from "../shared/Clock.ts"
export type { FaultSettings } from "../shared/Faults.ts"
export type { Delivery, WebhookFetch, WebhookSubscription } from "../shared/Webhooks.ts"
export { signBody } from "../shared/Webhooks.ts"
export type * from "./Answers.ts"
export {
  DOCEBO_TEST_CREDENTIALS,
  DOCEBO_TEST_DOMAIN,
  DOCEBO_TOKEN_TTL_SECONDS,
  type DoceboConfig,
  type DoceboConfigChange,
  type DoceboCredentials,
  type DoceboSimulatorOptions,
  type OptionalEndpoints,
} from "./Config.ts"
export { type DoceboProfile, doceboProfiles, type ProfileSettings, profileSettings } from "./Profile.ts"
export { type DoceboSimulator, makeDoceboSimulator } from "./Simulator.ts"
export { DoceboSimState } from "./State.ts"
export type * from "./Types.ts"
