/**
 * The CLI's commands. Each lives in its own module, exporting `run(argv)` that resolves to the exit code; modules are
 * loaded on use, so a command never pays for another's dependencies.
 */
import { simSynopsis } from "./sim/Flags.ts"

export interface CommandModule {
  readonly run: (argv: string[]) => Promise<number>
}

export interface Command {
  readonly synopsis: string
  readonly summary: string
  readonly notes?: ReadonlyArray<string>
  readonly load: () => Promise<CommandModule>
}

export const commands: Readonly<Record<string, Command>> = {
  sim: {
    synopsis: simSynopsis,
    summary: "run both simulators as HTTP servers, seeded from a tenant, until stopped",
    load: () => import("./Sim.ts"),
  },
}

export const findCommand = (name: string): Command | undefined =>
  Object.hasOwn(commands, name) ? commands[name] : undefined

export const usage = (): string => {
  const lines = ["usage: iltsync <command> [flags] [--verbose]", "", "commands:"]
  for (const command of Object.values(commands)) {
    lines.push(
      `  ${command.synopsis}`,
      `      ${command.summary}`,
      ...(command.notes ?? []).map((note) => `      ${note}`),
    )
  }
  lines.push("", "--verbose shows the stack trace of an error.")
  return `${lines.join("\n")}\n`
}
