/** For the simulators' tests: a tiny client of one simulator that fetches a token once and sends JSON. */

export interface Answer<T> {
  status: number
  headers: Headers
  body: T
}

interface InProcess {
  readonly request: (path: string, init: RequestInit) => Response | Promise<Response>
}

/** `tokenPath` and `credentials`: where the API hands out tokens and the client-credentials grant it accepts. */
export const makeTestClient = (
  app: InProcess,
  tokenPath: string,
  credentials: { readonly clientId: string; readonly clientSecret: string },
) => {
  let token: string | null = null

  const send = async <T>(path: string, init: RequestInit): Promise<Answer<T>> => {
    const response = await app.request(path, init)
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T }
  }

  const fetchToken = async (): Promise<string> => {
    const answer = await send<{ access_token: string }>(tokenPath, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }),
    })
    token = answer.body.access_token
    return token
  }

  /** An API call with the token (fetched on first use); a string body is sent as it is. */
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const bearer = token ?? (await fetchToken())
    return send<T>(path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
  }

  /** The unauthenticated `/__sim/` surface. */
  const control = <T>(method: string, path: string, body?: unknown) =>
    send<T>(`/__sim/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  return { send, fetchToken, call, control }
}
