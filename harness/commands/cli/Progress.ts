/** Progress of long work: a bar redrawn in place on a terminal, plain lines (every tenth) otherwise. */
import { Effect } from "effect"

export const progressReporter = (label: string, stream: NodeJS.WriteStream = process.stderr) => {
  const tty = stream.isTTY === true
  let lastLine = -1
  return (done: number, total: number) =>
    Effect.sync(() => {
      if (total === 0) return
      if (tty) {
        const width = 30
        const filled = Math.round((done / total) * width)
        stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`)
        if (done === total) stream.write("\n")
        return
      }
      const step = Math.max(1, Math.ceil(total / 10))
      const line = Math.floor(done / step)
      if (done === total || line !== lastLine) {
        lastLine = line
        stream.write(`${label}: ${done}/${total}\n`)
      }
    })
}
