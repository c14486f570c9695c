/**
 * The CLI's commands. Each lives in its own module, exporting `run(argv)` that resolves to the exit code; modules are
 * loaded on use, so a command never pays for another's dependencies.
 */

import {
  applySynopsis,
  credentialsSynopsis,
  demoSynopsis,
  logsSynopsis,
  planSynopsis,
  serveSynopsis,
  statusSynopsis,
  webinarAccountsSynopsis,
} from "./Synopses.ts"
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
  demo: {
    synopsis: demoSynopsis,
    summary: "the whole story on embedded defaults: simulators with the acme tenant, plan, apply, approve, plan again",
    load: () => import("./Demo.ts"),
  },
  plan: {
    synopsis: planSynopsis,
    summary: "dry run: what a sync would change (exit 2 with --detailed-exitcode when there is something to apply)",
    load: () => import("./Plan.ts"),
  },
  apply: {
    synopsis: applySynopsis,
    summary:
      "apply a fresh plan, or exactly a saved one (refused when stale); exit 3 when ops are left waiting or failed",
    load: () => import("./Apply.ts"),
  },
  status: {
    synopsis: statusSynopsis,
    summary: "the sync status of each course",
    load: () => import("./Status.ts"),
  },
  logs: {
    synopsis: logsSynopsis,
    summary: "the event log, newest first",
    load: () => import("./Logs.ts"),
  },
  "webinar-accounts": {
    synopsis: webinarAccountsSynopsis,
    summary: "the Docebo webinar accounts (CSV: id,tool,name,email,supported)",
    load: () => import("./WebinarAccounts.ts"),
  },
  credentials: {
    synopsis: credentialsSynopsis,
    summary: "save (checked, encrypted) or show (masked) the credentials of both systems",
    load: () => import("./Credentials.ts"),
  },
  serve: {
    synopsis: serveSynopsis,
    summary: "the service: operator API, webhooks from both systems, background jobs, periodic reconcile",
    load: () => import("./Serve.ts"),
  },
  scenario: {
    synopsis: "scenario list | scenario run NAME…|--all",
    summary: "the named scenarios (scenarios/named), each against in-process simulators: list them, or run them",
    load: () => import("./Scenario.ts"),
  },
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
