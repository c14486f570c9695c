/** `npm run console`: the console against both simulators with acme, until Ctrl+C. */
import { listenForStop } from "../commands/cli/Stop.ts"
import { startConsoleTrial } from "./Trial.ts"

const { stopped, dispose } = listenForStop()
const trial = await startConsoleTrial()
process.stdout.write(
  [
    "iltsync console: the acme tenant on both simulators, a store in a temporary folder.",
    `  open      ${trial.url}`,
    `  sign in   ${trial.token}   (or ${trial.operator}:${trial.token})`,
    `  Docebo    ${trial.doceboUrl}`,
    `  TO        ${trial.toUrl}`,
    "Start with Synchronize in the ⋯ menu. Stop with Ctrl+C.",
    "",
  ].join("\n"),
)
const signal = await stopped
process.stdout.write(`${signal}: stopping\n`)
await trial.close()
dispose()
