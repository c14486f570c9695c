/**
 * The CLI's commands. Each lives in its own module, exporting `run(argv)` that resolves to the exit code; modules are
 * loaded on use, so a command never pays for another's dependencies.
 */

import {
  applySynopsis,
  credentialsSynopsis,
  demoSynopsis,
  doctorSynopsis,
  logsSynopsis,
  planSynopsis,
  scenarioSynopsis,
  serveSynopsis,
  statusSynopsis,
  tenantSynopsis,
  webinarAccountsSynopsis,
  workerSynopsis,
} from "./Synopses.ts"
import { simSynopsis } from "./sim/Flags.ts"

export interface CommandModule {
  readonly run: (argv: string[]) => Promise<number>
}

/** A flag as the synopsis writes it (`--out FILE`), and what it does. */
export type Flag = readonly [flag: string, does: string]

export interface Command {
  readonly synopsis: string
  readonly summary: string
  readonly notes?: ReadonlyArray<string>
  readonly flags: ReadonlyArray<Flag>
  readonly load: () => Promise<CommandModule>
}

const jsonFlag = (what: string): Flag => ["--json", `print ${what} as JSON`]

export const commands: Readonly<Record<string, Command>> = {
  demo: {
    synopsis: demoSynopsis,
    summary: "the whole story on embedded defaults: simulators with the acme tenant, plan, apply, approve, plan again",
    flags: [],
    load: () => import("./Demo.ts"),
  },
  doctor: {
    synopsis: doctorSynopsis,
    summary:
      "before a first sync: checks each capability iltsync relies on against both tenants, reading only (exit 1 when a required one does not work)",
    notes: [
      "at most 30 calls; prints capability, endpoint, status (ok, missing, differs, failed, unchecked), what was seen and what iltsync will do",
    ],
    flags: [
      jsonFlag("the report"),
      ["--public-url URL", "iltsync's public URL, checked for webhooks (default: ILTSYNC_PUBLIC_URL)"],
    ],
    load: () => import("./Doctor.ts"),
  },
  plan: {
    synopsis: planSynopsis,
    summary: "dry run: what a sync would change (exit 2 with --detailed-exitcode when there is something to apply)",
    notes: ["reads both systems and records what it read in the store (creating it), so the next run reads less"],
    flags: [
      jsonFlag("the plan document"),
      ["--out FILE", "also save the plan document, for `iltsync apply FILE`"],
      ["--course CODE", "only the changes of this Docebo course code; repeat it for more"],
      ["--detailed-exitcode", "exit 2 when the plan has changes ready to apply (held and blocked ones alone: 0)"],
    ],
    load: () => import("./Plan.ts"),
  },
  apply: {
    synopsis: applySynopsis,
    summary:
      "apply a fresh plan, or exactly a saved one (refused when stale); exit 3 when ops are left waiting or failed",
    notes: ["PLANFILE: a plan saved by `iltsync plan --out FILE`, applied only if both systems still match it"],
    flags: [
      ["--approve-held", "apply the held ops too (deletions that drop enrollments, mass changes)"],
      jsonFlag("the plan and each op's outcome"),
    ],
    load: () => import("./Apply.ts"),
  },
  status: {
    synopsis: statusSynopsis,
    summary: "the sync status of each course",
    flags: [jsonFlag("the statuses")],
    load: () => import("./Status.ts"),
  },
  logs: {
    synopsis: logsSynopsis,
    summary: "the event log, newest first",
    flags: [
      ["--from ISO", "events at or after this date or time (2025-03-01, 2025-03-01T09:00:00Z)"],
      ["--to ISO", "events at or before this date or time (a date covers its whole day)"],
      ["--action A", "only this action (sync.session.delete, trainer.remove, …)"],
      ["--sort time|action", "newest first (time, the default) or by action"],
      jsonFlag("the events"),
    ],
    load: () => import("./Logs.ts"),
  },
  "webinar-accounts": {
    synopsis: webinarAccountsSynopsis,
    summary: "the Docebo webinar accounts (CSV: id,tool,name,email,supported), or the import of that list",
    notes: [
      "--import: for a Docebo without a webinar-accounts endpoint; the file (id,tool,name,email) replaces the imported accounts whole, and a file with any bad line changes nothing",
    ],
    flags: [
      ["--csv FILE", "write them to FILE as CSV instead of printing a table"],
      ["--import FILE", "import the accounts from FILE, used while Docebo has no webinar-accounts endpoint"],
    ],
    load: () => import("./WebinarAccounts.ts"),
  },
  credentials: {
    synopsis: credentialsSynopsis,
    summary: "save (checked, encrypted) or show (masked) the credentials of both systems",
    notes: [
      "set: each flag changes its field, the rest keep their saved values (the environment's for a system never saved)",
      "show: the saved credentials, every secret masked",
    ],
    flags: [
      ["--docebo-url U", "Docebo's URL (the main domain)"],
      ["--docebo-client-id I", "Docebo API client id"],
      ["--docebo-client-secret S", "Docebo API client secret"],
      ["--docebo-username N", "Docebo user for the password grant (with --docebo-password)"],
      ["--docebo-password P", "that user's password"],
      ["--to-url U", "Training Orchestra's API URL"],
      ["--to-client-id I", "Training Orchestra API client id"],
      ["--to-client-secret S", "Training Orchestra API client secret"],
      ["--to-platform-url U", "the Training Orchestra platform operators are sent to"],
    ],
    load: () => import("./Credentials.ts"),
  },
  serve: {
    synopsis: serveSynopsis,
    summary: "the service: operator API, webhooks from both systems, background jobs, periodic reconcile",
    flags: [
      ["--port 4000", "the port to listen on (0: a free one)"],
      ["--host 127.0.0.1", "the address to listen on: this machine only by default, 0.0.0.0 for every interface"],
      ["--insecure-dev", "start without ILTSYNC_API_TOKEN, the operator API open (development only)"],
      [
        "--no-worker",
        "the API, console and webhook intake alone: jobs and webhooks go to the workers' queue (PostgreSQL store)",
      ],
    ],
    load: () => import("./Serve.ts"),
  },
  worker: {
    synopsis: workerSynopsis,
    summary:
      "a worker: runs every tenant's jobs, webhook deliveries and periodic reconciles from the queue on the PostgreSQL store, beside `serve --no-worker`",
    notes: [
      "start as many as the load needs, on any machine that reaches the database; a tenant's work runs on one at a time",
      "a worker killed mid-run has its job taken over after ILTSYNC_WORKER_LEASE_SECONDS (default 30) without its heartbeat",
    ],
    flags: [["--concurrency 2", "tasks run at once by this process (each a different tenant's)"]],
    load: () => import("./Worker.ts"),
  },
  tenant: {
    synopsis: tenantSynopsis,
    summary:
      "the tenants served beside the default one: each a Docebo platform and its TO account, with a store of its own",
    notes: [
      "add: prints the new tenant's operator token and webhook secret, once; its credentials are then saved with `iltsync credentials set --tenant NAME`",
      "disable: its API, console and webhooks refuse, its work stops; nothing is deleted, and enable undoes it",
      "token: a new operator token for the tenant, printed once",
    ],
    flags: [
      ["--operator OP", "the operator the token is for, as the event log names them (default: operator)"],
      [
        "--setting NAME=VALUE",
        "a setting of the tenant's own: ILTSYNC_DOCEBO_MAIN_DOMAIN, ILTSYNC_DOCEBO_SESSION_STAMP, ILTSYNC_DOCEBO_INSTRUCTOR_MARK, ILTSYNC_RECONCILE_MINUTES or ILTSYNC_SYNC_HORIZON_DAYS",
      ],
      jsonFlag("the tenants"),
    ],
    load: () => import("./Tenant.ts"),
  },
  scenario: {
    synopsis: scenarioSynopsis,
    summary: "the named scenarios (scenarios/named), each against in-process simulators: list them, or run them",
    notes: ["list: the scenarios and what each shows", "run NAME…: those scenarios; exit 1 when one fails"],
    flags: [["--all", "run every scenario"]],
    // The named scenarios sit above the harness (they drive it), and so does their command. Loaded only when it runs,
    // it is the one way from harness/ up to scenarios/: no module of harness/ imports scenarios/ (biome.json).
    // biome-ignore lint/style/noRestrictedImports: the CLI runs the named scenarios; loaded on use, so nothing cycles
    load: () => import("../../scenarios/named/Command.ts"),
  },
  sim: {
    synopsis: simSynopsis,
    summary: "run both simulators as HTTP servers, seeded from a tenant, until stopped",
    flags: [
      ["--docebo-port 4001", "Docebo's port (0: a free one)"],
      ["--to-port 4002", "Training Orchestra's port (0: a free one)"],
      ["--scenario acme|empty|NAME", "the tenant they start with (synthetic-N: N courses)"],
      ["--rate-limit off|real", "real: the systems' published limits (Docebo's 1,000 calls an hour)"],
      ["--profile default|strict", "strict: Docebo without its optional endpoints, nor Retry-After on its 429s"],
      ["--env-file FILE", "once listening, write the settings that point iltsync at them (KEY=VALUE lines)"],
    ],
    load: () => import("./Sim.ts"),
  },
}

