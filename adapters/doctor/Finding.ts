/**
 * `iltsync doctor`: each capability iltsync relies on is one entry of a table (its name, the endpoint, whether a sync
 * needs it, one probe, and what iltsync does in each case). A probe observes; the table says what that means.
 */
import { Effect } from "effect"

/**
 * - `ok`: it answers, and a sample decodes with the adapter's own decoders;
 * - `missing`: the endpoint is not there (404, 405) or not allowed (403);
 * - `differs`: it answers, but a sampled record is not what iltsync reads (the field paths say where);
 * - `failed`: no answer iltsync can use (a 5xx, a 429, no connection, a refused token), or not tried because the
 *   doctor's calls are spent;
 * - `unchecked`: nothing to sample yet, or something it depends on did not work.
 */
export type Status = "ok" | "missing" | "differs" | "failed" | "unchecked"

/** A field of the sampled records that iltsync does not read as it expects, and what was found there. */
export interface Difference {
  readonly path: string
  /** The value found, as JSON (`missing` when absent), scrubbed of every secret the client knows and cut short. */
  readonly found: string
  /** In how many of the sampled records. */
  readonly records: number
}

/** What a probe saw. */
export interface Observation {
  readonly status: Status
  /** In a few words, never a secret: "12 courses listed", "answered 404". */
  readonly detail: string
  readonly differences?: ReadonlyArray<Difference>
  /** What iltsync does, when it depends on what was seen (a host name); else the capability's text for the status. */
  readonly willDo?: string
  /** iltsync refuses to sync whatever the capability's kind (an extended-enterprise sub-domain). */
  readonly blocks?: boolean
}

export type DoctorSystem = "docebo" | "to" | "iltsync"

export interface Capability<C> {
  readonly id: string
  readonly name: string
  readonly system: DoctorSystem
  /** The call, as `GET /course/v1/courses/{id}/sessions`; a check with no call of its own names what it reads. */
  readonly endpoint: string
  /** A sync needs it: a required capability that does not work makes `doctor` exit 1. */
  readonly required: boolean
  /** The id of a capability this one is probed after, and only when that one worked (a system's token). */
  readonly after?: string
  readonly probe: (context: C) => Effect.Effect<Observation>
  /** What iltsync does in each case; a status without a text here takes the defaults below. */
  readonly willDo: Partial<Record<Status, string>> & { readonly ok: string }
}

/** One line of the report. */
export interface Row {
  readonly id: string
  readonly capability: string
  readonly system: DoctorSystem
  readonly endpoint: string
  readonly required: boolean
  readonly status: Status
  readonly detail: string
  readonly differences: ReadonlyArray<Difference>
  readonly willDo: string
  /** This line alone makes the run fail: required and not working, or iltsync refuses to sync. */
  readonly blocking: boolean
  /** The capability that did not work, so this one was not probed; null when it was. */
  readonly notTriedFor: string | null
}

const defaultWillDo: Readonly<Record<Exclude<Status, "ok">, string>> = {
  missing: "iltsync cannot sync without it",
  differs: "each record that differs fails to read (its course is not synced) until iltsync reads that shape",
  failed: "run `iltsync doctor` again; if it persists, check the URL, the credentials and the system's status",
  unchecked: "checked by the next `iltsync doctor` once there is something to sample",
}

/** A capability whose status is one of these did not work, and those probed after it are not tried. */
const notWorking: ReadonlyArray<Status> = ["missing", "failed", "unchecked"]

const rowOf = <C>(capability: Capability<C>, seen: Observation, notTriedFor: string | null = null): Row => ({
  id: capability.id,
  capability: capability.name,
  system: capability.system,
  endpoint: capability.endpoint,
  required: capability.required,
  status: seen.status,
  detail: seen.detail,
  differences: seen.differences ?? [],
  willDo:
    seen.willDo ??
    capability.willDo[seen.status] ??
    (seen.status === "ok" ? capability.willDo.ok : defaultWillDo[seen.status]),
  blocking:
    seen.blocks === true ||
    (capability.required && (seen.status === "missing" || seen.status === "differs" || seen.status === "failed")),
  notTriedFor,
})

/** Each capability in turn (one call at a time: the doctor is light on a tenant's hourly budget). */
export const probeAll = <C>(
  capabilities: ReadonlyArray<Capability<C>>,
  context: C,
): Effect.Effect<ReadonlyArray<Row>> =>
  Effect.gen(function* () {
    const rows: Row[] = []
    for (const capability of capabilities) {
      const before = capability.after === undefined ? undefined : rows.find((row) => row.id === capability.after)
      if (before !== undefined && notWorking.includes(before.status)) {
        const seen: Observation = {
          status: "unchecked",
          detail: `not tried: ${before.capability} did not work`,
          willDo: `checked once ${before.capability} works`,
        }
        rows.push(rowOf(capability, seen, before.id))
      } else rows.push(rowOf(capability, yield* capability.probe(context)))
    }
    return rows
  })
