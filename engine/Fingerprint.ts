import type { Value } from "./Plan.ts"

/**
 * A fast, deterministic 64-bit fingerprint (two FNV-1a lanes) of a canonical value. It only has to tell whether the
 * mapped fields of one record changed, so a cryptographic hash would be wasted time on a million sessions.
 */
export class Fingerprinter {
  private a = 0x811c9dc5
  private b = 0x01000193 ^ 0x5bd1e995

  reset(): this {
    this.a = 0x811c9dc5
    this.b = 0x01000193 ^ 0x5bd1e995
    return this
  }

  private char(code: number): void {
    this.a = Math.imul(this.a ^ code, 0x01000193)
    this.b = Math.imul(this.b ^ code, 0x5bd1e995)
    this.b ^= this.b >>> 15
  }

  private string(text: string): void {
    for (let i = 0; i < text.length; i++) this.char(text.charCodeAt(i))
  }

  /** Feeds one value, tagged by type so that `1` and `"1"` and `null` all differ. */
  value(value: Value): this {
    if (value === null) this.char(0x10)
    else if (typeof value === "string") {
      this.char(0x11)
      this.string(value)
      this.char(0)
    } else if (typeof value === "number") {
      this.char(0x12)
      this.string(String(value))
      this.char(0)
    } else if (typeof value === "boolean") this.char(value ? 0x13 : 0x14)
    else if (Array.isArray(value)) {
      this.char(0x15)
      for (const item of value as ReadonlyArray<Value>) this.value(item)
      this.char(0x16)
    } else {
      this.char(0x17)
      const record = value as { readonly [key: string]: Value }
      for (const key of Object.keys(record).sort()) {
        this.string(key)
        this.char(1)
        this.value(record[key] ?? null)
      }
      this.char(0x18)
    }
    return this
  }

  digest(): string {
    return (this.a >>> 0).toString(36).padStart(7, "0") + (this.b >>> 0).toString(36).padStart(7, "0")
  }
}

/** The fingerprint of one canonical value. */
export const fingerprint = (value: Value): string => new Fingerprinter().value(value).digest()
