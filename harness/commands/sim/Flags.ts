import { parseArgs } from "node:util"
import { type DoceboProfile, doceboProfiles } from "../../../simulators/docebo/index.ts"
import { CliError } from "../CliError.ts"

export interface SimFlags {
  readonly doceboPort: number
  readonly toPort: number
  readonly scenario: string
  readonly rateLimit: "off" | "real"
  /** What the Docebo simulator withholds: `strict` answers only what Docebo is known to (simulators/docebo/Profile.ts). */
  readonly profile: DoceboProfile
  readonly envFile: string | undefined
}

export const simSynopsis =
  "sim [--docebo-port 4001] [--to-port 4002] [--scenario acme|empty|NAME] [--rate-limit off|real] [--profile default|strict] [--env-file FILE]"

const usageHint = `usage: iltsync ${simSynopsis}`

const readPort = (value: string, flag: string): number => {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new CliError(`--${flag} must be a port number from 0 to 65535, not "${value}"`, "0 picks a free port")
  }
  return port
}

export const readSimFlags = (argv: ReadonlyArray<string>): SimFlags => {
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        "docebo-port": { type: "string", default: "4001" },
        "to-port": { type: "string", default: "4002" },
        scenario: { type: "string", default: "acme" },
        "rate-limit": { type: "string", default: "off" },
        profile: { type: "string", default: "default" },
        "env-file": { type: "string" },
        // What harness/bin/iltsync passes `--env-file` on as, out of Node's sight.
        "write-env-file": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    // Node's parser explains at length; its first sentence names the problem.
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error)
    throw new CliError(message, usageHint)
  }
  const rateLimit = values["rate-limit"]
  if (rateLimit !== "off" && rateLimit !== "real") {
    throw new CliError(`--rate-limit must be off or real, not "${rateLimit}"`, usageHint)
  }
  const profile = doceboProfiles.find((name) => name === values.profile)
  if (profile === undefined) {
    throw new CliError(`--profile must be ${doceboProfiles.join(" or ")}, not "${values.profile}"`, usageHint)
  }
  return {
    doceboPort: readPort(values["docebo-port"] ?? "4001", "docebo-port"),
    toPort: readPort(values["to-port"] ?? "4002", "to-port"),
    scenario: values.scenario ?? "acme",
    rateLimit,
    profile,
    envFile: values["write-env-file"] ?? values["env-file"],
  }
}
