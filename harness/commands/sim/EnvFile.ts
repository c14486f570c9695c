import { rename, writeFile } from "node:fs/promises"

/** `KEY=VALUE` lines, one per variable, in the order given. */
export const formatEnv = (variables: Readonly<Record<string, string>>): string =>
  Object.entries(variables)
    .map(([key, value]) => `${key}=${value}\n`)
    .join("")

/**
 * Writes the file whole or not at all (a temporary file renamed into place), so a script waiting for it never reads
 * half of it. Owner-only, as the variables include secrets.
 */
export const writeEnvFile = async (path: string, variables: Readonly<Record<string, string>>): Promise<void> => {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, formatEnv(variables), { mode: 0o600 })
  await rename(temporary, path)
}
