/**
 * Whether iltsync's own public URL (where Docebo's and TO's webhooks are to be sent) answers from where the doctor
 * runs. Only the URL's origin and path are ever shown: a `?token=` in it is a secret.
 */
import { Effect } from "effect"
import type { Capability, Observation } from "../../adapters/doctor/Finding.ts"
import type { Fetch } from "../../adapters/http/Fetch.ts"

export interface PublicUrlContext {
  /** `ILTSYNC_PUBLIC_URL` (or `--public-url`); null when not configured. */
  readonly publicUrl: string | null
  readonly fetch: Fetch
}

/** The URL without what may be secret (user, password, query, fragment). */
export const shownUrl = (url: string): string => {
  const parsed = new URL(url)
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`
}

const waitMs = 5_000

const probePublicUrl = ({ publicUrl, fetch }: PublicUrlContext): Effect.Effect<Observation> => {
  if (publicUrl === null || publicUrl.trim() === "")
    return Effect.succeed({ status: "unchecked", detail: "not configured" })
  if (!URL.canParse(publicUrl)) {
    return Effect.succeed({ status: "failed", detail: "ILTSYNC_PUBLIC_URL is not an absolute URL" })
  }
  const base = shownUrl(publicUrl)
  const healthz = `${base}/healthz`
  return Effect.tryPromise({
    try: async () => {
      const response = await fetch(healthz, { method: "GET", signal: AbortSignal.timeout(waitMs) })
      const body = (await response.json().catch(() => null)) as { ok?: unknown } | null
      return { status: response.status, ok: body?.ok === true }
    },
    catch: (error) => (error instanceof Error && error.name === "TimeoutError" ? "no answer within 5 s" : "no answer"),
  }).pipe(
    Effect.map(
      ({ status, ok }): Observation =>
        status === 200 && ok
          ? {
              status: "ok",
              detail: `${healthz} answered`,
              willDo: `Docebo's webhook goes to ${base}/webhooks/docebo, Training Orchestra's to ${base}/webhooks/training-orchestra`,
            }
          : {
              status: "failed",
              detail: `${healthz} answered ${status}${status === 200 ? ", not as iltsync does" : ""}`,
            },
    ),
    Effect.catchAll((reason) => Effect.succeed<Observation>({ status: "failed", detail: `${healthz}: ${reason}` })),
  )
}

export const publicUrlCapability: Capability<PublicUrlContext> = {
  id: "iltsync.webhooks",
  name: "webhooks reachable",
  system: "iltsync",
  endpoint: "GET {ILTSYNC_PUBLIC_URL}/healthz",
  required: false,
  probe: probePublicUrl,
  willDo: {
    ok: "webhooks reach iltsync",
    failed: "webhooks will not reach iltsync from there: Docebo's changes are seen at the periodic reconcile only",
    unchecked:
      "not configured (ILTSYNC_PUBLIC_URL): Docebo's changes are seen at the periodic reconcile until its webhook points at iltsync",
  },
}
