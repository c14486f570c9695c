import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Redacted } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import {
  type CredentialRecord,
  loadCredentials,
  maskedCredentials,
  maskSecret,
  saveCredentials,
} from "./Credentials.ts"
import { CredentialsUnreadable, SecretKeyInvalid } from "./Errors.ts"
import { generateSecretKey, keyFileName, loadSecretKey, parseSecretKey } from "./SecretKey.ts"
import { at, describeEachDialect, makeTempFolder, openMigrated } from "./testing/Fixtures.ts"

const record = {
  docebo: {
    url: "https://acme.docebosaas.com",
    clientId: "iltsync-client",
    clientSecret: "dcb-client-secret-7f3a9c",
    username: "api.user",
    password: "correct-horse-battery-staple",
  },
  to: {
    url: "https://api.trainingorchestra.example",
    clientId: "to-client",
    clientSecret: "to-client-secret-4e1b2d",
    platformUrl: "https://acme.trainingorchestra.example",
  },
} satisfies CredentialRecord

const secrets = [record.docebo.clientSecret, record.docebo.password, record.to.clientSecret]

/** Every byte the store keeps on disk: the database file and its WAL and shared-memory files. */
const bytesOnDisk = (folder: string) =>
  Buffer.concat(
    readdirSync(folder)
      .filter((name) => name.startsWith("iltsync.db"))
      .map((name) => readFileSync(join(folder, name))),
  )

describeEachDialect("credentials", (dialect) => {
  const open = () => dialect.openMigrated()

  it("are stored with every secret sealed: the rows never hold one in clear", async () => {
    const db = await open()
    const key = generateSecretKey()
    await saveCredentials(db, key, record, at(0))
    const rows = JSON.stringify(await db.selectFrom("credentials").selectAll().execute())
    expect(rows.includes(record.docebo.url)).toBe(true)
    for (const secret of secrets) expect({ secret: rows.includes(secret) }).toEqual({ secret: false })
    expect(await loadCredentials(db, key)).toEqual(record)
  })

  it("under a wrong key fail with a typed error that names the field and shows no secret", async () => {
    const db = await open()
    await saveCredentials(db, generateSecretKey(), record, at(0))
    const error = await loadCredentials(db, generateSecretKey()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CredentialsUnreadable)
    expect(error).toMatchObject({ system: "docebo", field: "clientSecret" })
    const shown = `${String(error)} ${JSON.stringify(error)}`
    for (const secret of secrets) expect(shown.includes(secret)).toBe(false)
  })

  it("do not open when a stored value was altered or moved to another field", async () => {
    const db = await open()
    const key = generateSecretKey()
    await saveCredentials(db, key, record, at(0))
    const docebo = await db
      .selectFrom("credentials")
      .selectAll()
      .where("system", "=", "docebo")
      .executeTakeFirstOrThrow()
    await db
      .updateTable("credentials")
      .set({ client_secret: docebo.password ?? "" })
      .where("system", "=", "to")
      .execute()
    await expect(loadCredentials(db, key)).rejects.toMatchObject({ system: "to", field: "clientSecret" })

    const [version, iv, tag, body] = docebo.client_secret.split(".")
    const flipped = Buffer.from(body ?? "", "base64")
    flipped[0] = (flipped[0] ?? 0) ^ 1
    await db
      .updateTable("credentials")
      .set({ client_secret: [version, iv, tag, flipped.toString("base64")].join(".") })
      .where("system", "=", "docebo")
      .execute()
    await expect(loadCredentials(db, key)).rejects.toBeInstanceOf(CredentialsUnreadable)
  })

  it("are saved per system: saving one leaves the other as it was", async () => {
    const db = await open()
    const key = generateSecretKey()
    expect(await loadCredentials(db, key)).toEqual({ docebo: null, to: null })
    await saveCredentials(db, key, { to: record.to }, at(0))
    await saveCredentials(db, key, { docebo: record.docebo }, at(1))
    await saveCredentials(db, key, { docebo: { ...record.docebo, password: "rotated-password-2027" } }, at(2))
    expect(await loadCredentials(db, key)).toEqual({
      to: record.to,
      docebo: { ...record.docebo, password: "rotated-password-2027" },
    })
  })
})

