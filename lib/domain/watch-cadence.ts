/**
 * How often a settled extension is looked at, as one promise and its two halves. The status page
 * polls at {@link SETTLED_POLL_MS} (lib/ui/extension-polling.ts) and the server shares one
 * in-cluster read per cluster for {@link SETTLED_READ_WINDOW_MS} across every viewer
 * (lib/azure/extension-status.ts). A page's answer is at most one read window old when it polls,
 * so a component that degrades after a healthy install shows on an open page within
 * {@link SETTLED_INTERVAL_MS}, and however many people watch, a settled cluster costs one
 * in-cluster read per read window.
 */

/** What the page promises: a change on a settled extension shows within this. */
export const SETTLED_INTERVAL_MS = 30_000;
/** The read window of the shared in-cluster read once settled. */
export const SETTLED_READ_WINDOW_MS = 10_000;
/** The page's settled cadence: what is left of the promise after the read window. */
export const SETTLED_POLL_MS = SETTLED_INTERVAL_MS - SETTLED_READ_WINDOW_MS;
