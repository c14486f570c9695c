/** Runs the CLI as operators do, in a child process, so exit codes, output streams and signals are the real ones. */
import { type ChildProcess, spawn } from "node:child_process"
import { readFile } from "node:fs/promises"
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
export const startCli = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env): RunningCli => {
  const child = spawn("sh", ["harness/bin/iltsync", ...args], {
    cwd: repositoryRoot,
    env,
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

export const runCli = (args: ReadonlyArray<string>, env?: NodeJS.ProcessEnv): Promise<CliOutcome> =>
  startCli(args, env).exited

/** The variables `sim --env-file` writes, once it has written them (or an error if the command stops first). */
export const waitForEnv = async (path: string, exited: Promise<unknown>): Promise<Record<string, string>> => {
  let stopped = false
  void exited.then(() => {
    stopped = true
  })
  for (let waited = 0; waited < 30_000 && !stopped; waited += 50) {
    const text = await readFile(path, "utf8").catch(() => "")
    if (text.includes("TO_PLATFORM_URL=")) {
      return Object.fromEntries(
        text
          .trim()
          .split("\n")
          .map((line) => line.split("=", 2) as [string, string]),
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error("the env file was not written")
}
