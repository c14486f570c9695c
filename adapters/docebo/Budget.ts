import { Context, Layer } from "effect"
import { makeRequestBudget, type RequestBudget } from "../http/Budget.ts"
import { bucketUnder } from "../http/TokenBucket.ts"

/** Docebo's request budget: one per process, shared by every caller of the Docebo adapter. */
export class DoceboBudget extends Context.Tag("adapters/docebo/DoceboBudget")<DoceboBudget, RequestBudget>() {}

export interface DoceboBudgetSettings {
  /** Docebo allows 1,000 calls per hour per client [doc], token calls included. */
  readonly limitPerHour: number
  /** The share of the limit kept in hand (for other clients' calls, clock drift, a restart's calls). */
  readonly margin: number
  /** How many calls may go back to back; the leaky bucket's size is not documented, so the hourly limit. */
  readonly burst?: number
}

export const defaultDoceboBudget: DoceboBudgetSettings = { limitPerHour: 1000, margin: 0.05 }

const hourMs = 3_600_000

export const DoceboBudgetLive = (settings: Partial<DoceboBudgetSettings> = {}) => {
  const { limitPerHour, margin, burst } = { ...defaultDoceboBudget, ...settings }
  return Layer.scoped(DoceboBudget, makeRequestBudget(bucketUnder(limitPerHour, hourMs, burst ?? limitPerHour, margin)))
}
