/**
 * A limit counted over a rolling window (Docebo: 1,000 calls an hour [doc]): no window of that length may hold more
 * calls than the limit. A token bucket alone lets up to twice its size through in one window (a full bucket, then
 * its refill), and starts full after a restart; the window counts what was really sent, kept in a ledger that the
 * next process reads.
 */
import { Context, Effect, Layer } from "effect"
import type { RequestPriority } from "../../engine/Ports.ts"

/** Where the calls sent are kept: the store in the service and the CLI, memory in tests. */
export interface SpendLedger {
  /** When the calls sent since `sinceMs` went out (epoch ms), this process's and those of the processes before it. */
  readonly spentSince: (sinceMs: number) => Effect.Effect<ReadonlyArray<number>>
  /** Records a call going out at `atMs`, before it goes; what is older than `windowMs` may be forgotten. */
  readonly record: (atMs: number, windowMs: number) => Effect.Effect<void>
}

/** The ledger of each system's calls. */
export class RequestLedgers extends Context.Tag("adapters/http/RequestLedgers")<
  RequestLedgers,
  { readonly of: (system: "docebo" | "to") => SpendLedger }
>() {}

export interface WindowSettings {
  /** Calls allowed in any window (the margin already taken off). */
  readonly limit: number
  readonly windowMs: number
  /**
   * Calls of each window only interactive callers may use: a long background sync that fills the window would
   * otherwise leave a webhook's run waiting until its first calls age out of the window, up to the whole window.
   */
  readonly interactiveReserve: number
  readonly ledger: SpendLedger
  /**
   * How often the ledger is read again (ms), and after every 20 calls of this process's: other processes spend the same limit (a tenant's runs move between
   * workers, its API process checks credentials), and what they recorded counts here from the next read.
   */
  readonly resyncMs?: number
}

/** The send times inside the current window, oldest first. */
export type SpendWindow = ReadonlyArray<number>

/** The calls of `spent` still inside the window at `now`. */
export const inWindow = (settings: WindowSettings, spent: SpendWindow, now: number): SpendWindow => {
  const from = now - settings.windowMs
  const first = spent.findIndex((at) => at > from)
  return first < 0 ? [] : first === 0 ? spent : spent.slice(first)
}

/** The window at `now`, from what the ledger holds. */
export const windowOf = (settings: WindowSettings, now: number): Effect.Effect<SpendWindow> =>
  Effect.map(settings.ledger.spentSince(now - settings.windowMs), (times) =>
    inWindow(
      settings,
      [...times].sort((a, b) => a - b),
      now,
    ),
  )

/** The calls a window allows callers of this priority: background ones leave the interactive reserve alone. */
const limitFor = (settings: WindowSettings, priority: RequestPriority) =>
  priority === "interactive" ? settings.limit : Math.max(1, settings.limit - settings.interactiveReserve)

/** Milliseconds until a caller of this priority may send; 0 when it may now. */
export const windowWaitMs = (
  settings: WindowSettings,
  spent: SpendWindow,
  now: number,
  priority: RequestPriority,
): number => {
  const live = inWindow(settings, spent, now)
  const limit = limitFor(settings, priority)
  if (live.length < limit) return 0
  // The call that must age out of the window before one more fits.
  const blocking = live[live.length - limit] ?? now
  return Math.max(1, blocking + settings.windowMs - now)
}

/**
 * Milliseconds from `now` until the last of `calls` more calls of this priority may go out, each as soon as the
 * window lets it: the calls beyond what the window has left wait for earlier ones (these too) to age out of it.
 */
export const windowFinishMs = (
  settings: WindowSettings,
  spent: SpendWindow,
  now: number,
  calls: number,
  priority: RequestPriority,
): number => {
  const limit = limitFor(settings, priority)
  const times = [...inWindow(settings, spent, now)]
  let last = now
  for (let call = 0; call < calls; call++) {
    const blocking = times.length >= limit ? times[times.length - limit] : undefined
    last = blocking === undefined ? now : Math.max(now, blocking + settings.windowMs)
    times.push(last)
  }
  return last - now
}

/** The window once a call went out at `now`. */
export const windowAfterCall = (settings: WindowSettings, spent: SpendWindow, now: number): SpendWindow => [
  ...inWindow(settings, spent, now),
  now,
]

/**
 * The window once the ledger was read again at `now`: every call it holds, and this process's calls since the last
 * read that it does not hold yet (recorded just after they were granted). A call is recognised by its time.
 */
export const resyncedWindow = (
  settings: WindowSettings,
  ledger: ReadonlyArray<number>,
  own: SpendWindow,
  lastReadAt: number,
  now: number,
): SpendWindow => {
  const unmatched = new Map<number, number>()
  for (const at of ledger) unmatched.set(at, (unmatched.get(at) ?? 0) + 1)
  const notYetRecorded = own.filter((at) => {
    if (at < lastReadAt) return false
    const count = unmatched.get(at) ?? 0
    if (count === 0) return true
    unmatched.set(at, count - 1)
    return false
  })
  return inWindow(
    settings,
    [...ledger, ...notYetRecorded].sort((a, b) => a - b),
    now,
  )
}

/** A ledger in memory: what one process (or one test's processes, sharing it) sent. */
export const makeMemoryLedger = (): SpendLedger => {
  let times: number[] = []
  return {
    spentSince: (sinceMs) => Effect.sync(() => times.filter((at) => at > sinceMs)),
    record: (atMs, windowMs) =>
      Effect.sync(() => {
        times = [...times.filter((at) => at > atMs - windowMs), atMs]
      }),
  }
}

/** Every system's ledger in memory, for tests and tools that keep no store. */
export const RequestLedgersInMemory = Layer.sync(RequestLedgers, () => {
  const ledgers = { docebo: makeMemoryLedger(), to: makeMemoryLedger() }
  return { of: (system) => ledgers[system] }
})
