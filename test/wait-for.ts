/**
 * Polls `condition` every 20 ms until it holds; throws with `what` after `timeoutMs`, so a test
 * waiting on background work (jobs, outbox) fails with a reason instead of hanging.
 */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
