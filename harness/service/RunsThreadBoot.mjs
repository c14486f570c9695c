// The runs thread's first module (RunsThread.ts). A thread does not always inherit the TypeScript loader its process
// was started with (Node 20 hands `--import` hooks to no thread), so when its entry cannot be loaded as it is, the
// thread registers tsx itself and loads it again.
import { workerData } from "node:worker_threads"

try {
  await import(workerData.entry)
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error
  const { register } = await import("tsx/esm/api")
  register()
  // A module that failed to load stays failed under its URL: the entry is asked for again under another.
  await import(`${workerData.entry}?loaded-by=tsx`)
}
