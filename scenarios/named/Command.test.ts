import { describe, expect, it } from "vitest"
import { CliError } from "../../harness/commands/CliError.ts"
import { run, runScenarios } from "./Command.ts"
import { equals } from "./Matchers.ts"
import { scenarios } from "./Registry.ts"
import { act, engineScenario, expectThat } from "./Scenario.ts"

const capture = () => {
  const lines: string[] = []
  return { out: (text: string) => void lines.push(text), text: () => lines.join("") }
}

describe("iltsync scenario", () => {
  it("list shows every scenario with its one-line description", async () => {
    const output = capture()
    expect(await run(["list"], output.out)).toBe(0)
    for (const scenario of scenarios) {
      expect(output.text()).toContain(scenario.name)
      expect(output.text()).toContain(scenario.description.slice(0, 40))
    }
  })

  it("run NAME runs that scenario against in-process simulators and exits 0 when it passes", async () => {
    const output = capture()
    expect(await run(["run", "course-without-code"], output.out)).toBe(0)
    expect(output.text()).toMatch(/^pass {2}course-without-code/)
    expect(output.text()).toContain("1 passed, 0 failed")
  })

  it("a failing scenario prints the step, what was expected and what happened, and exits 1", async () => {
    const failing = engineScenario({
      name: "wrong-expectation",
      description: "expects acme to have no TO course after its first sync",
      rule: "none",
      tenant: "acme",
      steps: [
        act("the first synchronization runs", (w) => w.sync()),
        expectThat("TO has no LDR-101 course", (w) => w.to().courses.some((c) => c.code === "LDR-101"), equals(false)),
      ],
    })
    const output = capture()
    expect(await runScenarios([failing], output.out)).toBe(1)
    expect(output.text()).toContain("FAIL  wrong-expectation")
    expect(output.text()).toContain("        ok  the first synchronization runs")
    expect(output.text()).toContain("    failed  TO has no LDR-101 course\n  expected  false\n       got  true")
    expect(output.text()).toContain("0 passed, 1 failed")
  })

  it("refuses an unknown scenario, a missing name, and both names and --all, with a hint", async () => {
    await expect(run(["run", "no-such-scenario"])).rejects.toMatchObject({
      message: 'there is no scenario named "no-such-scenario"',
      hint: "see them with `iltsync scenario list`",
    })
    await expect(run(["run"])).rejects.toThrow("name a scenario to run, or --all")
    await expect(run(["run", "event-log", "--all"])).rejects.toThrow("give scenario names or --all, not both")
    await expect(run(["walk"])).rejects.toBeInstanceOf(CliError)
  })
})
