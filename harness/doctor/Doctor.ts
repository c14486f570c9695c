/**
 * `iltsync doctor` and `GET /doctor`: before a first sync, each capability iltsync relies on is called once and a
 * sample decoded with the adapters' own decoders, reading only, in at most 30 calls to both systems together. The
 * calls go through the adapters' clients, so they count in the shared budgets and call accounting like any other.
 */
import { Effect } from "effect"
import { makeDoceboClient } from "../../adapters/docebo/DoceboHttp.ts"
import { doceboCapabilities } from "../../adapters/docebo/doctor/Capabilities.ts"
import { makeDoceboDoctorContext } from "../../adapters/docebo/doctor/Samples.ts"
import { makeDoctorClient } from "../../adapters/doctor/Calls.ts"
import { probeAll, type Row } from "../../adapters/doctor/Finding.ts"
import { CallAccounting, makeCallAccounting } from "../../adapters/http/Calls.ts"
import type { Fetch } from "../../adapters/http/Fetch.ts"
import { toCapabilities } from "../../adapters/training-orchestra/doctor/Capabilities.ts"
import { makeToClient } from "../../adapters/training-orchestra/ToHttp.ts"
import { RequestPriority } from "../../engine/Ports.ts"
import { doceboCredentials, type SystemsFetch } from "../App.ts"
import { type Connections, defaultStrategies } from "../Config.ts"
import { publicUrlCapability } from "./PublicUrl.ts"

/** The most calls one doctor run makes to Docebo and Training Orchestra together. */
export const doctorCallLimit = 30

/**
 * What one call may cost at worst once the token is held: the call, a new token after a 401, the call again; and one
 * more in hand. A call starts only while that much is left, so the limit holds whatever the systems answer.
 */
const worstCall = 4

export interface DoctorOptions {
  readonly connections: Connections
  /** How both systems are reached (in-process simulators in tests); real HTTP unless given. */
  readonly fetch?: SystemsFetch
  /** iltsync's public URL (`ILTSYNC_PUBLIC_URL`), null when not configured. */
  readonly publicUrl: string | null
  /** How the public URL is reached; real HTTP unless given. */
  readonly publicFetch?: Fetch
  /** The most calls to make; `doctorCallLimit` unless a test asks for fewer. */
  readonly callLimit?: number
}

export interface DoctorReport {
  /** Every required capability works, and nothing makes iltsync refuse to sync. */
  readonly ok: boolean
  readonly calls: { readonly docebo: number; readonly to: number; readonly total: number; readonly limit: number }
  readonly capabilities: ReadonlyArray<Row>
}

/** A doctor's answer: no retries (it reports what it sees), and no long waits. */
const probing = { retry: { maxRetries: 0 }, timeout: "20 seconds" } as const

export const runDoctor = Effect.fn("Doctor.run")(
  function* (options: DoctorOptions) {
    const { connections } = options
    const limit = options.callLimit ?? doctorCallLimit
    const shared = yield* CallAccounting
    // The doctor's own count, for its limit; every call is counted in the process's accounting too.
    const own = makeCallAccounting()
    const counted: CallAccounting["Type"] = {
      ...own,
      record: (call, priority) => Effect.zipRight(own.record(call, priority), shared.record(call, priority)),
    }
    const mayCall = Effect.map(own.total(), (spent) => spent + worstCall <= limit)

    const docebo = yield* makeDoceboClient(
      {
        baseUrl: connections.docebo.url,
        credentials: doceboCredentials(connections.docebo),
        ...probing,
        ...(options.fetch?.docebo ? { fetch: options.fetch.docebo } : {}),
      },
      counted,
    )
    const to = yield* makeToClient(
      {
        baseUrl: connections.to.url,
        clientId: connections.to.clientId,
        clientSecret: connections.to.clientSecret,
        ...probing,
        ...(options.fetch?.to ? { fetch: options.fetch.to } : {}),
      },
      counted,
    )
    const doceboContext = yield* makeDoceboDoctorContext(
      makeDoctorClient(docebo.client, docebo.bearer, mayCall, limit),
      connections.docebo.url,
      connections.strategies ?? defaultStrategies,
    )
    const rows = [
      ...(yield* probeAll(doceboCapabilities, doceboContext)),
      ...(yield* probeAll(toCapabilities, {
        client: makeDoctorClient(to.client, to.bearer, mayCall, limit),
      })),
      ...(yield* probeAll([publicUrlCapability], {
        publicUrl: options.publicUrl,
        fetch: options.publicFetch ?? ((input, init) => fetch(input, init)),
      })),
    ]
    const calls = {
      docebo: yield* own.total({ system: "docebo" }),
      to: yield* own.total({ system: "to" }),
      total: yield* own.total(),
      limit,
    }
    return { ok: rows.every((row) => !row.blocking), calls, capabilities: rows } satisfies DoctorReport
  },
  (effect) => Effect.locally(effect, RequestPriority, "interactive"),
)
