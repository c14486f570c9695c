export { defaultToBudget, ToBudget, ToBudgetLive, type ToBudgetSettings } from "./Budget.ts"
export type { ToHttpConfig } from "./Config.ts"
export { makeToHttp, ToHttpLive } from "./ToHttp.ts"
