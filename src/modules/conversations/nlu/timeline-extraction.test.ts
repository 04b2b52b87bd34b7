import { beforeAll, describe, expect, it } from 'vitest';
import { warmUpRecognizers } from './recognizers-text.adapter.ts';
import { extractTimeline } from './timeline-extraction.ts';

beforeAll(() => warmUpRecognizers(), 60_000);

// Tuesday 24 November 2026, 10:00 in Paris (09:00 UTC): Q4 ends on 31 December.
const now = new Date('2026-11-24T09:00:00Z');
const timezone = 'Europe/Paris';
const fr = (text: string) => extractTimeline(text, { language: 'fr', now, timezone });
const en = (text: string) => extractTimeline(text, { language: 'en', now, timezone });

describe('extractTimeline: dates', () => {
  it.each([
    ['fr', "d'ici la fin du trimestre", '2026-12-31', '1_3m'],
    ['en', 'by the end of the quarter', '2026-12-31', '1_3m'],
    ['en', 'in 3 months', '2027-02-24', '3_6m'],
    ['fr', 'dans 3 mois', '2027-02-24', '3_6m'],
    ['fr', 'sous 2 mois', '2027-01-24', '1_3m'],
    ['fr', "d'ici trois semaines", '2026-12-15', 'lt_1m'],
    ['en', 'in two weeks', '2026-12-08', 'lt_1m'],
    ['en', 'within 6 months', '2027-05-24', '3_6m'],
    ['fr', 'la semaine prochaine', '2026-12-06', 'lt_1m'],
    ['fr', 'la semaine pro', '2026-12-06', 'lt_1m'],
    ['en', 'next week', '2026-12-06', 'lt_1m'],
    ['fr', 'le mois prochain', '2026-12-31', '1_3m'],
    ['en', 'before the end of next month', '2026-12-31', '1_3m'],
    ['fr', "d'ici la fin de l'année", '2026-12-31', '1_3m'],
    ['en', 'by end of year', '2026-12-31', '1_3m'],
    ['en', 'Q1 2027', '2027-03-31', '3_6m'],
    ['fr', 'au T1 2027', '2027-03-31', '3_6m'],
    ['fr', 'premier trimestre 2027', '2027-03-31', '3_6m'],
    ['en', 'next quarter', '2027-03-31', '3_6m'],
    ['en', 'Q2', '2027-06-30', 'gt_6m'],
    ['en', 'H1 2027', '2027-06-30', 'gt_6m'],
    ['en', 'early next year', '2027-03-31', '3_6m'],
    ['fr', 'fin 2027', '2027-12-31', 'gt_6m'],
    ['fr', 'demain', '2026-11-25', 'lt_1m'],
    ['fr', 'le 15 janvier', '2027-01-15', '1_3m'],
    ['fr', 'en septembre', '2027-09-30', 'gt_6m'],
    ['fr', 'à la rentrée', '2027-09-30', 'gt_6m'],
    ['fr', 'on veut signer dans 2 semaines', '2026-12-08', 'lt_1m'],
  ] as const)('%s "%s" → %s (%s)', (language, text, date, horizon) => {
    const timeline = extractTimeline(text, { language, now, timezone });
    expect(timeline?.value).toEqual({ kind: 'date', date });
    expect(timeline?.horizon).toBe(horizon);
  });

  it.each([
    ['fr', "d'ici 3 à 4 semaines", '2026-12-22', 'lt_1m'],
    ['en', 'in 2 or 3 months', '2027-02-24', '3_6m'],
    ['fr', 'probablement dans 5 à 6 mois', '2027-05-24', '3_6m'],
    ['en', 'maybe in 4-5 weeks', '2026-12-29', '1_3m'],
    ['fr', 'dans un mois et demi', '2027-01-08', '1_3m'],
    ['fr', 'rappelle-moi dans 5 mois', '2027-04-24', '3_6m'],
    ['en', 'check back with me in five months', '2027-04-24', '3_6m'],
    ['fr', 'sous 15 jours max', '2026-12-09', 'lt_1m'],
    ['en', '2 weeks max', '2026-12-08', 'lt_1m'],
    ['fr', 'ds 3 semaines', '2026-12-15', 'lt_1m'],
    ['fr', 'pas avant deux ans', '2028-11-24', 'gt_6m'],
    ['en', 'not for another year', '2027-11-24', 'gt_6m'],
  ] as const)(
    '%s "%s": a spoken duration (range upper bound, number words, shorthand) → %s',
    (language, text, date, horizon) => {
      const timeline = extractTimeline(text, { language, now, timezone });
      expect(timeline?.value).toEqual({ kind: 'date', date });
      expect(timeline?.horizon).toBe(horizon);
    },
  );

  it.each([
    ['fr', "à l'été", '2027-09-22'],
    ['fr', 'cet hiver', '2027-03-19'],
    ['fr', 'vers la fin du printemps', '2027-06-20'],
    ['fr', 'début du printemps', '2027-04-20'],
    ['fr', 'pas avant le printemps', '2027-03-20'],
    ['en', 'next summer', '2027-09-22'],
    ['en', 'late summer', '2027-09-22'],
    ['en', 'over the winter', '2027-03-19'],
    ['en', 'by spring 2027', '2027-06-20'],
  ] as const)('%s "%s": a season → %s', (language, text, date) => {
    expect(extractTimeline(text, { language, now, timezone })?.value).toEqual({ kind: 'date', date });
  });

  it('reads no season in "été" as "been", a past season or "the fall of"', () => {
    expect(fr('il a été très clair')).toBeNull();
    expect(fr("l'été dernier on a changé d'outil")).toBeNull();
    expect(en('the fall of our sales worried us')).toBeNull();
  });

  it('keeps the words the date was read from', () => {
    expect(fr("on aimerait lancer d'ici la fin du trimestre si possible")).toEqual({
      value: { kind: 'date', date: '2026-12-31' },
      confidence: 0.85,
      evidence: 'la fin du trimestre',
      horizon: '1_3m',
    });
  });

  it('"not before" a period is its first day', () => {
    expect(fr('pas avant le T2 2027')?.value).toEqual({ kind: 'date', date: '2027-04-01' });
    expect(en('not until March')?.value).toEqual({ kind: 'date', date: '2027-03-01' });
    expect(fr('à partir de mars')?.value).toEqual({ kind: 'date', date: '2027-03-01' });
  });

  it('reads "today" in the given timezone, not the server\'s', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris: "fin du mois" is then 31 December.
    const lateEvening = new Date('2026-11-30T23:30:00Z');
    expect(extractTimeline('fin du mois', { language: 'fr', now: lateEvening, timezone })?.value).toEqual({
      kind: 'date',
      date: '2026-12-31',
    });
    expect(
      extractTimeline('fin du mois', { language: 'fr', now: lateEvening, timezone: 'UTC' })?.value,
    ).toEqual({
      kind: 'date',
      date: '2026-11-30',
    });
    expect(
      extractTimeline('demain', { language: 'fr', now: lateEvening, timezone: 'America/New_York' })?.value,
    ).toEqual({
      kind: 'date',
      date: '2026-12-01',
    });
  });
});

