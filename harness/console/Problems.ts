/** A failed action as the page shows it: the service's reason, and the fields it names. */
import type { FieldError } from "../service/Problem.ts"
import { problemOf } from "../service/Problem.ts"

export interface ShownProblem {
  readonly status: number
  readonly detail: string
  readonly fields: ReadonlyArray<FieldError>
  /** The job a refusal names (a full sync already queued or running). */
  readonly jobId: string | null
}

export const shownProblem = (error: unknown): ShownProblem => {
  const problem = problemOf(error)
  const jobId = problem.extensions.jobId
  return {
    status: problem.status,
    detail: problem.detail,
    fields: problem.extensions.errors ?? [],
    jobId: typeof jobId === "string" ? jobId : null,
  }
}

/** Runs an action; its failure becomes what the page says, not a 500. */
export const attempt = async <A>(
  action: () => Promise<A>,
): Promise<{ ok: true; value: A } | { ok: false; problem: ShownProblem }> => {
  try {
    return { ok: true, value: await action() }
  } catch (error) {
    return { ok: false, problem: shownProblem(error) }
  }
}
