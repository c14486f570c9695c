/**
 * `POST /webhooks/docebo` and `POST /webhooks/training-orchestra`: checked (signature, `?token=`, or Docebo's
 * configured `Authorization`), stored, and answered at once; the inbox's worker does the work. A delivery seen before
 * (same message id) is acknowledged and dropped, so a sender's retry is processed once.
 */
import type { Context } from "effect"
import { Hono } from "hono"
import type { WebhookSource } from "../../../adapters/store/WebhookInbox.ts"
import { type ServiceEnv, verifyWebhook } from "../Auth.ts"
import { decodeOrRefuse, parseJson, readBytes } from "../Body.ts"
import type { RouteDeps, ServiceContext } from "../Http.ts"
import { Inbox } from "../Inbox.ts"
import type { ServiceSettings } from "../Settings.ts"
import { DoceboEnvelope, ToEnvelope } from "../WebhookScopes.ts"

/** Each system's signature header, the `Authorization` it may carry instead, and where it keeps the message id. */
const senders = {
  docebo: {
    signatureHeader: "x-iltsync-signature",
    authorization: (settings: ServiceSettings) => settings.doceboWebhookAuthorization,
    messageId: (body: unknown) => decodeOrRefuse(DoceboEnvelope, body, "body", true).message_id,
  },
  to: {
    signatureHeader: "x-to-signature",
    authorization: (_settings: ServiceSettings) => null,
    messageId: (body: unknown) => decodeOrRefuse(ToEnvelope, body, "body", true).id,
  },
} as const

export const webhookRoutes = (deps: RouteDeps) => {
  // The inbox is taken from the runtime once: each request then stores its delivery without entering the runtime.
  let inbox: Promise<Context.Tag.Service<Inbox>> | undefined
  const receive = async (c: ServiceContext, source: WebhookSource) => {
    const sender = senders[source]
    const raw = await readBytes(c)
    verifyWebhook(
      { secret: deps.settings.webhookSecret, authorization: sender.authorization(deps.settings) },
      {
        body: raw,
        signature: c.req.header(sender.signatureHeader),
        urlToken: c.req.query("token"),
        authorization: c.req.header("authorization"),
      },
    )
    // A genuine delivery is taken even with bytes that are not UTF-8 (read as U+FFFD): it only names what changed,
    // which the run reads again from the sender's API, and refusing it would lose the notification.
    const body = parseJson(raw.toString("utf8"))
    const messageId = sender.messageId(body)
    inbox ??= deps.run(Inbox).catch((error: unknown) => {
      inbox = undefined
      throw error
    })
    const fresh = await (await inbox).accept(source, messageId, body)
    return c.json({ received: true, duplicate: !fresh })
  }
  return new Hono<ServiceEnv>()
    .post("/docebo", (c) => receive(c, "docebo"))
    .post("/training-orchestra", (c) => receive(c, "to"))
}
