/** Every named scenario, as `iltsync scenario run --all` runs them: a failure shows its step, expected and found. */
import { describe, expect, it } from "vitest"
import { scenarios } from "./Registry.ts"
import { describeResult, runScenario } from "./Run.ts"

describe("named scenarios", () => {
  it("have unique kebab-case names and one-line descriptions", () => {
    const names = scenarios.map((scenario) => scenario.name)
    expect(new Set(names).size).toBe(names.length)
    for (const scenario of scenarios) {
      expect(scenario.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(scenario.description).not.toContain("\n")
    }
  })

  for (const scenario of scenarios) {
    it(`${scenario.name}: ${scenario.description}`, async () => {
      const result = await runScenario(scenario)
      expect(result.passed, describeResult(result)).toBe(true)
    })
  }
})
