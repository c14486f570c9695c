import type { ToResource } from "../../engine/Ports.ts"
import type { Route } from "../http/Request.ts"

const collection = (name: string): Route => ({ path: `/${name}`, template: `/api/v1/${name}` })
const record = (name: string, id: string): Route => ({ path: `/${name}/${id}`, template: `/api/v1/${name}/:id` })

/** Each resource's path under the API base. */
export const resourcePaths: Readonly<Record<ToResource, string>> = {
  courses: "courses",
  sessions: "sessions",
  trainingProviders: "training-providers",
  sites: "sites",
  trainers: "trainers",
  locations: "locations",
  rooms: "rooms",
}

/** Training Orchestra's endpoints under `{baseUrl}/api/v1`, with the templates the call accounting counts them by. */
export const Routes = {
  list: (resource: ToResource) => collection(resourcePaths[resource]),
  one: (resource: ToResource, id: string) => record(resourcePaths[resource], id),
}
