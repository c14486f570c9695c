import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { commandHelp, commands } from "./commands/Commands.ts"
import { runCli, startCli } from "./commands/TestSupport.ts"

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url))

const childProcessesOf = (pid: number): ReadonlyArray<string> => {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
  } catch {
    return [] // pgrep exits 1 when it finds none
  }
}

describe("iltsync CLI", () => {
  it("answers an unknown command with the usage on stderr and exit code 1", async () => {
    const outcome = await runCli(["frobnicate"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('unknown command "frobnicate"')
    expect(outcome.stderr).toContain("usage: iltsync <command>")
    expect(outcome.stderr).toContain("sim [--docebo-port 4001]")
    expect(outcome.stdout).toBe("")
  })

  it("prints the usage on stdout for help", async () => {
    const outcome = await runCli(["--help"])
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain("usage: iltsync <command>")
  })

  it("gives each command its own help: its synopsis and flags, on stdout, exit 0", async () => {
    // Each command's help text, read in-process: one process per command took a minute on a loaded machine.
    for (const [name, command] of Object.entries(commands)) {
      const help = commandHelp(command)
      expect(help).toContain(`usage: iltsync ${command.synopsis}`)
      for (const [flag] of command.flags)
        expect({ name, flag, help: help.includes(flag) }).toMatchObject({ help: true })
    }
    // And as the CLI prints it: `--help`, `-h` and `help NAME`.
    const long = await runCli(["webinar-accounts", "--help"])
    expect({ code: long.code, stderr: long.stderr }).toEqual({ code: 0, stderr: "" })
    const webinarAccounts = commands["webinar-accounts"]
    if (webinarAccounts === undefined) throw new Error("no webinar-accounts command")
    expect(long.stdout).toBe(commandHelp(webinarAccounts))
    const short = await runCli(["logs", "-h"])
    expect(short.code).toBe(0)
    expect(short.stdout).toContain("--from ISO")
    const named = await runCli(["help", "plan"])
    expect(named.code).toBe(0)
    expect(named.stdout).toContain("--detailed-exitcode")
  }, 60_000)

  it("reports a command's error on one line with a hint, without a stack trace", async () => {
    const outcome = await runCli(["sim", "--scenario", "nowhere"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr.split("\n")).toEqual([
      'iltsync: unknown scenario "nowhere"',
      "hint: available: acme, empty, synthetic-1k, synthetic-N (N courses, e.g. synthetic-10k)",
      "",
    ])
  })

  it("runs a command in the process it starts, so a stop signal reaches the command itself", async () => {
    // A launcher that relays signals to a child process kills that child outright when it is busy at that moment
    // (tsx's relay gives it 30 ms), cutting off the requests a stopping service would let finish.
    const sim = startCli(["sim", "--docebo-port", "0", "--to-port", "0"])
    for (let waited = 0; !sim.output().stdout.includes("Stop with Ctrl+C") && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const pid = sim.child.pid ?? 0
    const children = childProcessesOf(pid)
    sim.child.kill("SIGTERM")
    const outcome = await sim.exited
    expect(children).toEqual([])
    expect(outcome).toMatchObject({ code: 0, signal: null })
    expect(outcome.stdout).toContain("SIGTERM: stopping the simulators")
  })

  it("leaves what a session writes beside the code (store, key file, the simulators' env file) out of git", () => {
    const ignored = (path: string) => {
      try {
        execFileSync("git", ["check-ignore", "--quiet", "--no-index", path], { cwd: repositoryRoot })
        return true
      } catch {
        return false
      }
    }
    const written = ["iltsync.db", "iltsync.db-wal", "iltsync.db-shm", "iltsync.key", "sim.env", "data/iltsync.key"]
    expect(written.filter((path) => !ignored(path))).toEqual([])
  })

  it("adds the stack trace with --verbose", async () => {
    const outcome = await runCli(["sim", "--scenario", "nowhere", "--verbose"])
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toMatch(/^iltsync: unknown scenario "nowhere"\nhint: .*\n\nCliError: .*\n\s+at /)
  })
})
