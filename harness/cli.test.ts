import { describe, expect, it } from "vitest"
import { runCli } from "./commands/TestSupport.ts"

describe("iltsync CLI", () => {
  it("answers an unknown command with the usage on stderr and exit code 1", async () => {
    const outcome = await runCli(["frobnicate"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('unknown command "frobnicate"')
    expect(outcome.stderr).toContain("usage: iltsync <command>")
    expect(outcome.stderr).toContain("sim [--docebo-port 4001]")
    expect(outcome.stdout).toBe("")
  })

  it("prints the usage on stdout for help", async () => {
    const outcome = await runCli(["--help"])
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain("usage: iltsync <command>")
  })

  it("reports a command's error on one line with a hint, without a stack trace", async () => {
    const outcome = await runCli(["sim", "--scenario", "nowhere"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr.split("\n")).toEqual([
      'iltsync: unknown scenario "nowhere"',
      "hint: available: acme, empty, synthetic-1k, synthetic-N (N courses, e.g. synthetic-10k)",
      "",
    ])
  })

  it("adds the stack trace with --verbose", async () => {
    const outcome = await runCli(["sim", "--scenario", "nowhere", "--verbose"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(/^iltsync: unknown scenario "nowhere"\nhint: .*\n\nCliError: .*\n\s+at /)
  })
})
