// The runs thread's first module (RunsThread.ts). A thread does not always inherit the TypeScript loader its process
// was started with (Node 20 hands `--import` hooks to no thread), and Node's own type stripping (22 and later) takes
// less than the project's TypeScript, so the thread registers tsx itself before it loads its entry; where tsx was
// inherited, the later registration answers first and the other is never asked.
import { workerData } from "node:worker_threads"
import { register } from "tsx/esm/api"

register()
await import(workerData.entry)