export const findCommand = (name: string): Command | undefined =>
  Object.hasOwn(commands, name) ? commands[name] : undefined

const helpFlags: ReadonlyArray<Flag> = [
  ["--tenant NAME", "act on this tenant's store (default: the default tenant, the main store)"],
  ["--verbose", "show the stack trace of an error"],
  ["-h, --help", "show this help"],
]

/** One command's help: its synopsis, what it does, and each flag. */
export const commandHelp = (command: Command): string => {
  const flags = [...command.flags, ...helpFlags]
  const width = Math.max(...flags.map(([flag]) => flag.length))
  const lines = [
    `usage: iltsync ${command.synopsis}`,
    "",
    command.summary,
    ...(command.notes ?? []),
    "",
    "flags:",
    ...flags.map(([flag, does]) => `  ${flag.padEnd(width)}  ${does}`),
  ]
  return `${lines.join("\n")}\n`
}

export const usage = (): string => {
  const lines = ["usage: iltsync <command> [flags] [--tenant NAME] [--verbose]", "", "commands:"]
  for (const command of Object.values(commands)) {
    lines.push(
      `  ${command.synopsis}`,
      `      ${command.summary}`,
      ...(command.notes ?? []).map((note) => `      ${note}`),
    )
  }
  lines.push(
    "",
    "--tenant NAME runs a command on that tenant (`iltsync tenant list`); without it, on the default tenant.",
    "--verbose shows the stack trace of an error; iltsync <command> --help shows a command's flags.",
  )
  return `${lines.join("\n")}\n`
}
