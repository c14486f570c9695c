/** An HTTP failure that each simulator renders in its own API's wire format. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export interface FieldProblem {
  readonly field: string
  readonly message: string
}

/**
 * Input that names one or more offending fields. Docebo answers 400; Training Orchestra answers 422 for a body and
 * 400 for a query parameter (`status`).
 */
export class InvalidFields extends Error {
  constructor(
    readonly problems: readonly FieldProblem[],
    readonly status?: number,
  ) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join("; "))
  }

  static of(field: string, message: string): InvalidFields {
    return new InvalidFields([{ field, message }])
  }

  static inQuery(field: string, message: string): InvalidFields {
    return new InvalidFields([{ field, message }], 400)
  }
}

/** A request whose body is not what the endpoint reads (not JSON, not an object, empty). */
export class MalformedBody extends ApiError {
  constructor(message: string) {
    super(400, message)
  }
}

export class BodyTooLarge extends ApiError {
  constructor(limitBytes: number) {
    super(413, `The request body is larger than ${limitBytes} bytes`)
  }
}