describe("credentials in an SQLite file", () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const open = async (path: string) => {
    const db = await openMigrated(path)
    cleanups.push(() => db.destroy())
    return db
  }

  it("are stored with every secret encrypted: the database files, WAL included, never hold one in clear", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const db = await open(temp.file)
    const key = await loadSecretKey(temp.file, undefined)
    await saveCredentials(db, key, record, at(0))
    const raw = bytesOnDisk(temp.folder)
    expect(raw.includes(record.docebo.url)).toBe(true)
    for (const secret of secrets) expect({ secret: raw.includes(secret) }).toEqual({ secret: false })
    expect(await loadCredentials(db, key)).toEqual(record)
  })

  it("decrypt after a restart with the key generated on first start, kept owner-only beside the database", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const first = await openMigrated(temp.file)
    await saveCredentials(first, await loadSecretKey(temp.file, undefined), record, at(0))
    await first.destroy()

    const keyFile = join(temp.folder, keyFileName)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    const second = await open(temp.file)
    expect(await loadCredentials(second, await loadSecretKey(temp.file, undefined))).toEqual(record)
  })
})

describe("credentials shown", () => {
  it("are masked: no secret, at most its last 4 characters, the rest as stored", () => {
    const masked = maskedCredentials({ docebo: record.docebo, to: record.to })
    const shown = JSON.stringify(masked)
    for (const secret of secrets) expect(shown.includes(secret)).toBe(false)
    expect(masked.docebo).toEqual({ ...record.docebo, clientSecret: "••••3a9c", password: "••••aple" })
    expect(masked.to?.clientSecret).toBe("••••1b2d")
    expect(masked.to?.platformUrl).toBe(record.to.platformUrl)
    expect(maskSecret("abcdefgh")).toBe("••••gh")
    expect(maskSecret("abc")).toBe("••••")
    expect(maskSecret("")).toBe("")
  })
})

describe("the secret key", () => {
  const cleanups: Array<() => void> = []
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup()
  })

  it("comes from ILTSYNC_SECRET_KEY as hex or base64 of 32 bytes, before any key file", async () => {
    const bytes = Buffer.alloc(32, 7)
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    const fromHex = await loadSecretKey(temp.file, bytes.toString("hex"))
    const fromBase64 = await loadSecretKey(temp.file, bytes.toString("base64"))
    expect(Redacted.value(fromHex)).toEqual(bytes)
    expect(Redacted.value(fromBase64)).toEqual(bytes)
    expect(readdirSync(temp.folder)).toEqual([])
    expect(String(fromHex)).not.toContain(bytes.toString("hex"))
  })

  it("refuses a configured key that is not 32 bytes, without echoing it", async () => {
    for (const configured of ["short", Buffer.alloc(16, 1).toString("base64"), "z".repeat(64)]) {
      const error = await loadSecretKey(":memory:", configured).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SecretKeyInvalid)
      expect(JSON.stringify(error)).not.toContain(configured)
    }
    // Set but empty (`ILTSYNC_SECRET_KEY=` in an env file) is refused too, saying so, rather than taken as unset.
    await expect(loadSecretKey(":memory:", "")).rejects.toMatchObject({ reason: expect.stringContaining("empty") })
  })

  it("refuses a damaged key file rather than replacing it", async () => {
    const temp = makeTempFolder()
    cleanups.push(temp.remove)
    writeFileSync(join(temp.folder, keyFileName), "not a key\n", { mode: 0o600 })
    await expect(loadSecretKey(temp.file, undefined)).rejects.toMatchObject({
      _tag: "SecretKeyInvalid",
      source: "file",
    })
    expect(readFileSync(join(temp.folder, keyFileName), "utf8")).toBe("not a key\n")
  })

  it("is one key per process for an in-memory store", async () => {
    const first = await loadSecretKey(":memory:", undefined)
    const second = await loadSecretKey(":memory:", undefined)
    expect(Redacted.value(first)).toEqual(Redacted.value(second))
    expect(parseSecretKey(Redacted.value(first).toString("base64"))).not.toBeNull()
  })
})
