/**
 * The first SIGINT or SIGTERM, for a command that runs until stopped. It is listened for before anything starts, so
 * a signal sent while servers start is not lost (it would otherwise kill the process without closing them).
 */
export const listenForStop = () => {
  let stop: (signal: NodeJS.Signals) => void = () => undefined
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    stop = resolve
  })
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  const dispose = () => {
    process.off("SIGINT", stop)
    process.off("SIGTERM", stop)
  }
  return { stopped, dispose }
}
