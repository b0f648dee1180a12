/** Milliseconds since the epoch: sessions and the sign-in throttle take one, so tests can move time. */
export type Clock = () => number;

/** The real time. */
export const systemClock: Clock = () => Date.now();
