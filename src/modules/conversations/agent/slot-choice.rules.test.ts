import { describe, expect, it } from 'vitest';
import {
  matchSlotChoiceText,
  namesSlotWords,
  readSlotReply,
  slotChoiceId,
  slotFromChoiceId,
} from './slot-choice.rules.ts';
import { foldMessage } from './turn-signals.rules.ts';

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

  it('tells a choice, a refusal and a time that is not offered apart', () => {
    const reply = (
      text: string,
      extra: { isYes?: boolean; isReschedule?: boolean; offered?: string[] } = {},
    ) =>
      readSlotReply({
        text,
        offered: extra.offered ?? offered,
        timezone: 'Europe/Paris',
        isYes: extra.isYes ?? false,
        isReschedule: extra.isReschedule ?? false,
      });
    expect(reply('mercredi à 10h ça me va')).toEqual({ kind: 'chosen', slot: offered[2] });
    expect(reply('the second one works for me')).toEqual({ kind: 'chosen', slot: offered[1] });
    expect(reply('oui', { isYes: true, offered: [offered[0]!] })).toEqual({
      kind: 'chosen',
      slot: offered[0],
    });
    expect(reply('Aucun de ces créneaux ne me convient')).toEqual({ kind: 'declined' });
    expect(
      reply("none of these work for me, I'm travelling", { isYes: true, offered: [offered[0]!] }),
    ).toEqual({
      kind: 'declined',
    });
    expect(reply('jeudi 15h ?')).toEqual({ kind: 'missed' });
    expect(reply('can we move it?', { isReschedule: true })).toEqual({ kind: 'missed' });
    expect(reply('aucun souci, merci')).toEqual({ kind: 'none' });
    expect(reply("C'est combien ?")).toEqual({ kind: 'none' });
  });

  it('spots days, hours and ranks, not the words of a need', () => {
    expect(namesSlotWords(foldMessage('demain matin'))).toBe(true);
    expect(namesSlotWords(foldMessage('vers 16h30'))).toBe(true);
    expect(namesSlotWords(foldMessage('Friday works'))).toBe(true);
    expect(namesSlotWords(foldMessage('On cherche un CRM pour gérer nos prospects'))).toBe(false);
  });
});
