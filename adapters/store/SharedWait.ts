/**
 * ES2024's `Atomics.waitAsync` (in Node since 16), which the project's ES2023 library types do not declare: waits,
 * without blocking the thread, for another thread to change a cell of shared memory.
 */
export const waitAsync = (
  Atomics as unknown as {
    readonly waitAsync: (
      cell: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ) => { readonly async: false; readonly value: string } | { readonly async: true; readonly value: Promise<string> }
  }
).waitAsync
