/**
 * The key that encrypts stored credentials: `ILTSYNC_SECRET_KEY` when set, otherwise a key generated on first start
 * into `iltsync.key` beside the database file (readable by its owner only). It is kept `Redacted` so that printing a
 * value that holds it shows `<redacted>`.
 */
import { randomBytes } from "node:crypto"
import { readFile, writeFile } from "node:fs/promises"
import { dirname, join, resolve } from "node:path"
import { Redacted } from "effect"
import { SecretKeyInvalid } from "./Errors.ts"

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

/**
 * The key for the store at `databasePath`. `configured` is the value of `ILTSYNC_SECRET_KEY`, when set; an invalid
 * one is an error rather than a reason to fall back, so credentials are never saved under an unexpected key.
 */
export const loadSecretKey = async (databasePath: string, configured: string | undefined): Promise<SecretKey> => {
  if (configured !== undefined) {
    const key = parseSecretKey(configured)
    if (key === null) {
      throw new SecretKeyInvalid({
        source: "environment",
        reason: "ILTSYNC_SECRET_KEY is not 32 bytes in base64 or hex",
      })
    }
    return key
  }
  if (databasePath === ":memory:") {
    processKey ??= generateSecretKey()
    return processKey
  }
  return loadOrCreateKeyFile(keyFilePath(databasePath))
}
