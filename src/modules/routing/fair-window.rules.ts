/** Fairness is promised over this many consecutive assignments of a team. */
export const FAIRNESS_WINDOW = 100;

/**
 * Fewest and most picks a member may have in a window: its weighted share ± 1, rounded inwards.
 * `ceil(L·w/W − 1)` and `floor(L·w/W + 1)`, computed on integers so no rounding error creeps in.
 */
export function windowBounds(weight: number, totalWeight: number): { min: number; max: number } {
  const scaled = FAIRNESS_WINDOW * weight;
  return {
    min: Math.max(0, Math.ceil((scaled - totalWeight) / totalWeight)),
    max: Math.floor((scaled + totalWeight) / totalWeight),
  };
}

/**
 * The first candidate (they come in credit order) whose pick keeps every window of FAIRNESS_WINDOW
 * assignments fair, or undefined when none does.
 *
 * `recent` holds the picks of the current all-eligible stretch, oldest first (at most L − 1). A pick
 * is kept when (1) it does not give its member more than its maximum in the window it closes, and
 * (2) the windows it opens can still give every member its minimum: for each of the next L − 1
 * windows, the picks still missing from minimums fit in the picks left before that window closes.
 * Once the stretch holds 99 picks, (2) comes down to the window closing now (each later window drops
 * one old pick, so misses at most one more, and brings one more pick to fill it); while the stretch
 * is younger it makes the first full windows reachable. Plain smooth weighted round-robin has no such
 * check and lets a share drift by up to ~1.5 in some windows (weights 1, 3, 3, 3, 3, 4).
 */
export function firstFairCandidate(
  candidates: readonly string[],
  weights: ReadonlyMap<string, number>,
  recent: readonly string[],
): string | undefined {
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  const members = [...weights.keys()];
  const bounds = new Map(members.map((userId) => [userId, windowBounds(weights.get(userId)!, totalWeight)]));
  const history = recent.filter((userId) => weights.has(userId)).slice(-(FAIRNESS_WINDOW - 1));

  // Each window that closes `spare` picks after this one: what it already holds of each member, and
  // how many picks it still misses to give everyone their minimum.
  const counts = new Map(members.map((userId) => [userId, 0]));
  for (const userId of history) counts.set(userId, counts.get(userId)! + 1);
  const inHistory = new Map(counts);
  const windows: { spare: number; counts: Map<string, number>; missing: number }[] = [];
  let dropped = 0;
  for (let spare = 0; spare < FAIRNESS_WINDOW; spare++) {
    // Its first pick is history[from]; before the stretch has L picks there is no such window.
    const from = history.length + 1 + spare - FAIRNESS_WINDOW;
    if (from < 0) continue;
    while (dropped < from) {
      const userId = history[dropped++]!;
      counts.set(userId, counts.get(userId)! - 1);
    }
    let missing = 0;
    for (const userId of members) missing += Math.max(0, bounds.get(userId)!.min - counts.get(userId)!);
    windows.push({ spare, counts: new Map(counts), missing });
  }

  const keepsMinimums = (pick: string) =>
    windows.every((window) => {
      const helps = window.counts.get(pick)! < bounds.get(pick)!.min ? 1 : 0;
      return window.missing - helps <= window.spare;
    });
  return candidates.find(
    (pick) => weights.has(pick) && inHistory.get(pick)! + 1 <= bounds.get(pick)!.max && keepsMinimums(pick),
  );
}
