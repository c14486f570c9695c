/**
 * The key that encrypts stored credentials: `ILTSYNC_SECRET_KEY` when set, otherwise `iltsync.key` beside the database
 * file (readable by its owner only), generated when a first credential is saved. A PostgreSQL store has no folder of
 * its own: its key is `ILTSYNC_SECRET_KEY`. It is kept `Redacted` so that
 * printing a value that holds it shows `<redacted>`.
 */
import { randomBytes } from "node:crypto"
import { readFile, writeFile } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { Redacted } from "effect"
import { SecretKeyInvalid, SecretKeyMissing } from "./Errors.ts"
import { isPostgresUrl } from "./Postgres.ts"

export type SecretKey = Redacted.Redacted<Buffer>

export const keyLength = 32
export const keyFileName = "iltsync.key"

const hexKey = /^[0-9a-fA-F]{64}$/
const base64Key = /^[A-Za-z0-9+/]{43}=$|^[A-Za-z0-9_-]{43}$/

/** Reads 32 bytes written as hex (64 digits) or base64 (standard or URL-safe); null for anything else. */
export const parseSecretKey = (text: string): SecretKey | null => {
  const trimmed = text.trim()
  if (hexKey.test(trimmed)) return Redacted.make(Buffer.from(trimmed, "hex"))
  if (!base64Key.test(trimmed)) return null
  const bytes = Buffer.from(trimmed, trimmed.includes("-") || trimmed.includes("_") ? "base64url" : "base64")
  return bytes.length === keyLength ? Redacted.make(bytes) : null
}

export const generateSecretKey = (): SecretKey => Redacted.make(randomBytes(keyLength))

export const keyFilePath = (databasePath: string) => join(dirname(resolve(databasePath)), keyFileName)

// An in-memory store lives only as long as the process, so a key that does the same is enough.
let processKey: SecretKey | undefined

const readKeyFile = async (path: string): Promise<SecretKey> => {
  const key = parseSecretKey(await readFile(path, "utf8"))
  if (key === null) throw new SecretKeyInvalid({ source: "file", reason: `${path} does not hold a 32-byte key` })
  return key
}

const isErrorCode = (cause: unknown, code: string) =>
  cause instanceof Error && "code" in cause && (cause as NodeJS.ErrnoException).code === code

/** Creates the key file, or reads the one that is already there (or that another process just created). */
const loadOrCreateKeyFile = async (path: string): Promise<SecretKey> => {
  const key = generateSecretKey()
  try {
    // `wx` fails if the file exists, so a key already in use is never overwritten.
    await writeFile(path, `${Redacted.value(key).toString("base64")}\n`, { flag: "wx", mode: 0o600 })
    return key
  } catch (cause) {
    if (isErrorCode(cause, "EEXIST")) return readKeyFile(path)
    throw cause
  }
}

/** The key of a store, as found when it opens. The key file is written only once something is to be encrypted. */
export interface SecretKeys {
  /** The key in use; null while neither `ILTSYNC_SECRET_KEY` nor the key file gives one. */
  readonly current: () => SecretKey | null
  /** The key in use, generating the key file when there is none yet. */
  readonly orCreate: () => Promise<SecretKey>
  /** The key file a key is looked for in, when `ILTSYNC_SECRET_KEY` is not set; null when it is, or in memory. */
  readonly keyFile: string | null
}

const fixed = (key: SecretKey): SecretKeys => ({ current: () => key, orCreate: async () => key, keyFile: null })

/**
 * Without `ILTSYNC_SECRET_KEY`, a PostgreSQL store has no key: a key file on this machine would leave the credentials
 * unreadable to every other process of the database, and one kept in the database would sit beside what it locks.
 */
const keyless: SecretKeys = {
  current: () => null,
  orCreate: async () => {
    throw new SecretKeyMissing({ keyFile: "ILTSYNC_SECRET_KEY" })
  },
  keyFile: null,
}

const readKeyFileIfAny = (path: string): Promise<SecretKey | null> =>
  readKeyFile(path).catch((cause: unknown) => {
    if (isErrorCode(cause, "ENOENT")) return null
    throw cause
  })

/**
 * The key of the store at `databasePath`. `configured` is the value of `ILTSYNC_SECRET_KEY`, when set; an invalid
 * one (an empty one too) is an error rather than a reason to fall back, so credentials are never saved under an
 * unexpected key.
 */
export const findSecretKeys = async (databasePath: string, configured: string | undefined): Promise<SecretKeys> => {
  if (configured !== undefined) {
    const key = parseSecretKey(configured)
    if (key === null) {
      throw new SecretKeyInvalid({
        source: "environment",
        reason:
          configured.trim() === ""
            ? "ILTSYNC_SECRET_KEY is set but empty: unset it to use the key file, or give the 32-byte key"
            : "ILTSYNC_SECRET_KEY is not 32 bytes in base64 or hex",
      })
    }
    return fixed(key)
  }
  if (isPostgresUrl(databasePath)) return keyless
  if (databasePath === ":memory:") {
    processKey ??= generateSecretKey()
    return fixed(processKey)
  }
  const path = keyFilePath(databasePath)
  let key = await readKeyFileIfAny(path)
  return {
    current: () => key,
    orCreate: async () => {
      key ??= await loadOrCreateKeyFile(path)
      return key
    },
    keyFile: path,
  }
}

/** The key of the store at `databasePath`, generating the key file if there is none. */
export const loadSecretKey = async (databasePath: string, configured: string | undefined): Promise<SecretKey> =>
  (await findSecretKeys(databasePath, configured)).orCreate()
