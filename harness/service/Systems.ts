/**
 * Both systems behind the engine's ports, for as long as the service runs. The adapters (and the tokens they hold)
 * are built once from the saved credentials or the environment and kept; when an operator saves new credentials the
 * next use builds them again. The request budgets and the call accounting are the runtime's, so they outlive any
 * change of credentials.
 */
import { Context, Effect, ExecutionStrategy, Exit, Layer, Ref, Scope } from "effect"
import type { StoredCredentials } from "../../adapters/store/Credentials.ts"
import type { CredentialsUnreadable, SecretKeyMissing, StoreError } from "../../adapters/store/Errors.ts"
import { Store } from "../../adapters/store/Store.ts"
import type { ReadError } from "../../engine/Errors.ts"
import { DoceboPort, type ToPort } from "../../engine/Ports.ts"
import { adaptersLayer, type SystemsFetch } from "../App.ts"
import { domainRefusal, SubdomainRefused } from "../CheckCredentials.ts"
import { type Connections, connectionsFrom } from "../Config.ts"
import { withImportedWebinarAccounts } from "../ImportedWebinarAccounts.ts"
import { SettingsMissing } from "../Sync.ts"

export type Ports = Context.Context<DoceboPort | ToPort>

/** Where operators are sent: Docebo's course pages and the TO platform, each known even when the other is not. */
export interface Links {
  readonly doceboUrl: string | null
  readonly platformUrl: string | null
}

const linksFrom = (stored: StoredCredentials, env: NodeJS.ProcessEnv): Links => {
  const doceboUrl = stored.docebo?.url || env.DOCEBO_URL || null
  const platformUrl = stored.to
    ? stored.to.platformUrl || stored.to.url || null
    : env.TO_PLATFORM_URL || env.TO_URL || null
  return { doceboUrl: doceboUrl?.replace(/\/+$/, "") ?? null, platformUrl }
}

type CredentialsError = StoreError | CredentialsUnreadable | SecretKeyMissing
export type SettingsError = SettingsMissing | CredentialsError
export type ConnectError = SettingsError | SubdomainRefused | ReadError

export class Systems extends Context.Tag("harness/service/Systems")<
  Systems,
  {
    /** The connections in effect: saved credentials win over the environment. */
    readonly connections: Effect.Effect<Connections, SettingsError>
    readonly links: Effect.Effect<Links, CredentialsError>
    /** The adapters for the connections in effect, built on first use and again after credentials change. */
    readonly ports: Effect.Effect<Ports, ConnectError>
    /** How the systems are reached (in-process simulators in tests), for a check of new credentials. */
    readonly fetch: SystemsFetch
  }
>() {}

/**
 * The integration works on a main domain only. Credentials saved through the API were checked; those of the
 * environment are checked here, once per set of credentials (one call), before anything is read or written.
 */
const mainDomainOnly = (ports: Ports) =>
  Effect.gen(function* () {
    const domain = yield* Context.get(ports, DoceboPort).domain()
    const refusal = domainRefusal(domain)
    if (refusal !== null) return yield* new SubdomainRefused({ domain: domain.domain, reason: refusal })
  })

interface Built {
  readonly key: string
  readonly ports: Ports
  readonly scope: Scope.CloseableScope
}

export const SystemsLive = (env: NodeJS.ProcessEnv, fetch: SystemsFetch = {}) =>
  Layer.scoped(
    Systems,
    Effect.gen(function* () {
      const store = yield* Store
      const shared = yield* Effect.context<Layer.Layer.Context<ReturnType<typeof adaptersLayer>>>()
      const parent = yield* Effect.scope
      const built = yield* Ref.make<Built | null>(null)
      const oneBuild = yield* Effect.makeSemaphore(1)
      const connections = Effect.gen(function* () {
        const found = connectionsFrom(yield* store.loadCredentials(), env)
        if ("missing" in found) return yield* new SettingsMissing({ names: found.missing })
        return found.connections
      })

      const ports = oneBuild.withPermits(1)(
        Effect.gen(function* () {
          const current = yield* connections
          // Secrets are part of the key (held in memory only), so a changed password rebuilds too.
          const key = JSON.stringify(current)
          const previous = yield* Ref.get(built)
          if (previous !== null && previous.key === key) return previous.ports
          const scope = yield* Scope.fork(parent, ExecutionStrategy.sequential)
          const next = yield* Layer.buildWithScope(
            withImportedWebinarAccounts(adaptersLayer(current, fetch)),
            scope,
          ).pipe(
            Effect.provide(shared),
            Effect.provideService(Store, store),
            Effect.tap(mainDomainOnly),
            Effect.tapError(() => Scope.close(scope, Exit.void)),
          )
          yield* Ref.set(built, { key, ports: next, scope })
          if (previous !== null) yield* Scope.close(previous.scope, Exit.void)
          return next
        }),
      )
      const links = Effect.map(store.loadCredentials(), (stored) => linksFrom(stored, env))
      return { connections, links, ports, fetch }
    }),
  )
