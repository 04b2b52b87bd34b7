import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('sorts by creation order, also within one millisecond and with interleaved clocks', () => {
    const ids: string[] = [];
    for (let index = 0; index < 500; index++) {
      ids.push(newId('lead', 1_700_000_000_000));
      newId('evt', 1_800_000_000_000 + index);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^lead_[0-9a-z]{26}$/);
    expect(newId('lead', 1_700_000_000_001) > ids.at(-1)!).toBe(true);
  });
});
