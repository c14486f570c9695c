/**
 * `iltsync scenario list` and `iltsync scenario run NAME|--all`: the named scenarios, each against its own in-process
 * simulators and store. Exit 0 when every scenario run passed, 1 when one failed. The module lives here rather than
 * with the other commands because the scenarios drive the harness: the CLI loads it only when the command runs
 * (harness/commands/Commands.ts), so nothing in harness/ imports scenarios/.
 */
import { CliError } from "../../harness/commands/CliError.ts"
import { readFlags } from "../../harness/commands/cli/Flags.ts"
import { table } from "../../harness/commands/cli/Table.ts"
import { scenarioSynopsis } from "../../harness/commands/Synopses.ts"
import { scenarios as allScenarios, findScenario } from "./Registry.ts"
import { describeResult, runScenario } from "./Run.ts"
import type { Scenario } from "./Scenario.ts"

type Write = (text: string) => void

const write: Write = (text) => {
  process.stdout.write(text)
}

const list = (scenarios: ReadonlyArray<Scenario>, out: Write) => {
  out(
    table(
      ["scenario", "world", "shows"],
      scenarios.map((s) => [s.name, s.world, s.description]),
      200,
    ),
  )
  return 0
}

/** Runs the scenarios one after the other, printing each as it ends; 1 when any failed. */
export const runScenarios = async (scenarios: ReadonlyArray<Scenario>, out: Write): Promise<number> => {
  let failed = 0
  for (const scenario of scenarios) {
    const result = await runScenario(scenario)
    if (!result.passed) failed++
    out(describeResult(result))
  }
  out(`\n${scenarios.length - failed} passed, ${failed} failed\n`)
  return failed === 0 ? 0 : 1
}

const chosen = (names: ReadonlyArray<string>, all: boolean): ReadonlyArray<Scenario> => {
  if (all) {
    if (names.length > 0)
      throw new CliError("give scenario names or --all, not both", `usage: iltsync ${scenarioSynopsis}`)
    return allScenarios
  }
  if (names.length === 0)
    throw new CliError("name a scenario to run, or --all", "see them with `iltsync scenario list`")
  return names.map((name) => {
    const scenario = findScenario(name)
    if (scenario === undefined)
      throw new CliError(`there is no scenario named "${name}"`, "see them with `iltsync scenario list`")
    return scenario
  })
}

export const run = async (argv: string[], out: Write = write): Promise<number> => {
  const [subcommand, ...rest] = argv
  if (subcommand === "list") {
    readFlags(rest, {}, scenarioSynopsis)
    return list(allScenarios, out)
  }
  if (subcommand === "run") {
    const { values, positionals } = readFlags(
      rest,
      { all: { type: "boolean", default: false } },
      scenarioSynopsis,
      true,
    )
    return runScenarios(chosen(positionals, values.all), out)
  }
  throw new CliError(
    subcommand === undefined ? "scenario needs list or run" : `unknown scenario command "${subcommand}"`,
    `usage: iltsync ${scenarioSynopsis}`,
  )
}
