import { afterAll, describe, expect, it } from 'vitest';
import {
  isNluThreadRunning,
  nluThreadCounts,
  startNluThread,
  stopNluThread,
  understandLeadMessage,
} from './nlu-thread.ts';
import { understandMessage } from './understand-message.ts';

const options = {
  language: 'fr' as const,
  now: new Date('2026-11-24T10:00:00Z'),
  timezone: 'Europe/Paris',
  expectedSlot: 'budget' as const,
};
const MESSAGES = [
  'Bonjour, on cherche un outil pour qualifier nos leads, budget 20 000 € HT, démarrage dans 2 mois',
  'STOP',
  'Je voudrais parler à un commercial',
  'We are 8 sales reps, I am the head of sales, ASAP please',
  '',
];

afterAll(() => stopNluThread());

describe('the NLU thread', () => {
  it('answers exactly what understanding inline answers, several requests at once', async () => {
    startNluThread();
    expect(isNluThreadRunning()).toBe(true);
    const [inThread, inline] = await Promise.all([
      Promise.all(MESSAGES.map((text) => understandLeadMessage(text, options))),
      Promise.all(MESSAGES.map((text) => understandMessage(text, options))),
    ]);
    expect(inThread).toEqual(inline);
    expect(nluThreadCounts()).toEqual({ answered: MESSAGES.length, fellBack: 0 });
    expect(inThread[0]?.slots.budget?.value).toMatchObject({ kind: 'amount', amount: 20_000 });
    expect(inThread[1]?.isOptOut).toBe(true);
  }, 60_000);

  it('understands inline once the thread is stopped', async () => {
    await stopNluThread();
    expect(isNluThreadRunning()).toBe(false);
    expect((await understandLeadMessage('STOP', options)).isOptOut).toBe(true);
  });
});
