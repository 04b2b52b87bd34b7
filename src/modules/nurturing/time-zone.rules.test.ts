import { describe, expect, it } from 'vitest';
import { resolveZone } from './time-zone.rules.ts';

describe('resolveZone', () => {
  it('takes the lead zone, else the workspace zone, else Europe/Paris', () => {
    expect(resolveZone('America/New_York', 'Europe/Paris')).toBe('America/New_York');
    expect(resolveZone(null, 'America/Montreal')).toBe('America/Montreal');
    expect(resolveZone('Not/AZone', undefined)).toBe('Europe/Paris');
    expect(resolveZone()).toBe('Europe/Paris');
  });
});
