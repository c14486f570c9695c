/** A failure the operator can act on: one line saying what went wrong and a hint saying what to do about it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = "CliError"
  }
}

/**
 * How a failed command reports: the message on one line, then the hint. A stack trace helps only whoever debugs
 * iltsync itself, so it is shown with `--verbose` alone.
 */
export const describeError = (error: unknown, verbose: boolean): string => {
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split("\n")[0] ?? message
  const hint =
    error instanceof CliError ? error.hint : verbose ? undefined : "run again with --verbose to see where it failed"
  const lines = [`iltsync: ${firstLine}`]
  if (hint !== undefined) lines.push(`hint: ${hint}`)
  if (verbose && error instanceof Error && error.stack) lines.push("", error.stack)
  return `${lines.join("\n")}\n`
}
