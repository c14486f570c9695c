import { Context, Layer } from "effect"
import { makeRequestBudget, type RequestBudget } from "../http/Budget.ts"
import { bucketUnder } from "../http/TokenBucket.ts"

/** Training Orchestra's request budget: one per process, shared by every caller of the TO adapter. */
export class ToBudget extends Context.Tag("adapters/training-orchestra/ToBudget")<ToBudget, RequestBudget>() {}

export interface ToBudgetSettings {
  /** Training Orchestra allows 10 requests per second per client, 20 back to back (a setting of theirs). */
  readonly perSecond: number
  readonly burst: number
  /** The share of the limit kept in hand. */
  readonly margin: number
}

export const defaultToBudget: ToBudgetSettings = { perSecond: 10, burst: 20, margin: 0.05 }

export const ToBudgetLive = (settings: Partial<ToBudgetSettings> = {}) => {
  const { perSecond, burst, margin } = { ...defaultToBudget, ...settings }
  return Layer.scoped(ToBudget, makeRequestBudget(bucketUnder(perSecond, 1000, burst, margin)))
}
