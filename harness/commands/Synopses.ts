/** Each command's synopsis, apart from its module so that the usage text loads no command. */
export const applySynopsis = "apply [PLANFILE] [--approve-held] [--json]"

export const credentialsSynopsis =
  "credentials set [--docebo-url U] [--docebo-client-id I] [--docebo-client-secret S] [--docebo-username N] [--docebo-password P] [--to-url U] [--to-client-id I] [--to-client-secret S] [--to-platform-url U] | credentials show"

export const demoSynopsis = "demo"

export const doctorSynopsis = "doctor [--json] [--public-url URL]"

export const logsSynopsis = "logs [--from ISO] [--to ISO] [--action A] [--sort time|action] [--json]"

export const planSynopsis = "plan [--json] [--out FILE] [--course CODE…] [--detailed-exitcode]"

export const scenarioSynopsis = "scenario list | scenario run NAME…|--all"

export const serveSynopsis = "serve [--port 4000] [--host 127.0.0.1] [--insecure-dev] [--no-worker]"

export const workerSynopsis = "worker [--concurrency 2]"

export const statusSynopsis = "status [--json]"

export const tenantSynopsis =
  "tenant add NAME [--operator OP] [--setting NAME=VALUE…] | tenant list [--json] | tenant disable NAME | tenant enable NAME | tenant token NAME [--operator OP]"

export const webinarAccountsSynopsis = "webinar-accounts [--csv FILE | --import FILE]"
