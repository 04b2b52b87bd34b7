import { describe, expect, it } from 'vitest';
import { matchSlotChoiceText, slotChoiceId, slotFromChoiceId } from './slot-choice.rules.ts';

// Tuesday 1 Dec 10:00 and 15:00, Wednesday 2 Dec 10:00 (Paris).
const offered = ['2026-12-01T09:00:00.000Z', '2026-12-01T14:00:00.000Z', '2026-12-02T09:00:00.000Z'];

describe('slot choice', () => {
  it('maps a tapped id back to the offered instant, whatever its ISO spelling', () => {
    expect(slotFromChoiceId(slotChoiceId(offered[1]!), offered)).toBe(offered[1]);
    expect(slotFromChoiceId('slot:2026-12-01T10:00:00+01:00', offered)).toBe(offered[0]);
    expect(slotFromChoiceId('other:1', offered)).toBeNull();
  });

  it('needs the words to designate exactly one slot', () => {
    expect(matchSlotChoiceText('mardi', offered, 'Europe/Paris')).toBeNull();
    expect(matchSlotChoiceText('mardi 15h', offered, 'Europe/Paris')).toBe(offered[1]);
    expect(matchSlotChoiceText('Tuesday 3pm', offered, 'Europe/Paris')).toBe(offered[1]);
    expect(matchSlotChoiceText('mercredi', offered, 'Europe/Paris')).toBe(offered[2]);
    expect(matchSlotChoiceText('le dernier', offered, 'Europe/Paris')).toBe(offered[2]);
    expect(matchSlotChoiceText('option 4', offered, 'Europe/Paris')).toBeNull();
    expect(
      matchSlotChoiceText('On cherche un CRM pour gérer nos prospects', offered, 'Europe/Paris'),
    ).toBeNull();
  });
});
