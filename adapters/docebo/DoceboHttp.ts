import { Effect, Layer } from "effect"
import { DoceboPort } from "../../engine/Ports.ts"
import { CallAccounting } from "../http/Calls.ts"
import { makeTransport, withBearer } from "../http/Client.ts"
import { issueToken } from "../http/Grant.ts"
import { makeBearer } from "../http/Token.ts"
import { doceboReason } from "./Answers.ts"
import { doceboSecrets, doceboTokenRequest } from "./Auth.ts"
import { DoceboBudget } from "./Budget.ts"
import { type DoceboHttpConfig, doceboSettings } from "./Config.ts"
import { withInstructorMark } from "./InstructorMark.ts"
import { makeDoceboReads } from "./Reads.ts"
import { makeDoceboWrites } from "./Writes.ts"

/**
 * Calls to Docebo with its token, under the shared Docebo budget and counted by `calls`: what the adapter and
 * `iltsync doctor` (./doctor) both send through. `bearer` is the token itself, for a caller that checks it alone.
 */
export const makeDoceboClient = Effect.fn("DoceboHttp.client")(function* (
  config: DoceboHttpConfig,
  calls: CallAccounting["Type"],
) {
  const settings = doceboSettings(config)
  const budget = yield* DoceboBudget
  const secrets = new Set(doceboSecrets(settings.credentials))
  const transport = makeTransport(
    {
      system: "docebo",
      baseUrl: settings.baseUrl,
      fetch: settings.fetch,
      timeout: settings.timeout,
      retry: settings.retry,
      reasonOf: doceboReason,
    },
    budget,
    calls,
    secrets,
  )
  const bearer = yield* makeBearer(
    issueToken(transport, doceboTokenRequest(settings.credentials)),
    settings.tokenMargin,
    (token) => {
      secrets.add(token)
    },
  )
  return { client: withBearer(transport, bearer), bearer, settings }
})

/** The Docebo adapter over HTTP: reads, writes, its token, all under the shared Docebo budget. */
export const makeDoceboHttp = Effect.fn("DoceboHttp.make")(function* (config: DoceboHttpConfig) {
  const { client, settings } = yield* makeDoceboClient(config, yield* CallAccounting)
  const reads = makeDoceboReads(client, settings)
  const { events: _events, ...port } = reads
  return DoceboPort.of(withInstructorMark(settings.instructorMark)({ ...port, write: makeDoceboWrites(client, reads) }))
})

/** `DoceboPort` over HTTP; provide `DoceboBudgetLive` and `CallAccountingLive` once for the whole process. */
export const DoceboHttpLive = (config: DoceboHttpConfig) => Layer.effect(DoceboPort, makeDoceboHttp(config))
