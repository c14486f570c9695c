/** `iltsync <command> [flags]`: finds the command, runs it, and turns its outcome into the exit code. */
import { describeError } from "./commands/CliError.ts"
import { commandHelp, findCommand, usage } from "./commands/Commands.ts"

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

export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const verbose = argv.includes("--verbose")
  const [name, ...rest] = argv.filter((argument) => argument !== "--verbose")
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
    const module = await command.load()
    return await module.run(rest)
  } catch (error) {
    process.stderr.write(describeError(error, verbose))
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
