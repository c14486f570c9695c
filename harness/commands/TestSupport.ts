/** Runs the CLI as operators do, in a child process, so exit codes, output streams and signals are the real ones. */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url))

export interface CliOutcome {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunningCli {
  readonly child: ChildProcess
  readonly output: () => { stdout: string; stderr: string }
  readonly exited: Promise<CliOutcome>
}

/** Through the same launcher as `npm run iltsync`, which keeps `--env-file` out of Node's sight. */
export const startCli = (args: ReadonlyArray<string>): RunningCli => {
  const child = spawn("sh", ["harness/bin/iltsync", ...args], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8")
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8")
  })
  const exited = new Promise<CliOutcome>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  return { child, output: () => ({ stdout, stderr }), exited }
}

export const runCli = (args: ReadonlyArray<string>): Promise<CliOutcome> => startCli(args).exited
