/**
 * Runs a named scenario in a fresh world and reports each step; shared by `iltsync scenario run` and the vitest file.
 * A scenario stops at its first failing step: the steps after it build on what it should have left.
 */
import { openEngineWorld } from "./EngineWorld.ts"
import type { Scenario, Step, Verdict } from "./Scenario.ts"
import { openServiceWorld } from "./ServiceWorld.ts"

export interface StepResult {
  readonly says: string
  readonly kind: Step<unknown>["kind"]
  readonly outcome: "passed" | "failed" | "error"
  /** For a failed expectation: what was expected and what was found. */
  readonly verdict?: Verdict
  /** For a step that threw: its message. */
  readonly error?: string
}

export interface ScenarioResult {
  readonly name: string
  readonly passed: boolean
  readonly steps: ReadonlyArray<StepResult>
  readonly milliseconds: number
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

const runSteps = async <W>(world: W, steps: ReadonlyArray<Step<W>>): Promise<StepResult[]> => {
  const results: StepResult[] = []
  for (const step of steps) {
    try {
      const verdict = await step.run(world)
      const passed = verdict === undefined || verdict.pass
      results.push({
        says: step.says,
        kind: step.kind,
        outcome: passed ? "passed" : "failed",
        ...(passed ? {} : { verdict }),
      })
      if (!passed) break
    } catch (error) {
      results.push({ says: step.says, kind: step.kind, outcome: "error", error: messageOf(error) })
      break
    }
  }
  return results
}

export const runScenario = async (scenario: Scenario): Promise<ScenarioResult> => {
  const started = performance.now()
  const steps =
    scenario.world === "engine"
      ? await withWorld(
          openEngineWorld(scenario.tenant, {
            ...(scenario.doceboProfile ? { doceboProfile: scenario.doceboProfile } : {}),
            ...(scenario.env ? { env: scenario.env } : {}),
          }),
          (world) => runSteps(world, scenario.steps),
        )
      : await withWorld(
          openServiceWorld(scenario.tenant, scenario.doceboProfile ? { doceboProfile: scenario.doceboProfile } : {}),
          (world) => runSteps(world, scenario.steps),
        )
  const passed = steps.length === scenario.steps.length && steps.every((step) => step.outcome === "passed")
  return { name: scenario.name, passed, steps, milliseconds: Math.round(performance.now() - started) }
}

const withWorld = async <W extends { close: () => Promise<void> }, A>(
  opening: Promise<W>,
  use: (world: W) => Promise<A>,
): Promise<A> => {
  const world = await opening
  try {
    return await use(world)
  } finally {
    await world.close()
  }
}

/** A result as the CLI prints it: one line when it passed, the failing step with expected and actual when not. */
export const describeResult = (result: ScenarioResult): string => {
  const head = `${result.passed ? "pass" : "FAIL"}  ${result.name}  (${(result.milliseconds / 1000).toFixed(1)} s)`
  if (result.passed) return `${head}\n`
  const lines = [head]
  const failing = result.steps.at(-1)
  for (const step of result.steps.slice(0, -1)) lines.push(`        ok  ${step.says}`)
  if (failing?.outcome === "failed" && failing.verdict) {
    lines.push(
      `    failed  ${failing.says}`,
      `  expected  ${failing.verdict.expected}`,
      `       got  ${failing.verdict.actual}`,
    )
  } else if (failing?.outcome === "error") {
    lines.push(`     error  ${failing.says}`, `            ${failing.error ?? ""}`)
  }
  return `${lines.join("\n")}\n`
}