describe('extractTimeline: horizons', () => {
  it.each([
    ['en', 'ASAP', 'lt_1m'],
    ['fr', 'dès que possible', 'lt_1m'],
    ['fr', "c'est urgent", 'lt_1m'],
    ['fr', 'au plus vite svp', 'lt_1m'],
    ['en', 'as soon as possible', 'lt_1m'],
    ['fr', "l'année prochaine", 'gt_6m'],
    ['en', 'next year', 'gt_6m'],
    ['fr', "pas avant l'année prochaine", 'gt_6m'],
    ['fr', 'pas de projet avant 2027', 'gt_6m'],
    ['en', 'not before 2027', 'gt_6m'],
    ['fr', 'en 2027', 'gt_6m'],
    ['fr', 'pas encore de date', 'unknown'],
    ['en', 'no timeline yet', 'unknown'],
    ['fr', 'rien ne presse', 'unknown'],
  ] as const)('%s "%s" → %s', (language, text, horizon) => {
    const timeline = extractTimeline(text, { language, now, timezone });
    expect(timeline?.value).toEqual({ kind: 'horizon', horizon });
    expect(timeline?.horizon).toBe(horizon);
  });

  it('reads no timing where there is none', () => {
    for (const text of [
      "ce n'est pas urgent",
      'depuis 3 mois on cherche une solution',
      'contrat de 12 mois',
      'pas maintenant',
      'la semaine dernière',
      'il y a 3 mois',
      'budget 2027',
      'nous existons depuis 2020',
      'on a 20 salariés',
      'Bonjour',
      '😀🔥',
      '',
    ]) {
      expect(fr(text), text).toBeNull();
    }
    expect(en('it is not urgent')).toBeNull();
  });

  it('reads no deadline in the present or a recurring time described', () => {
    for (const [language, text] of [
      ['en', 'today we track everything in Excel'],
      ['fr', "aujourd'hui on gère tout à la main"],
      ['en', 'right now we use Pipedrive'],
      ['fr', 'nos leads du week-end sont perdus'],
      ['en', 'the leads we get at night are lost'],
      ['fr', 'le soir personne ne répond aux demandes'],
      ['fr', 'pas de budget pour le moment'],
      ['en', 'no budget for now'],
      ['fr', 'joyeux Noël !'],
      ['en', 'merry christmas'],
    ] as const) {
      expect(extractTimeline(text, { language, now, timezone }), text).toBeNull();
    }
  });

  it('still reads today or the weekend said as a deadline', () => {
    expect(fr("c'est pour aujourd'hui")?.value).toEqual({ kind: 'date', date: '2026-11-24' });
    expect(
      extractTimeline("aujourd'hui", { language: 'fr', now, timezone, isAnswerToTimelineQuestion: true })
        ?.value,
    ).toEqual({ kind: 'date', date: '2026-11-24' });
    expect(en('by the weekend')?.horizon).toBe('lt_1m');
    // After "when?", "not now" is no date and the date said with it wins.
    for (const [language, text] of [
      ['fr', 'pas maintenant, rappelle-moi dans 5 mois'],
      ['en', 'not now, check back in 5 months'],
    ] as const) {
      expect(
        extractTimeline(text, { language, now, timezone, isAnswerToTimelineQuestion: true })?.value,
        text,
      ).toEqual({ kind: 'date', date: '2027-04-24' });
    }
    expect(fr('ce week-end')?.horizon).toBe('lt_1m');
    expect(fr('avant Noël')?.horizon).toBe('lt_1m');
  });

  it('reads a bare duration only as the answer to "when?"', () => {
    expect(fr('3 mois')).toBeNull();
    expect(
      extractTimeline('3 mois', { language: 'fr', now, timezone, isAnswerToTimelineQuestion: true })?.value,
    ).toEqual({ kind: 'date', date: '2027-02-24' });
  });
});
