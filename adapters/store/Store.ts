/**
 * The store as the rest of the app uses it: one service whose functions are the repositories with the connection
 * (and the credentials key) bound, each a traced Effect. Database failures are `StoreError`s naming the operation;
 * anything else a repository throws is a bug and becomes a defect.
 */
import { Context, Effect } from "effect"
import { deleteCourseStatuses, listCourseStatuses, queryCourseStatuses, upsertCourseStatuses } from "./CourseStatus.ts"
import {
  type CredentialRecord,
  keyToOpen,
  keyToSave,
  loadCredentials,
  maskedCredentials,
  saveCredentials,
} from "./Credentials.ts"
import { type Db, isDatabaseFailure } from "./Database.ts"
import { CredentialsUnreadable, EventQueryInvalid, SecretKeyMissing, StoreError } from "./Errors.ts"
import { appendEvent, appendEvents, queryEvents } from "./EventLog.ts"
import {
  createJob,
  createJobIfIdle,
  failInterruptedJobs,
  findRunningJob,
  finishJob,
  getJob,
  listRecentJobs,
  startJob,
  updateJobProgress,
} from "./Jobs.ts"
import { listStepsWrittenSince, markStepSent } from "./Journal.ts"
import { makeKnownCache } from "./KnownCache.ts"
import { saveKnownState } from "./KnownState.ts"
import { deleteLinks, loadLinks, upsertLinks } from "./Links.ts"
import {
  clearReadCursors,
  deleteMirrorRecords,
  getReadCursor,
  loadMirrorRecords,
  mirrorListingReadAt,
  replaceMirrorListing,
  saveMirrorRead,
  setReadCursor,
  upsertMirrorRecords,
} from "./Mirror.ts"
import {
  addProviderRequest,
  completeProviderRequests,
  deleteProviderRequests,
  dropActivationRequests,
  loadProviderRequests,
} from "./ProviderRequests.ts"
import { closeInterruptedRuns, findUnfinishedRun, listUnsettledSteps, markStepsRecovered } from "./Recovery.ts"
import { loadRequestSpend, recordRequestSpend } from "./RequestSpend.ts"
import { createRun, finishRun, getRun, listRuns } from "./Runs.ts"
import type { SecretKeys } from "./SecretKey.ts"
import { beginRun, settleOp } from "./Settle.ts"
import { loadStoreSnapshot, loadSyncState } from "./Snapshot.ts"
import {
  clearTrainerEdits,
  deleteTrainerAssignments,
  loadTrainerAssignments,
  upsertTrainerAssignments,
} from "./Trainers.ts"
import {
  countPendingWebhooks,
  countWebhooksByStatus,
  listPendingWebhooks,
  makeWebhookAdmission,
  markWebhookDone,
  markWebhookFailed,
  pruneWebhooks,
  settleWebhooks,
  takePendingWebhooks,
} from "./WebhookInbox.ts"
import { loadImportedWebinarAccounts, replaceImportedWebinarAccounts } from "./WebinarAccounts.ts"

const storeFailure = (operation: string, cause: Error & { readonly code?: string }) =>
  new StoreError({ operation, code: cause.code, reason: cause.message })

/** Binds `db` and wraps the promise once: database failures and the `expected` typed errors fail, the rest dies. */
const bind =
  (db: Db) =>
  <Args extends ReadonlyArray<unknown>, A, E = never>(
    operation: string,
    run: (db: Db, ...args: Args) => Promise<A>,
    expected?: (cause: unknown) => cause is E,
  ) =>
  (...args: Args): Effect.Effect<A, StoreError | E> =>
    Effect.tryPromise({ try: () => run(db, ...args), catch: (cause) => cause }).pipe(
      Effect.catchAll((cause): Effect.Effect<never, StoreError | E> => {
        if (isDatabaseFailure(cause)) return Effect.fail(storeFailure(operation, cause))
        if (expected?.(cause)) return Effect.fail(cause)
        return Effect.die(cause)
      }),
      Effect.withSpan(`Store.${operation}`),
    )

const isCredentialsUnreadable = (cause: unknown): cause is CredentialsUnreadable | SecretKeyMissing =>
  cause instanceof CredentialsUnreadable || cause instanceof SecretKeyMissing
const isSecretKeyMissing = (cause: unknown): cause is SecretKeyMissing => cause instanceof SecretKeyMissing
const isEventQueryInvalid = (cause: unknown): cause is EventQueryInvalid => cause instanceof EventQueryInvalid

