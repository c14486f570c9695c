/** Flag parsing shared by the commands: Node's parseArgs, with its long explanations cut to one line. */
import { type ParseArgsConfig, parseArgs } from "node:util"
import { CliError } from "../CliError.ts"

export const readFlags = <T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: ReadonlyArray<string>,
  options: T,
  synopsis: string,
  allowPositionals = false,
) => {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals })
  } catch (error) {
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error)
    throw new CliError(message, `usage: iltsync ${synopsis}`)
  }
}
