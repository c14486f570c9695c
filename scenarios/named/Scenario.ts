/**
 * What a named scenario is: a tenant to start from, the world it runs in, and steps that read like the seed page:
 * things people do (`act`) and what must then be true (`expectThat`). A scenario is data; `Run.ts` runs it.
 */
import { isDeepStrictEqual } from "node:util"
import type { DoceboProfile } from "../../simulators/docebo/index.ts"
import type { EngineWorld } from "./EngineWorld.ts"
import type { Matcher } from "./Matchers.ts"
import type { ServiceWorld } from "./ServiceWorld.ts"

/** A step's result when it checks something: what was expected and what was found, in words. */
export interface Verdict {
  readonly pass: boolean
  readonly expected: string
  readonly actual: string
}

export interface Step<W> {
  readonly kind: "act" | "expect"
  /** What the step does or checks, in the words of the seed page. */
  readonly says: string
  readonly run: (world: W) => Promise<Verdict | undefined>
}

interface ScenarioHead {
  /** Kebab-case, unique: what `iltsync scenario run NAME` takes. */
  readonly name: string
  /** One line: the behaviour shown and its outcome. */
  readonly description: string
  /** The seed behaviour or guard it shows (SYNC-RULES.md's words). */
  readonly rule: string
  /** The tenant both simulators are seeded with (tenants/Registry.ts). */
  readonly tenant: string
  /**
   * What the Docebo simulator withholds (simulators/docebo/Profile.ts): `strict` unless given, the conservative
   * reading of DOCEBO-API.md; `default` for a scenario about what only a fuller tenant offers.
   */
  readonly doceboProfile?: DoceboProfile
}

/**
 * `engine`: iltsync's engine through the real adapters and store, both simulators in-process on virtual time.
 * `service`: the HTTP service in-process (operator API, jobs, webhooks) against both simulators.
 */
export type Scenario =
  | (ScenarioHead & {
      readonly world: "engine"
      readonly env?: Readonly<Record<string, string>>
      readonly steps: ReadonlyArray<Step<EngineWorld>>
    })
  | (ScenarioHead & { readonly world: "service"; readonly steps: ReadonlyArray<Step<ServiceWorld>> })

export const engineScenario = (
  head: ScenarioHead & {
    /** iltsync's settings for the scenario (`ILTSYNC_DOCEBO_SESSION_STAMP`, …); the defaults unless given. */
    readonly env?: Readonly<Record<string, string>>
    readonly steps: ReadonlyArray<Step<EngineWorld>>
  },
): Scenario => ({ ...head, world: "engine" })

export const serviceScenario = (
  head: ScenarioHead & { readonly steps: ReadonlyArray<Step<ServiceWorld>> },
): Scenario => ({ ...head, world: "service" })

/** Something a person or a system does; it fails the scenario only by throwing. */
export const act = <W>(says: string, run: (world: W) => Promise<unknown> | unknown): Step<W> => ({
  kind: "act",
  says,
  run: async (world) => {
    await run(world)
    return undefined
  },
})

/** What must hold now: `actual` reads it from the world, `matcher` says what it should be. */
export const expectThat = <W>(
  says: string,
  actual: (world: W) => Promise<unknown> | unknown,
  matcher: Matcher,
): Step<W> => ({
  kind: "expect",
  says,
  run: async (world) => {
    const found = await actual(world)
    return { pass: matcher.test(found), expected: matcher.describe, actual: show(found) }
  },
})

/** Two readings of the world that must agree, e.g. a Docebo copy and the TO record it mirrors. */
export const expectSame = <W>(
  says: string,
  actual: (world: W) => Promise<unknown> | unknown,
  expected: (world: W) => Promise<unknown> | unknown,
): Step<W> => ({
  kind: "expect",
  says,
  run: async (world) => {
    const [found, wanted] = [await actual(world), await expected(world)]
    return { pass: isDeepStrictEqual(found, wanted), expected: show(wanted), actual: show(found) }
  },
})

/** A value as a reader sees it in a report: JSON, cut short when long. */
export const show = (value: unknown): string => {
  const text = value === undefined ? "undefined" : JSON.stringify(value)
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text
}
