import { Effect, Layer } from "effect"
import { ToPort } from "../../engine/Ports.ts"
import { CallAccounting } from "../http/Calls.ts"
import { makeTransport, withBearer } from "../http/Client.ts"
import { issueToken } from "../http/Grant.ts"
import { makeBearer } from "../http/Token.ts"
import { toReason } from "./Answers.ts"
import { toTokenRequest } from "./Auth.ts"
import { ToBudget } from "./Budget.ts"
import { type ToHttpConfig, toSettings } from "./Config.ts"
import { makeToReads } from "./Reads.ts"
import { makeToWrites } from "./Writes.ts"

/**
 * Calls to Training Orchestra with its token, under the shared TO budget and counted by `calls`: what the adapter and
 * `iltsync doctor` both send through. `bearer` is the token itself, for a caller that checks it alone.
 */
export const makeToClient = Effect.fn("ToHttp.client")(function* (config: ToHttpConfig, calls: CallAccounting["Type"]) {
  const settings = toSettings(config)
  const secrets = new Set([settings.clientSecret])
  const transport = makeTransport(
    {
      system: "to",
      baseUrl: settings.apiUrl,
      fetch: settings.fetch,
      timeout: settings.timeout,
      retry: settings.retry,
      reasonOf: toReason,
    },
    yield* ToBudget,
    calls,
    secrets,
  )
  const bearer = yield* makeBearer(issueToken(transport, toTokenRequest(settings)), settings.tokenMargin, (token) => {
    secrets.add(token)
  })
  return { client: withBearer(transport, bearer), bearer, settings }
})

/** The Training Orchestra adapter over HTTP: reads, writes, its token, all under the shared TO budget. */
export const makeToHttp = Effect.fn("ToHttp.make")(function* (config: ToHttpConfig) {
  const { client } = yield* makeToClient(config, yield* CallAccounting)
  return ToPort.of({ list: makeToReads(client), write: makeToWrites(client) })
})

/** `ToPort` over HTTP; provide `ToBudgetLive` and `CallAccountingLive` once for the whole process. */
export const ToHttpLive = (config: ToHttpConfig) => Layer.effect(ToPort, makeToHttp(config))
