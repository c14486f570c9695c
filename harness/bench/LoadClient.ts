/**
 * The load generator of `bench service`, run as its own process so that it does not share the service's event loop.
 * Keep-alive connections over loopback; each request's latency is taken from when it was due (at a fixed rate) or
 * sent (as fast as it goes), so a stalled server cannot hide its stall. Webhooks get a fresh message id each, except
 * every `duplicateEvery`-th, which repeats an earlier one as a sender's retry would. Prints one JSON line.
 * Usage: tsx harness/bench/LoadClient.ts '<LoadPlan as JSON>'
 */
import { createHmac, randomUUID } from "node:crypto"
import { Agent, request } from "node:http"
import { performance } from "node:perf_hooks"

export interface LoadPlan {
  readonly url: string
  readonly kind: "webhooks" | "get"
  readonly connections: number
  readonly seconds: number
  /** Requests per second over all connections; omitted: as fast as answers come. */
  readonly rate?: number
  readonly headers?: Record<string, string>
  /** Webhooks: the shared secret that signs each body, and the TO session ids the events name. */
  readonly secret?: string
  readonly sessionIds?: ReadonlyArray<string>
  readonly duplicateEvery?: number
  /** The TO event type; `session.updated` unless given. */
  readonly eventType?: string
}

export interface LoadResult {
  readonly requests: number
  readonly ok: number
  readonly errors: number
  /** Of the errors, requests not answered within 5 s of being due. */
  readonly timedOut: number
  readonly seconds: number
  readonly perSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  readonly bytes: number
  /** Webhooks: message ids answered as new (more than once would be a duplicate accepted twice). */
  readonly accepted: ReadonlyArray<string>
  readonly duplicatesSent: number
  readonly duplicatesRecognised: number
}

const plan = JSON.parse(process.argv[2] ?? "{}") as LoadPlan
const agent = new Agent({ keepAlive: true, maxSockets: plan.connections })
const target = new URL(plan.url)

/** A request not answered this long after it was due counts as an error: a stalled server must not stall the run. */
const timeoutMs = 5_000

const send = (body: string | undefined, headers: Record<string, string>, dueAt: number) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => req.destroy(new Error("timed out")),
      Math.max(1, dueAt + timeoutMs - performance.now()),
    )
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: body === undefined ? "GET" : "POST",
        headers: { ...plan.headers, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          clearTimeout(timer)
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") })
        })
        res.on("error", reject)
      },
    )
    req.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    req.end(body)
  })

const sentIds: string[] = []
let sequence = 0

/** The next webhook: a TO `session.updated`, signed as the simulator signs its deliveries. */
const nextWebhook = () => {
  sequence += 1
  const repeat = plan.duplicateEvery !== undefined && sequence % plan.duplicateEvery === 0 && sentIds.length > 0
  const id = repeat
    ? (sentIds[(sequence * 7919) % sentIds.length] as string)
    : `evt_${randomUUID().replaceAll("-", "")}`
  if (!repeat) sentIds.push(id)
  const sessions = plan.sessionIds ?? ["ses_unknown"]
  const body = JSON.stringify({
    id,
    type: plan.eventType ?? "session.updated",
    occurred_at: new Date().toISOString(),
    data: { id: sessions[sequence % sessions.length] },
  })
  const signature = `sha256=${createHmac("sha256", plan.secret ?? "")
    .update(body, "utf8")
    .digest("hex")}`
  return { id, repeat, body, headers: { "content-type": "application/json", "x-to-signature": signature } }
}

const latencies: number[] = []
const accepted: string[] = []
let ok = 0
let errors = 0
let timedOut = 0
let bytes = 0
let duplicatesSent = 0
let duplicatesRecognised = 0

const one = async (dueAt: number) => {
  const webhook = plan.kind === "webhooks" ? nextWebhook() : undefined
  if (webhook?.repeat) duplicatesSent += 1
  try {
    const answer = await send(webhook?.body, webhook?.headers ?? {}, dueAt)
    latencies.push(performance.now() - dueAt)
    bytes += answer.text.length
    if (answer.status !== 200) {
      errors += 1
      return
    }
    ok += 1
    if (webhook) {
      const { duplicate } = JSON.parse(answer.text) as { duplicate: boolean }
      if (duplicate) duplicatesRecognised += 1
      else accepted.push(webhook.id)
    }
  } catch (error) {
    errors += 1
    if (error instanceof Error && error.message === "timed out") timedOut += 1
    latencies.push(performance.now() - dueAt)
  }
}

const started = performance.now()
const deadline = started + plan.seconds * 1000

/** As fast as answers come: each connection sends its next request when the last is answered. */
const closedLoop = async () => {
  const worker = async () => {
    while (performance.now() < deadline) await one(performance.now())
  }
  await Promise.all(Array.from({ length: plan.connections }, worker))
}

/** At a fixed rate, whatever the answers: request i is due at i / rate. */
const openLoop = async (rate: number) => {
  const inFlight = new Set<Promise<void>>()
  const total = Math.floor(rate * plan.seconds)
  for (let i = 0; i < total; i++) {
    const dueAt = started + (i * 1000) / rate
    const wait = dueAt - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const pending = one(dueAt).finally(() => inFlight.delete(pending))
    inFlight.add(pending)
  }
  await Promise.all(inFlight)
}

await (plan.rate === undefined ? closedLoop() : openLoop(plan.rate))
const seconds = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN
const result: LoadResult = {
  requests: latencies.length,
  ok,
  errors,
  timedOut,
  seconds,
  perSecond: ok / seconds,
  p50Ms: at(0.5),
  p99Ms: at(0.99),
  maxMs: latencies.at(-1) ?? Number.NaN,
  bytes,
  accepted,
  duplicatesSent,
  duplicatesRecognised,
}
agent.destroy()
console.log(JSON.stringify(result))
