// @ts-check
// Work that can wait for the browser to be idle (preparing the tasks held ahead of the shown
// one), one small step at a time so that a key press is never queued behind it.

/**
 * Runs `step()` in idle time, again and again while it returns true (one step per idle
 * slice). Returns a function that cancels what is scheduled. Where requestIdleCallback is
 * missing (Safari), a timer stands in.
 * @param {() => boolean} step
 */
export function idleSteps(step) {
  let handle = null;
  let cancelled = false;
  const schedule = () => {
    handle = typeof requestIdleCallback === "function"
      ? requestIdleCallback(run, { timeout: 1000 })
      : setTimeout(run, 16);
  };
  const run = () => {
    handle = null;
    if (!cancelled && step()) schedule();
  };
  schedule();
  return () => {
    cancelled = true;
    if (handle === null) return;
    if (typeof cancelIdleCallback === "function") cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}
