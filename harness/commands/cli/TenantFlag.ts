/**
 * `--tenant NAME`, taken by every command that works on a store: the command then runs in that tenant's environment
 * (its store, key, credentials and settings; TenantEnv.ts), the same code serving one tenant or many.
 */

import { defaultTenant } from "../../../adapters/store/TenantStore.ts"
import { TenantRefused } from "../../../adapters/store/Tenants.ts"
import { openRegistry } from "../../tenants/Registry.ts"
import { CliError } from "../CliError.ts"

/** Commands that work on no tenant's store: their own simulators, or the registry itself. */
const tenantless = new Set(["demo", "scenario", "sim", "tenant"])

/** The tenant named by `--tenant NAME` or `--tenant=NAME` (before a `--`), and the arguments without it. */
export const takeTenantFlag = (argv: ReadonlyArray<string>): { tenant: string | null; rest: string[] } => {
  const end = argv.indexOf("--")
  const flags = end < 0 ? [...argv] : argv.slice(0, end)
  const after = end < 0 ? [] : argv.slice(end)
  const rest: string[] = []
  let tenant: string | null = null
  for (let index = 0; index < flags.length; index++) {
    const argument = flags[index] as string
    if (argument === "--tenant" || argument.startsWith("--tenant=")) {
      const value = argument === "--tenant" ? flags[++index] : argument.slice("--tenant=".length)
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new CliError("--tenant needs a tenant's name", "`iltsync tenant list` shows the tenants")
      if (tenant !== null && tenant !== value) throw new CliError("--tenant is given twice, with different names")
      tenant = value
    } else {
      rest.push(argument)
    }
  }
  return { tenant, rest: [...rest, ...after] }
}

/** Puts this process in tenant `name`'s environment, for the command about to run. */
export const enterTenant = async (command: string, name: string): Promise<void> => {
  if (tenantless.has(command)) throw new CliError(`--tenant does not apply to \`iltsync ${command}\``)
  if (name === defaultTenant) return
  const registry = await openRegistry(process.env)
  try {
    const env = await registry.envOf(name)
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key]
    Object.assign(process.env, env)
  } catch (error) {
    if (error instanceof TenantRefused) throw new CliError(error.reason, error.hint)
    throw error
  } finally {
    await registry.close()
  }
}
