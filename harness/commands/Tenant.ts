/**
 * `iltsync tenant add|list|disable|enable|token`: the tenants served beside the default one. A new tenant's operator
 * token and webhook secret are printed once, when they are made, and never again: the registry keeps them sealed.
 */
import { storeLabel } from "../../adapters/store/Postgres.ts"
import { tenantLocation } from "../../adapters/store/TenantStore.ts"
import type { Tenant } from "../../adapters/store/Tenants.ts"
import { openRegistry, type Registry } from "../tenants/Registry.ts"
import { CliError } from "./CliError.ts"
import { readFlags } from "./cli/Flags.ts"
import { table } from "./cli/Table.ts"
import { tenantSynopsis } from "./Synopses.ts"

const usageHint = `usage: iltsync ${tenantSynopsis}`

const withRegistry = async <A>(work: (registry: Registry) => Promise<A>): Promise<A> => {
  const registry = await openRegistry(process.env)
  try {
    return await work(registry)
  } finally {
    await registry.close()
  }
}

const oneName = (positionals: ReadonlyArray<string>, verb: string): string => {
  const [name, ...extra] = positionals
  if (name === undefined) throw new CliError(`tenant ${verb} needs the tenant's name`, usageHint)
  if (extra.length > 0) throw new CliError(`tenant ${verb} takes one name, not ${positionals.length}`, usageHint)
  return name
}

const settingsOf = (entries: ReadonlyArray<string>): Record<string, string> => {
  const settings: Record<string, string> = {}
  for (const entry of entries) {
    const equals = entry.indexOf("=")
    if (equals <= 0) throw new CliError(`--setting takes NAME=VALUE, not "${entry}"`, usageHint)
    settings[entry.slice(0, equals)] = entry.slice(equals + 1)
  }
  return settings
}

const webhookPaths = (name: string) => [
  `  Docebo webhooks               /webhooks/${name}/docebo`,
  `  Training Orchestra webhooks   /webhooks/${name}/training-orchestra`,
]

const add = async (argv: ReadonlyArray<string>) => {
  const { values, positionals } = readFlags(
    argv,
    { operator: { type: "string" }, setting: { type: "string", multiple: true } },
    tenantSynopsis,
    true,
  )
  const name = oneName(positionals, "add")
  const { main, tenant } = await withRegistry(async (registry) => ({
    main: registry.main,
    tenant: await registry.add(name, {
      ...(values.operator === undefined ? {} : { operator: values.operator }),
      settings: settingsOf(values.setting ?? []),
    }),
  }))
  const operator = tenant.operators[0]
  const lines = [
    `tenant ${tenant.name} added`,
    `  store                         ${storeLabel(tenantLocation(main, tenant.name))}`,
    ...webhookPaths(tenant.name),
    "",
    "Shown this once (the registry keeps them sealed): give them to the tenant's operator and to the systems' webhooks.",
    `  operator token (${operator?.name})  ${operator?.token}`,
    `  webhook secret                ${tenant.webhookSecret}`,
    "",
    `next: iltsync credentials set --tenant ${tenant.name} --docebo-url … (both systems' credentials)`,
  ]
  process.stdout.write(`${lines.join("\n")}\n`)
  return 0
}

const listed = (tenant: Tenant) => ({
  name: tenant.name,
  status: tenant.disabledAt === null ? "active" : "disabled",
  createdAt: tenant.createdAt,
  disabledAt: tenant.disabledAt,
  operators: tenant.operators.map((operator) => operator.name),
  settings: tenant.settings,
})

const list = async (argv: ReadonlyArray<string>) => {
  const { values } = readFlags(argv, { json: { type: "boolean", default: false } }, tenantSynopsis)
  const { main, tenants } = await withRegistry(async (registry) => ({
    main: registry.main,
    tenants: await registry.list(),
  }))
  const rows = tenants.map(listed)
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  const cells = [
    ["default", "active", "", "(ILTSYNC_API_TOKEN)", storeLabel(main)],
    ...rows.map((row) => [
      row.name,
      row.status,
      row.createdAt,
      [...new Set(row.operators)].join(", "),
      storeLabel(tenantLocation(main, row.name)),
    ]),
  ]
  process.stdout.write(table(["tenant", "status", "added", "operators", "store"], cells, 80))
  return 0
}

const setDisabled = async (argv: ReadonlyArray<string>, disabled: boolean) => {
  const verb = disabled ? "disable" : "enable"
  const { positionals } = readFlags(argv, {}, tenantSynopsis, true)
  const name = oneName(positionals, verb)
  const changed = await withRegistry((registry) => registry.setDisabled(name, disabled))
  const state = disabled ? "disabled" : "active"
  process.stdout.write(changed ? `tenant ${name} is now ${state}\n` : `tenant ${name} was already ${state}\n`)
  return 0
}

const token = async (argv: ReadonlyArray<string>) => {
  const { values, positionals } = readFlags(argv, { operator: { type: "string" } }, tenantSynopsis, true)
  const name = oneName(positionals, "token")
  const operator = values.operator ?? "operator"
  const made = await withRegistry((registry) => registry.addOperator(name, operator))
  process.stdout.write(`new operator token for ${operator} of tenant ${name} (shown this once)\n  ${made}\n`)
  return 0
}

export const run = async (argv: string[]): Promise<number> => {
  const [verb, ...rest] = argv
  switch (verb) {
    case "add":
      return add(rest)
    case "list":
      return list(rest)
    case "disable":
      return setDisabled(rest, true)
    case "enable":
      return setDisabled(rest, false)
    case "token":
      return token(rest)
    default:
      throw new CliError(
        verb === undefined ? "tenant needs add, list, disable, enable or token" : `unknown tenant command "${verb}"`,
        usageHint,
      )
  }
}
