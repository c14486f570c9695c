/** The time of the service's own records (jobs, webhook deliveries, operators' events); tests may hand in their own. */
export interface ServiceClock {
  readonly now: () => number
}

export const isoNow = (clock: ServiceClock) => new Date(clock.now()).toISOString()
