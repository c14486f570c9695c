/**
 * AES-256-GCM for single values. An envelope is `v1.<iv>.<tag>.<ciphertext>` (base64): a fresh 12-byte IV per value,
 * and the auth tag, so a wrong key or an altered value fails to open instead of giving garbage. The context (e.g.
 * `docebo.password`) is bound as associated data, so a value copied into another column does not open either.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"
import { Redacted } from "effect"
import type { SecretKey } from "./SecretKey.ts"

const algorithm = "aes-256-gcm"
const ivLength = 12
const tagLength = 16
const version = "v1"

export const sealValue = (key: SecretKey, context: string, plaintext: string): string => {
  const iv = randomBytes(ivLength)
  const cipher = createCipheriv(algorithm, Redacted.value(key), iv, { authTagLength: tagLength })
  cipher.setAAD(Buffer.from(context, "utf8"))
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64"))
  return [version, ...parts].join(".")
}

/** The plaintext, or null when the envelope does not open under this key and context. */
export const openValue = (key: SecretKey, context: string, envelope: string): string | null => {
  const [envelopeVersion, ivText, authTagText, ciphertextText, ...rest] = envelope.split(".")
  if (envelopeVersion !== version || rest.length > 0) return null
  if (ivText === undefined || authTagText === undefined || ciphertextText === undefined) return null
  const iv = Buffer.from(ivText, "base64")
  const authTag = Buffer.from(authTagText, "base64")
  if (iv.length !== ivLength || authTag.length !== tagLength) return null
  const decipher = createDecipheriv(algorithm, Redacted.value(key), iv, { authTagLength: tagLength })
  decipher.setAAD(Buffer.from(context, "utf8"))
  decipher.setAuthTag(authTag)
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64")), decipher.final()]).toString("utf8")
  } catch {
    // GCM reports a wrong key and a tampered value alike, as a failed authentication.
    return null
  }
}
