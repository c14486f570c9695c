export type { RequestBudget } from "./Budget.ts"
export { CallAccounting, CallAccountingLive, type CallCount, type CallOutcome, type CallRecord } from "./Calls.ts"
export { type Fetch, fetchFromApp, type InProcessApp } from "./Fetch.ts"
export { defaultRetrySettings, type RetrySettings } from "./Policy.ts"
