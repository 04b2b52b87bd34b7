import { IANAZone } from 'luxon';

/** The zone of a workspace that has not chosen one. */
export const DEFAULT_ZONE = 'Europe/Paris';

/** The first valid IANA zone among the lead's and the workspace's, else Europe/Paris. */
export function resolveZone(...candidates: (string | null | undefined)[]): string {
  for (const zone of candidates) {
    if (zone && IANAZone.isValidZone(zone)) return zone;
  }
  return DEFAULT_ZONE;
}
