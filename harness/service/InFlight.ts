/**
 * The requests being answered. A stopping service waits for them before it closes the store: a request that had
 * started reading a system would otherwise reach a closed store and answer 500 instead of its real answer.
 */
export interface InFlight {
  readonly track: <A>(answer: () => Promise<A>) => Promise<A>
  /** Resolves once no request is being answered (at once when none is). */
  readonly drained: () => Promise<void>
}

export const makeInFlight = (): InFlight => {
  let open = 0
  const waiting: Array<() => void> = []
  return {
    track: async (answer) => {
      open++
      try {
        return await answer()
      } finally {
        open--
        if (open === 0) for (const resolve of waiting.splice(0)) resolve()
      }
    },
    drained: () => (open === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve))),
  }
}
