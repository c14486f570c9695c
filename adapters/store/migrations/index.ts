import type { Migration, MigrationProvider } from "kysely"
import * as initial from "./0001_initial.ts"
import * as webhookAttempts from "./0002_webhook_attempts.ts"
import * as requestSpend from "./0003_request_spend.ts"
import * as readNotices from "./0004_read_notices.ts"
import * as importedWebinarAccounts from "./0005_imported_webinar_accounts.ts"
import * as jobProgressDetail from "./0006_job_progress_detail.ts"
import * as requestSpendBigint from "./0007_request_spend_bigint.ts"
import * as tenants from "./0008_tenants.ts"

/**
 * Every migration, by name; names sort in the order they run. Registered in code rather than found by scanning a
 * folder, so the list is the same under tsx, a bundle or a test runner.
 */
const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_webhook_attempts": webhookAttempts,
  "0003_request_spend": requestSpend,
  "0004_read_notices": readNotices,
  "0005_imported_webinar_accounts": importedWebinarAccounts,
  "0006_job_progress_detail": jobProgressDetail,
  "0007_request_spend_bigint": requestSpendBigint,
  "0008_tenants": tenants,
}

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations }
