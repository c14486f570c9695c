import { Context, Effect, Layer } from "effect"
import { makeRequestBudget, type RequestBudget } from "../http/Budget.ts"
import { bucketUnder } from "../http/TokenBucket.ts"
import { RequestLedgers } from "../http/Window.ts"

/** Docebo's request budget: one per process, shared by every caller of the Docebo adapter. */
export class DoceboBudget extends Context.Tag("adapters/docebo/DoceboBudget")<DoceboBudget, RequestBudget>() {}

export interface DoceboBudgetSettings {
  /** Docebo allows 1,000 calls per hour per client [doc], token calls included. */
  readonly limitPerHour: number
  /** The share of the limit kept in hand (for other clients' calls, clock drift). */
  readonly margin: number
  /** The share of what is left that only interactive work (webhooks, operators) may use in any hour. */
  readonly interactiveShare: number
  /** How many calls may go back to back; the leaky bucket's size is not documented, so the hourly limit. */
  readonly burst?: number
}

export const defaultDoceboBudget: DoceboBudgetSettings = { limitPerHour: 1000, margin: 0.05, interactiveShare: 0.05 }

const hourMs = 3_600_000
/** At 1,000 calls an hour, 5 s of another process's calls unseen is a call or two: well inside the margin. */
const ledgerResyncMs = 5_000

/**
 * Docebo counts calls per hour: every rolling hour stays under the limit less the margin, counted in the ledger so
 * that a restart (or the next CLI command) starts from what was already spent.
 */
export const DoceboBudgetLive = (settings: Partial<DoceboBudgetSettings> = {}) => {
  const { limitPerHour, margin, interactiveShare, burst } = { ...defaultDoceboBudget, ...settings }
  const limit = Math.max(1, Math.floor(limitPerHour * (1 - margin)))
  return Layer.scoped(
    DoceboBudget,
    Effect.flatMap(RequestLedgers, (ledgers) =>
      makeRequestBudget(bucketUnder(limitPerHour, hourMs, burst ?? limitPerHour, margin), {
        limit,
        windowMs: hourMs,
        interactiveReserve: Math.floor(limit * interactiveShare),
        ledger: ledgers.of("docebo"),
        // A tenant's hour is spent by every process working it (workers in turn, its API process): read again often.
        resyncMs: ledgerResyncMs,
      }),
    ),
  )
}
