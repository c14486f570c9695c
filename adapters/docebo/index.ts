export { DoceboBudget, DoceboBudgetLive, type DoceboBudgetSettings, defaultDoceboBudget } from "./Budget.ts"
export type { DoceboCredentials, DoceboHttpConfig } from "./Config.ts"
export { DoceboHttpLive, makeDoceboHttp } from "./DoceboHttp.ts"
