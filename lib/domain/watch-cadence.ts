/**
 * How often a settled extension is looked at, as one promise and its two halves. The status page
 * polls at {@link SETTLED_POLL_MS} (lib/ui/extension-polling.ts); the server shares one
 * in-cluster read per cluster across every viewer, and each caller's ARM read across their
 * viewers, for {@link SETTLED_READ_WINDOW_MS} (lib/azure/extension-status.ts). Windows are
 * aligned to the clock, so of two polls one read window apart the second reads after any change
 * before the first: a component that degrades after a healthy install shows on an open page
 * within {@link SETTLED_INTERVAL_MS}, and however many people watch, a settled cluster costs one
 * in-cluster read per read window.
 */

/** What the page promises: a change on a settled extension shows within this. */
export const SETTLED_INTERVAL_MS = 30_000;
/**
 * The read window of the shared reads once settled (the caller's ARM read of the extension and
 * the in-cluster read). Equal to the poll interval: a hundred pages polling at that pace then
 * cost what one does (bench `statusFanIn`).
 */
export const SETTLED_READ_WINDOW_MS = SETTLED_INTERVAL_MS / 2;
/** The page's settled cadence: what is left of the promise after the read window. */
export const SETTLED_POLL_MS = SETTLED_INTERVAL_MS - SETTLED_READ_WINDOW_MS;
