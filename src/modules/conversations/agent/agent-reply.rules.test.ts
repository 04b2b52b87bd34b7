import { describe, expect, it } from 'vitest';
import { buildChoicesReply, cleanFirstName, finishText } from './agent-reply.rules.ts';

describe('agent replies', () => {
  it('keep choices within WhatsApp limits', () => {
    const buttons = buildChoicesReply('?', [{ id: 'a', title: 'A very long button title here' }]);
    expect(buttons).toEqual({
      kind: 'choices',
      text: '?',
      choices: [{ id: 'a', title: 'A very long button…' }],
    });
    const many = Array.from({ length: 12 }, (_, index) => ({
      id: `${index}`,
      title: `Row number ${index} with a long title`,
    }));
    const list = buildChoicesReply('?', many);
    expect(list.kind === 'choices' && list.choices).toHaveLength(10);
    expect(list.kind === 'choices' && list.choices.every((choice) => [...choice.title].length <= 24)).toBe(
      true,
    );
  });

  it('are tidied and get French typography only in French', () => {
    expect(finishText('  Noté :  oui ?\n  Suite ', 'fr')).toBe('Noté\u00a0: oui\u00a0?\nSuite');
    expect(finishText('Noted : yes ?', 'en')).toBe('Noted : yes ?');
  });

  it('use only real first names', () => {
    expect(cleanFirstName('  Marie ')).toBe('Marie');
    expect(cleanFirstName('marie@example.com')).toBeNull();
    expect(cleanFirstName('')).toBeNull();
  });
});
