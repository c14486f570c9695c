/**
 * `iltsync sim`: both simulators as real HTTP servers on the loopback interface, seeded from a named tenant, until
 * SIGINT or SIGTERM. Once both listen it prints where they are and how to log in, and writes the same as environment
 * variables to `--env-file`, so the CLI and the service can be pointed at them.
 */

import { DOCEBO_TEST_CREDENTIALS, makeDoceboSimulator } from "../../simulators/docebo/index.ts"
import { makeToSimulator, TO_TEST_CREDENTIALS } from "../../simulators/training-orchestra/index.ts"
import { simulatorSeedsFor, tenants } from "../../tenants/Registry.ts"
import type { SimulatorSeeds } from "../../tenants/SimulatorSeeds.ts"
import { simulatorEnv } from "../Simulators.ts"
import { CliError } from "./CliError.ts"
import { listenForStop } from "./cli/Stop.ts"
import { writeEnvFile } from "./sim/EnvFile.ts"
import { readSimFlags, type SimFlags } from "./sim/Flags.ts"
import { type Listening, listen } from "./sim/Listen.ts"

/** The vendors' published limits: Docebo 1,000 calls an hour, Training Orchestra 10 a second with bursts of 20. */
const realLimits = { docebo: { perHour: 1_000 }, to: { perSecond: 10, burst: 20 } } as const

const seedsOf = (scenario: string): SimulatorSeeds => {
  const seeds = simulatorSeedsFor(scenario)
  if (seeds === undefined) {
    const names = [...Object.keys(tenants), "synthetic-N (N courses, e.g. synthetic-10k)"].join(", ")
    throw new CliError(`unknown scenario "${scenario}"`, `available: ${names}`)
  }
  return seeds
}

const listenOn = async (
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  flag: string,
): Promise<Listening> => {
  try {
    return await listen(fetch, port)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === "EADDRINUSE") {
      throw new CliError(`port ${port} is already in use`, `choose another with --${flag}, or 0 for a free port`)
    }
    if (code === "EACCES") {
      throw new CliError(`not allowed to listen on port ${port}`, `choose a port above 1023 with --${flag}`)
    }
    throw error
  }
}

const writeEnvironment = async (path: string, variables: Readonly<Record<string, string>>) => {
  try {
    await writeEnvFile(path, variables)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliError(`cannot write the env file ${path}: ${reason}`, "check that its folder exists and is writable")
  }
}

/** `46 courses, 24 sessions, …`: how many records of each kind a simulator was seeded with. */
const holdings = (collections: Record<string, ReadonlyArray<unknown> | undefined>): string =>
  Object.entries(collections)
    .map(([noun, records]) => `${records?.length ?? 0} ${noun}`)
    .join(", ")

const describe = (flags: SimFlags, seeds: SimulatorSeeds, docebo: Listening, to: Listening): string => {
  const { docebo: d, to: t } = seeds
  const doceboHolds = holdings({
    courses: d.courses,
    sessions: d.sessions,
    users: d.users,
    "webinar accounts": d.webinar_accounts,
  })
  const toHolds = holdings({ courses: t.courses, sessions: t.sessions, trainers: t.trainers, rooms: t.rooms })
  const lines = [
    `iltsync simulators: scenario ${flags.scenario}, rate limits ${flags.rateLimit}, Docebo profile ${flags.profile}`,
    `  Docebo               ${docebo.url}`,
    `    client id          ${DOCEBO_TEST_CREDENTIALS.clientId}`,
    `    client secret      ${DOCEBO_TEST_CREDENTIALS.clientSecret}`,
    `    username           ${DOCEBO_TEST_CREDENTIALS.username}`,
    `    password           ${DOCEBO_TEST_CREDENTIALS.password}`,
    `    holds              ${doceboHolds}`,
    `  Training Orchestra   ${to.url}`,
    `    client id          ${TO_TEST_CREDENTIALS.clientId}`,
    `    client secret      ${TO_TEST_CREDENTIALS.clientSecret}`,
    `    holds              ${toHolds}`,
  ]
  if (flags.envFile !== undefined) lines.push(`  env file             ${flags.envFile}`)
  lines.push("Stop with Ctrl+C.")
  return `${lines.join("\n")}\n`
}

export const run = async (argv: string[]): Promise<number> => {
  const flags = readSimFlags(argv)
  const seeds = seedsOf(flags.scenario)
  const real = flags.rateLimit === "real"
  const doceboSimulator = makeDoceboSimulator({
    seed: seeds.docebo,
    rateLimit: real ? realLimits.docebo : null,
    profile: flags.profile,
  })
  const toSimulator = makeToSimulator({ seed: seeds.to, rateLimit: real ? realLimits.to : null })

  const { stopped, dispose } = listenForStop()
  const servers: Listening[] = []
  try {
    const docebo = await listenOn(doceboSimulator.app.fetch, flags.doceboPort, "docebo-port")
    servers.push(docebo)
    const to = await listenOn(toSimulator.app.fetch, flags.toPort, "to-port")
    servers.push(to)
    process.stdout.write(describe(flags, seeds, docebo, to))
    if (flags.envFile !== undefined) {
      await writeEnvironment(flags.envFile, simulatorEnv({ docebo: docebo.url, to: to.url }))
    }
    const signal = await stopped
    process.stdout.write(`${signal}: stopping the simulators\n`)
    return 0
  } finally {
    dispose()
    await Promise.all(servers.map((server) => server.close()))
  }
}
