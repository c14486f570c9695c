/** `iltsync <command> [flags]`: finds the command, runs it, and turns its outcome into the exit code. */
import { TenantRefused } from "../adapters/store/Tenants.ts"
import { CliError, describeError } from "./commands/CliError.ts"
import { commandHelp, findCommand, usage } from "./commands/Commands.ts"
import { enterTenant, takeTenantFlag } from "./commands/cli/TenantFlag.ts"

const helpWords = new Set(["help", "--help", "-h"])

/** `--help` or `-h` among a command's arguments (before a `--`, after which everything is an argument). */
const asksForHelp = (argv: ReadonlyArray<string>) => {
  const end = argv.indexOf("--")
  return (end < 0 ? argv : argv.slice(0, end)).some((argument) => argument === "--help" || argument === "-h")
}

const unknown = (name: string | undefined) => {
  const problem = name === undefined ? "no command given" : `unknown command "${name}"`
  process.stderr.write(`iltsync: ${problem}\n\n${usage()}`)
  return 1
}

const refusalOf = (refusal: TenantRefused) => new CliError(refusal.reason, refusal.hint)

export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const verbose = argv.includes("--verbose")
  let name: string | undefined
  let rest: string[]
  let tenant: string | null
  try {
    const taken = takeTenantFlag(argv.filter((argument) => argument !== "--verbose"))
    ;[name, ...rest] = taken.rest
    tenant = taken.tenant
  } catch (error) {
    process.stderr.write(describeError(error, verbose))
    return 1
  }
  if (name !== undefined && helpWords.has(name)) {
    // `iltsync help plan` is `iltsync plan --help`.
    const about = rest[0] === undefined ? undefined : findCommand(rest[0])
    if (rest[0] !== undefined && about === undefined) return unknown(rest[0])
    process.stdout.write(about === undefined ? usage() : commandHelp(about))
    return 0
  }
  const command = name === undefined ? undefined : findCommand(name)
  if (command === undefined) return unknown(name)
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(command))
    return 0
  }
  try {
    if (tenant !== null && name !== undefined) await enterTenant(name, tenant)
    const module = await command.load()
    return await module.run(rest)
  } catch (error) {
    process.stderr.write(describeError(error instanceof TenantRefused ? refusalOf(error) : error, verbose))
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
