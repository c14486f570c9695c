import { randomBytes } from "node:crypto"

export interface IssuedToken {
  readonly token: string
  readonly clientId: string
  readonly expiresAt: number
}

export type TokenLookup =
  | { readonly status: "valid"; readonly clientId: string }
  | { readonly status: "expired"; readonly clientId: string }
  | { readonly status: "unknown" }

/** Bearer tokens against the injected clock; expired tokens are remembered so their calls still count to a client. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(private readonly forgetAfterMs = 24 * 3_600_000) {}

  issue(clientId: string, ttlSeconds: number, now: number): IssuedToken {
    this.forgetOld(now)
    const issued = { token: randomBytes(24).toString("hex"), clientId, expiresAt: now + ttlSeconds * 1000 }
    this.tokens.set(issued.token, issued)
    return issued
  }

  lookup(token: string, now: number): TokenLookup {
    const issued = this.tokens.get(token)
    if (!issued) return { status: "unknown" }
    return { status: now < issued.expiresAt ? "valid" : "expired", clientId: issued.clientId }
  }

  /** Takes a token out of circulation (a used refresh token). */
  revoke(token: string): void {
    this.tokens.delete(token)
  }

  clear(): void {
    this.tokens.clear()
  }

  private forgetOld(now: number): void {
    if (this.tokens.size < 1000) return
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt + this.forgetAfterMs < now) this.tokens.delete(token)
    }
  }
}

export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")
  return match?.[1]
}
