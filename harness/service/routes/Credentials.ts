/**
 * The Credentials tab. `GET` shows what is in effect (saved, else the environment) with every secret masked. `PUT`
 * checks the credentials against both systems before saving them (the CLI's check: a token from each, and Docebo
 * must be a main domain: the integration is not available to extended-enterprise sub-domains). Saved credentials win
 * over the environment from the next use on.
 */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { maskedCredentials, type StoredCredentials } from "../../../adapters/store/Credentials.ts"
import { Store } from "../../../adapters/store/Store.ts"
import { RequestPriority } from "../../../engine/Ports.ts"
import { checkConnections } from "../../CheckCredentials.ts"
import { connectionsFrom, environmentConnections } from "../../Config.ts"
import type { ServiceEnv } from "../Auth.ts"
import { decodeBody, NonEmptyId } from "../Body.ts"
import { isoNow } from "../Clock.ts"
import { logAction, type RouteDeps, type ServiceContext } from "../Http.ts"
import { badInput, Problem, problemOf, subDomainRefusal } from "../Problem.ts"
import { Systems } from "../Systems.ts"

const Url = Schema.Trim.pipe(
  Schema.filter((value) => /^https?:\/\/[^\s/]+/.test(value) || "must be an http or https URL"),
  Schema.transform(Schema.String, { decode: (url) => url.replace(/\/+$/, ""), encode: (url) => url }),
)
const Secret = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))

const DoceboBody = Schema.Struct({
  url: Url,
  clientId: NonEmptyId,
  clientSecret: Secret,
  username: Schema.optional(Schema.String),
  password: Schema.optional(Schema.String),
})
const ToBody = Schema.Struct({
  url: Url,
  clientId: NonEmptyId,
  clientSecret: Secret,
  platformUrl: Schema.optional(Url),
})
export const CredentialsBody = Schema.Struct({ docebo: Schema.optional(DoceboBody), to: Schema.optional(ToBody) })

/** A system's settings from the environment, for a system whose URL it gives. */
export const fromEnvironment = (env: NodeJS.ProcessEnv): StoredCredentials => {
  const given = environmentConnections(env)
  return { docebo: env.DOCEBO_URL ? given.docebo : null, to: env.TO_URL ? given.to : null }
}

/** Each system's credentials in effect, masked, and where they come from. */
const shown = (stored: StoredCredentials, env: NodeJS.ProcessEnv) => {
  const fallback = fromEnvironment(env)
  const masked = maskedCredentials({ docebo: stored.docebo ?? fallback.docebo, to: stored.to ?? fallback.to })
  const source = (saved: unknown, given: unknown) => (saved !== null ? "store" : given !== null ? "environment" : null)
  return {
    docebo: masked.docebo === null ? null : { ...masked.docebo, source: source(stored.docebo, fallback.docebo) },
    to: masked.to === null ? null : { ...masked.to, source: source(stored.to, fallback.to) },
  }
}

/**
 * Why a check failed, naming the system (the adapters keep secrets out of the reasons): a 422 when the system read
 * the credentials and refused them, a 502 when it gave no answer to judge them by (nothing listens at the URL, a
 * time-out, a 5xx): the credentials may be right, the system could not be reached.
 */
export const refusal = (error: unknown): Problem => {
  const tagged = error as {
    readonly _tag?: string
    readonly system?: string
    readonly status?: unknown
    readonly reason?: string
  }
  if (tagged._tag === "SubdomainRefused") {
    // The field says which domain and what to do (the main domain, or confirming it where Docebo cannot tell).
    const message = tagged.reason ?? subDomainRefusal
    return new Problem(422, subDomainRefusal, { errors: [{ field: "docebo.url", message }] })
  }
  const system = tagged.system === "to" ? "Training Orchestra" : "Docebo"
  const field = tagged.system === "to" ? "to" : "docebo"
  const answered = typeof tagged.status === "number" && tagged.status < 500
  if (!answered) {
    return new Problem(502, `${system} could not be reached to check the credentials: ${problemOf(error).detail}`, {
      errors: [{ field: `${field}.url`, message: `${system} could not be reached` }],
    })
  }
  return new Problem(422, `${system} refused the credentials: ${problemOf(error).detail}`, {
    errors: [{ field, message: `${system} refused them` }],
  })
}

export type CredentialsChange = typeof CredentialsBody.Type

/** The credentials in effect, every secret masked. */
export const credentialsShown = (env: NodeJS.ProcessEnv) =>
  Effect.map(
    Effect.flatMap(Store, (store) => store.loadCredentials()),
    (stored) => shown(stored, env),
  )

/** Checks the given credentials against both systems, then saves them; a refusal names the system and the field. */
export const saveCheckedCredentials = (
  c: ServiceContext,
  deps: RouteDeps,
  env: NodeJS.ProcessEnv,
  body: CredentialsChange,
) =>
  Effect.gen(function* () {
    if (body.docebo === undefined && body.to === undefined) {
      return yield* Effect.die(badInput([{ field: "body", message: "must give docebo, to, or both" }]))
    }
    const docebo = body.docebo && {
      ...body.docebo,
      username: body.docebo.username ?? "",
      password: body.docebo.password ?? "",
    }
    if (docebo && (docebo.username === "") !== (docebo.password === "")) {
      const field = docebo.username === "" ? "docebo.username" : "docebo.password"
      return yield* Effect.die(
        badInput([{ field, message: "is needed with the other: give both username and password, or neither" }]),
      )
    }
    const to = body.to && { ...body.to, platformUrl: body.to.platformUrl ?? body.to.url }
    const store = yield* Store
    const systems = yield* Systems
    // A system not given keeps what is in effect for it, and is checked along with the new one.
    const stored = yield* store.loadCredentials()
    const found = connectionsFrom({ docebo: docebo ?? stored.docebo, to: to ?? stored.to }, env)
    if ("missing" in found) {
      const field = docebo === undefined ? "docebo" : "to"
      return yield* Effect.die(badInput([{ field, message: `is needed: missing ${found.missing.join(", ")}` }]))
    }
    yield* checkConnections(found.connections, { fetch: systems.fetch }).pipe(
      Effect.locally(RequestPriority, "interactive"),
      Effect.catchAll((error) => Effect.die(refusal(error))),
    )
    yield* store.saveCredentials({ ...(docebo ? { docebo } : {}), ...(to ? { to } : {}) }, isoNow(deps.clock))
    const systemsSaved = [...(docebo ? ["docebo"] : []), ...(to ? ["to"] : [])]
    yield* logAction(c, deps.clock, { action: "credentials.update", details: { systems: systemsSaved } })
    return shown(yield* store.loadCredentials(), env)
  })

export const credentialRoutes = (deps: RouteDeps, env: NodeJS.ProcessEnv) =>
  new Hono<ServiceEnv>()
    .get("/", async (c) => c.json(await deps.run(credentialsShown(env))))
    .put("/", async (c) =>
      c.json(await deps.run(saveCheckedCredentials(c, deps, env, await decodeBody(c, CredentialsBody)))),
    )
