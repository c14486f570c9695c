import type { Duration } from "effect"
import type { Fetch } from "../http/Fetch.ts"
import { defaultRetrySettings, type RetrySettings } from "../http/Policy.ts"

export interface ToHttpConfig {
  /** The customer's platform, e.g. `https://acme.trainingorchestra.com`; the API is under `{baseUrl}/api/v1`. */
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string
  /** The OAuth2 token endpoint handed out with the credentials; `{baseUrl}/oauth/token` when not given. */
  readonly tokenUrl?: string
  /** Real HTTP by default; a simulator's `app.request` for in-process runs (see `fetchFromApp`). */
  readonly fetch?: Fetch
  readonly timeout?: Duration.DurationInput
  readonly retry?: Partial<RetrySettings>
  /** A token is replaced this long before it expires. */
  readonly tokenMargin?: Duration.DurationInput
}

export interface ToSettings {
  readonly apiUrl: string
  readonly tokenUrl: string
  readonly clientId: string
  readonly clientSecret: string
  readonly fetch: Fetch
  readonly timeout: Duration.DurationInput
  readonly retry: RetrySettings
  readonly tokenMargin: Duration.DurationInput
}

export const toSettings = (config: ToHttpConfig): ToSettings => {
  const base = config.baseUrl.replace(/\/+$/, "")
  return {
    apiUrl: `${base}/api/v1`,
    tokenUrl: config.tokenUrl ?? `${base}/oauth/token`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
    timeout: config.timeout ?? "30 seconds",
    retry: { ...defaultRetrySettings, ...config.retry },
    tokenMargin: config.tokenMargin ?? "60 seconds",
  }
}
