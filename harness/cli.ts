/** `iltsync <command> [flags]`: finds the command, runs it, and turns its outcome into the exit code. */
import { describeError } from "./commands/CliError.ts"
import { findCommand, usage } from "./commands/Commands.ts"

const helpWords = new Set(["help", "--help", "-h"])

export const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const verbose = argv.includes("--verbose")
  const [name, ...rest] = argv.filter((argument) => argument !== "--verbose")
  if (name !== undefined && helpWords.has(name)) {
    process.stdout.write(usage())
    return 0
  }
  const command = name === undefined ? undefined : findCommand(name)
  if (command === undefined) {
    const problem = name === undefined ? "no command given" : `unknown command "${name}"`
    process.stderr.write(`iltsync: ${problem}\n\n${usage()}`)
    return 1
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
