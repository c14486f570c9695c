/**
 * What every route needs: a way to run an Effect on the service's runtime (a typed failure is thrown as it is, for
 * the app's `onError` to answer), the settings and the clock, and a way to log an operator's action with their name
 * and address.
 */
import { Cause, Effect, Exit, Option } from "effect"
import type { Context } from "hono"
import { Store } from "../../adapters/store/Store.ts"
import type { ServiceEnv } from "./Auth.ts"
import { isoNow, type ServiceClock } from "./Clock.ts"
import { Problem } from "./Problem.ts"
import type { ServiceRuntime, ServiceServices } from "./Runtime.ts"
import type { ServiceSettings } from "./Settings.ts"

export type RunEffect = <A, E>(effect: Effect.Effect<A, E, ServiceServices>) => Promise<A>

export interface RouteDeps {
  readonly run: RunEffect
  readonly settings: ServiceSettings
  readonly clock: ServiceClock
}

export type ServiceContext = Context<ServiceEnv>

export const runOn =
  (runtime: ServiceRuntime): RunEffect =>
  async (effect) => {
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) throw failure.value
    if (Cause.isInterruptedOnly(exit.cause)) throw new Problem(503, "the service is stopping")
    throw Cause.squash(exit.cause)
  }

export interface ActionEvent {
  readonly action: string
  /** The user the action is about, when there is one. */
  readonly target?: string | null
  readonly details?: unknown
}

/** The event-log entries of an operator's action: who (the token's name), from where, and what. */
export const logActions = (c: ServiceContext, clock: ServiceClock, events: ReadonlyArray<ActionEvent>) =>
  Effect.flatMap(Store, (store) =>
    store.appendEvents(
      events.map((event) => ({
        at: isoNow(clock),
        user: c.get("actor"),
        action: event.action,
        target: event.target ?? null,
        ip: c.get("ip"),
        details: event.details ?? null,
      })),
    ),
  )

export const logAction = (c: ServiceContext, clock: ServiceClock, event: ActionEvent) => logActions(c, clock, [event])

/** The run's caller, for the sync it starts. */
export const callerOf = (c: ServiceContext) => ({ actor: c.get("actor"), ip: c.get("ip") })
