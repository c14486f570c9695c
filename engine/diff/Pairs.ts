/**
 * Master key ⇄ replica id pairs found by a flow. Recorded in two arrays and indexed only when someone asks, because
 * the largest flow (sessions) is never looked up by later flows and its million map entries would be wasted.
 */
export class Pairs {
  private readonly keys: string[] = []
  private readonly ids: string[] = []
  private byKey: Map<string, string> | undefined
  private byId: Map<string, string> | undefined

  add(key: string, replicaId: string): void {
    this.keys.push(key)
    this.ids.push(replicaId)
    this.byKey?.set(key, replicaId)
    this.byId?.set(replicaId, key)
  }

  forEach(visit: (key: string, replicaId: string) => void): void {
    for (let i = 0; i < this.keys.length; i++) visit(this.keys[i] as string, this.ids[i] as string)
  }

  /** Master key → replica id. */
  get replicaOf(): ReadonlyMap<string, string> {
    if (!this.byKey) {
      this.byKey = new Map()
      for (let i = 0; i < this.keys.length; i++) this.byKey.set(this.keys[i] as string, this.ids[i] as string)
    }
    return this.byKey
  }

  /** Replica id → master key. */
  get masterOf(): ReadonlyMap<string, string> {
    if (!this.byId) {
      this.byId = new Map()
      for (let i = 0; i < this.keys.length; i++) this.byId.set(this.ids[i] as string, this.keys[i] as string)
    }
    return this.byId
  }
}
