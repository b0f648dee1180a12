// Moved to src/deliveries/withdraw.ts. Kept while the subscriber routes, rewritten in parallel, still
// import it from here; remove once nothing does.
export { withdrawPendingDeliveries } from '../deliveries/withdraw.js';
