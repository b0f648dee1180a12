/** Did every reader get exactly one email? Compares what the SMTP sink received with what the database planned. */

/** The outcome: addresses that got more than one email, planned readers that got none, and mail nobody planned. */
export interface DeliveryCheck {
  /** Planned addresses (distinct). */
  expected: number;
  /** Messages the sink received in all. */
  received: number;
  /** Addresses that received more than one message. */
  duplicates: number;
  /** Planned addresses that received nothing. */
  missing: number;
  /** Addresses that received mail but were not planned (e.g. a skipped reader). */
  unexpected: number;
  /** A few examples of each, for the report. */
  examples: { duplicates: string[]; missing: string[]; unexpected: string[] };
}

const EXAMPLES = 5;
const norm = (address: string) => address.trim().toLowerCase();

/** Compares per-address receive counts (RCPT TO → messages) with the planned addresses; case-insensitive. */
export function checkDeliveries(receivedPerAddress: Record<string, number>, plannedAddresses: Iterable<string>): DeliveryCheck {
  const received = new Map<string, number>();
  let total = 0;
  for (const [address, n] of Object.entries(receivedPerAddress)) {
    received.set(norm(address), (received.get(norm(address)) ?? 0) + n);
    total += n;
  }
  const planned = new Set<string>();
  for (const address of plannedAddresses) planned.add(norm(address));
  const duplicates = [...received].filter(([, n]) => n > 1).map(([a]) => a);
  const missing = [...planned].filter((a) => !received.get(a));
  const unexpected = [...received.keys()].filter((a) => !planned.has(a));
  return {
    expected: planned.size,
    received: total,
    duplicates: duplicates.length,
    missing: missing.length,
    unexpected: unexpected.length,
    examples: { duplicates: duplicates.slice(0, EXAMPLES), missing: missing.slice(0, EXAMPLES), unexpected: unexpected.slice(0, EXAMPLES) },
  };
}
