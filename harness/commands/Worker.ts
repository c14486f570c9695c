/**
 * `iltsync worker`: a worker process on the PostgreSQL store's queue (harness/workers/Worker.ts), until SIGTERM or
 * SIGINT; then it lets the tasks it runs finish and exits 0.
 */
import { TenantRefused } from "../../adapters/store/Tenants.ts"
import { ServiceRefused } from "../service/Settings.ts"
import { startWorker } from "../workers/Worker.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { listenForStop } from "./cli/Stop.ts"
import { workerSynopsis } from "./Synopses.ts"

const usageHint = `usage: iltsync ${workerSynopsis}`

const leaseOf = (env: NodeJS.ProcessEnv): number | undefined => {
  const text = env.ILTSYNC_WORKER_LEASE_SECONDS?.trim()
  if (text === undefined || text === "") return undefined
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600)
    throw new CliError(`ILTSYNC_WORKER_LEASE_SECONDS must be from 1 to 3600 seconds, not "${text}"`)
  return seconds * 1000
}

export const run = async (argv: string[]): Promise<number> => {
  const { values } = readFlags(argv, { concurrency: { type: "string", default: "2" } }, workerSynopsis)
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new CliError(`--concurrency must be a whole number from 1 to 64, not "${values.concurrency}"`, usageHint)
  const leaseMs = leaseOf(process.env)
  const { stopped: signalled, dispose } = listenForStop()
  try {
    const worker = await startWorker({
      env: process.env,
      concurrency,
      ...(leaseMs === undefined ? {} : { leaseMs }),
    }).catch((error: unknown) => {
      if (error instanceof ServiceRefused || error instanceof TenantRefused)
        throw new CliError(error.reason, error.hint)
      throw error
    })
    process.stdout.write(`iltsync worker started (${concurrency} at once); stop with Ctrl+C or SIGTERM\n`)
    const signal = await Promise.race([signalled, worker.stopped.then(() => null)])
    if (signal !== null) process.stdout.write(`${signal}: stopping the worker\n`)
    await worker.stop()
    process.stdout.write("iltsync worker stopped\n")
    return 0
  } finally {
    dispose()
  }
}