export const makeStoreService = (db: Db, keys: SecretKeys) => {
  const lift = bind(db)
  const known = makeKnownCache()
  const admitWebhook = makeWebhookAdmission(db)
  const loadStoredCredentials = lift(
    "loadCredentials",
    async (db) => {
      const key = await keyToOpen(db, keys)
      return key === null ? { docebo: null, to: null } : loadCredentials(db, key)
    },
    isCredentialsUnreadable,
  )
  return {
    loadStoreSnapshot: lift("loadStoreSnapshot", loadStoreSnapshot),
    loadSyncState: lift("loadSyncState", (db) => loadSyncState(db, known.read)),

    loadLinks: lift("loadLinks", loadLinks),
    upsertLinks: lift("upsertLinks", upsertLinks),
    deleteLinks: lift("deleteLinks", deleteLinks),

    loadTrainerAssignments: lift("loadTrainerAssignments", loadTrainerAssignments),
    upsertTrainerAssignments: lift("upsertTrainerAssignments", upsertTrainerAssignments),
    deleteTrainerAssignments: lift("deleteTrainerAssignments", deleteTrainerAssignments),
    clearTrainerEdits: lift("clearTrainerEdits", clearTrainerEdits),

    addProviderRequest: lift("addProviderRequest", addProviderRequest),
    loadProviderRequests: lift("loadProviderRequests", loadProviderRequests),
    deleteProviderRequests: lift("deleteProviderRequests", deleteProviderRequests),
    completeProviderRequests: lift("completeProviderRequests", completeProviderRequests),
    dropActivationRequests: lift("dropActivationRequests", dropActivationRequests),

    createRun: lift("createRun", createRun),
    finishRun: lift("finishRun", finishRun),
    getRun: lift("getRun", getRun),
    listRuns: lift("listRuns", listRuns),

    markStepSent: lift("markStepSent", markStepSent),
    listStepsWrittenSince: lift("listStepsWrittenSince", listStepsWrittenSince),
    beginRun: lift("beginRun", beginRun),
    settleOp: lift("settleOp", settleOp),
    findUnfinishedRun: lift("findUnfinishedRun", findUnfinishedRun),
    listUnsettledSteps: lift("listUnsettledSteps", listUnsettledSteps),
    markStepsRecovered: lift("markStepsRecovered", markStepsRecovered),
    closeInterruptedRuns: lift("closeInterruptedRuns", closeInterruptedRuns),

    upsertCourseStatuses: lift("upsertCourseStatuses", upsertCourseStatuses),
    listCourseStatuses: lift("listCourseStatuses", listCourseStatuses),
    queryCourseStatuses: lift("queryCourseStatuses", queryCourseStatuses),
    deleteCourseStatuses: lift("deleteCourseStatuses", deleteCourseStatuses),

    replaceImportedWebinarAccounts: lift("replaceImportedWebinarAccounts", replaceImportedWebinarAccounts),
    loadImportedWebinarAccounts: lift("loadImportedWebinarAccounts", loadImportedWebinarAccounts),

    appendEvent: lift("appendEvent", appendEvent),
    appendEvents: lift("appendEvents", appendEvents),
    queryEvents: lift("queryEvents", queryEvents, isEventQueryInvalid),

    saveCredentials: lift(
      "saveCredentials",
      async (db, record: CredentialRecord, at: string) =>
        saveCredentials(db, await keyToSave(db, keys, record), record, at),
      isSecretKeyMissing,
    ),
    loadCredentials: loadStoredCredentials,
    /** The stored credentials with every secret masked, as the API and CLI show them. */
    maskedCredentials: () => Effect.map(loadStoredCredentials(), maskedCredentials),

    createJob: lift("createJob", createJob),
    createJobIfIdle: lift("createJobIfIdle", createJobIfIdle),
    findRunningJob: lift("findRunningJob", findRunningJob),
    startJob: lift("startJob", startJob),
    updateJobProgress: lift("updateJobProgress", updateJobProgress),
    finishJob: lift("finishJob", finishJob),
    getJob: lift("getJob", getJob),
    listRecentJobs: lift("listRecentJobs", listRecentJobs),
    failInterruptedJobs: lift("failInterruptedJobs", failInterruptedJobs),

    /** Deliveries received together are committed together (`makeWebhookAdmission`). */
    insertWebhookIfNew: lift("insertWebhookIfNew", (_db, message: Parameters<typeof admitWebhook>[0]) =>
      admitWebhook(message),
    ),
    /**
     * The same as a promise, for the one path where a fiber per call cost more than the insert (a webhook's
     * acceptance, thousands a second): a database failure is the same StoreError, there is no span.
     */
    admitWebhook: (message: Parameters<typeof admitWebhook>[0]): Promise<boolean> =>
      admitWebhook(message).catch((cause: unknown) => {
        throw isDatabaseFailure(cause) ? storeFailure("insertWebhookIfNew", cause) : cause
      }),
    listPendingWebhooks: lift("listPendingWebhooks", listPendingWebhooks),
    takePendingWebhooks: lift("takePendingWebhooks", takePendingWebhooks),
    markWebhookDone: lift("markWebhookDone", markWebhookDone),
    markWebhookFailed: lift("markWebhookFailed", markWebhookFailed),
    settleWebhooks: lift("settleWebhooks", settleWebhooks),
    pruneWebhooks: lift("pruneWebhooks", pruneWebhooks),
    countPendingWebhooks: lift("countPendingWebhooks", countPendingWebhooks),
    countWebhooksByStatus: lift("countWebhooksByStatus", countWebhooksByStatus),

    loadRequestSpend: lift("loadRequestSpend", loadRequestSpend),
    recordRequestSpend: lift("recordRequestSpend", recordRequestSpend),

    /** Kept between loads while the mirror is unchanged (KnownCache.ts): shared, never to be edited in place. */
    loadKnownState: lift("loadKnownState", known.load),
    saveKnownState: lift("saveKnownState", saveKnownState),
    saveMirrorRead: lift("saveMirrorRead", saveMirrorRead),
    upsertMirrorRecords: lift("upsertMirrorRecords", upsertMirrorRecords),
    deleteMirrorRecords: lift("deleteMirrorRecords", deleteMirrorRecords),
    loadMirrorRecords: lift("loadMirrorRecords", loadMirrorRecords),
    replaceMirrorListing: lift("replaceMirrorListing", replaceMirrorListing),
    mirrorListingReadAt: lift("mirrorListingReadAt", mirrorListingReadAt),
    getReadCursor: lift("getReadCursor", getReadCursor),
    setReadCursor: lift("setReadCursor", setReadCursor),
    clearReadCursors: lift("clearReadCursors", clearReadCursors),
  }
}

export interface StoreService extends ReturnType<typeof makeStoreService> {}

export class Store extends Context.Tag("adapters/store/Store")<Store, StoreService>() {}
