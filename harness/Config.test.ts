import { describe, expect, it } from "vitest"
import { changedConnections, connectionsFrom, defaultStrategies } from "./Config.ts"

const stored = {
  docebo: {
    url: "https://acme.docebosaas.com",
    clientId: "dcb-id",
    clientSecret: "dcb-secret",
    username: "api",
    password: "saved-password",
  },
  to: {
    url: "https://to.example",
    clientId: "to-id",
    clientSecret: "to-secret",
    platformUrl: "https://to.example/old",
  },
}

const env = {
  DOCEBO_URL: "https://other.docebosaas.com",
  DOCEBO_CLIENT_ID: "env-dcb-id",
  DOCEBO_CLIENT_SECRET: "env-dcb-secret",
  DOCEBO_USERNAME: "env-api",
  DOCEBO_PASSWORD: "env-password",
  TO_URL: "https://to-env.example",
  TO_CLIENT_ID: "env-to-id",
  TO_CLIENT_SECRET: "env-to-secret",
}

describe("a partial credentials save", () => {
  it("changes the fields given and keeps every other saved one, whatever the environment says", () => {
    const changed = changedConnections(stored, env, { to: { platformUrl: "https://to.example/new" } })
    expect(changed).toEqual({
      connections: {
        docebo: stored.docebo,
        to: { ...stored.to, platformUrl: "https://to.example/new" },
        strategies: defaultStrategies,
      },
    })
    expect(changedConnections(stored, {}, { docebo: { password: "rotated" } })).toEqual({
      connections: { docebo: { ...stored.docebo, password: "rotated" }, to: stored.to, strategies: defaultStrategies },
    })
  })

  it("starts from the environment for a system never saved", () => {
    const changed = changedConnections({ docebo: stored.docebo, to: null }, env, { to: { clientId: "given-id" } })
    expect(changed).toEqual({
      connections: {
        docebo: stored.docebo,
        to: { url: env.TO_URL, clientId: "given-id", clientSecret: env.TO_CLIENT_SECRET, platformUrl: env.TO_URL },
        strategies: defaultStrategies,
      },
    })
  })

  it("names what neither the save, the stored credentials nor the environment gives", () => {
    expect(changedConnections({ docebo: null, to: null }, {}, { docebo: { url: "https://x.docebosaas.com" } })).toEqual(
      {
        missing: ["DOCEBO_CLIENT_ID", "DOCEBO_CLIENT_SECRET", "TO_URL", "TO_CLIENT_ID", "TO_CLIENT_SECRET"],
      },
    )
  })
})

describe("the settings for what Docebo is not known to keep", () => {
  const strategiesOf = (given: Record<string, string>) => {
    const found = connectionsFrom(stored, given)
    return "connections" in found ? found.connections.strategies : found
  }

  it("stamps sessions in their code unless ILTSYNC_DOCEBO_SESSION_STAMP says none", () => {
    expect(strategiesOf({})).toMatchObject({ stamps: "code" })
    expect(strategiesOf({ ILTSYNC_DOCEBO_SESSION_STAMP: " None " })).toMatchObject({ stamps: "none" })
    expect(strategiesOf({ ILTSYNC_DOCEBO_SESSION_STAMP: "external_id" })).toEqual({
      missing: ["ILTSYNC_DOCEBO_SESSION_STAMP (code or none)"],
    })
  })

  it("marks no Docebo user as an instructor unless ILTSYNC_DOCEBO_INSTRUCTOR_MARK says user-flag", () => {
    expect(strategiesOf({})).toMatchObject({ instructorMark: "none" })
    expect(strategiesOf({ ILTSYNC_DOCEBO_INSTRUCTOR_MARK: "User-Flag" })).toMatchObject({ instructorMark: "user-flag" })
    expect(strategiesOf({ ILTSYNC_DOCEBO_INSTRUCTOR_MARK: "level", ILTSYNC_DOCEBO_SESSION_STAMP: "x" })).toEqual({
      missing: ["ILTSYNC_DOCEBO_SESSION_STAMP (code or none)", "ILTSYNC_DOCEBO_INSTRUCTOR_MARK (none or user-flag)"],
    })
  })

  it("keeps a sync horizon of 7 days unless ILTSYNC_SYNC_HORIZON_DAYS gives another whole number of days, or off", () => {
    expect(strategiesOf({})).toMatchObject({ horizonDays: 7 })
    expect(strategiesOf({ ILTSYNC_SYNC_HORIZON_DAYS: " 30 " })).toMatchObject({ horizonDays: 30 })
    expect(strategiesOf({ ILTSYNC_SYNC_HORIZON_DAYS: "OFF" })).toMatchObject({ horizonDays: null })
    for (const bad of ["-1", "7.5", "a week", "99999"])
      expect(strategiesOf({ ILTSYNC_SYNC_HORIZON_DAYS: bad })).toEqual({
        missing: ["ILTSYNC_SYNC_HORIZON_DAYS (a whole number of days, or off)"],
      })
  })

  it("takes the main domain the operator confirms, as a lower-case host", () => {
    expect(strategiesOf({})).toMatchObject({ mainDomain: null })
    expect(strategiesOf({ ILTSYNC_DOCEBO_MAIN_DOMAIN: " ACME.docebosaas.com " })).toMatchObject({
      mainDomain: "acme.docebosaas.com",
    })
  })
})
