import { describe, expect, it } from 'vitest';
import { extractReplyText } from './reply-text.rules.ts';

const lines = (...text: string[]) => text.join('\n');

describe('extractReplyText', () => {
  it('keeps a message with no history as it is, trimmed', () => {
    expect(extractReplyText('\n  Bonjour,\n\nJeudi me va.  \n\n')).toBe('Bonjour,\n\nJeudi me va.');
  });

  it.each([
    ['Gmail EN', 'On Mon, Mar 3, 2025 at 10:00 AM Chaud <sales@chaud.test> wrote:'],
    ['Apple Mail EN', 'On 3 Mar 2025, at 10:00, Chaud <sales@chaud.test> wrote:'],
    ['Gmail FR', 'Le lun. 3 mars 2025 à 10:00, Chaud <ventes@chaud.test> a écrit :'],
    ['Thunderbird FR', 'Le 03/03/2025 à 10:00, Chaud Ventes a écrit :'],
  ])('drops a %s attribution line and its quote', (_client, attribution) => {
    const text = lines('Jeudi me va.', '', attribution, '', '> Quand êtes-vous disponible ?', '> Merci');
    expect(extractReplyText(text)).toBe('Jeudi me va.');
  });

  it.each([
    ['EN', 'On Mon, Mar 3, 2025 at 10:00 AM Chaud Sales <', 'sales@chaud.test> wrote:'],
    ['FR', 'Le lun. 3 mars 2025 à 10:00, Chaud Ventes <ventes@chaud.test> a', 'écrit :'],
  ])('recognises an %s attribution wrapped over two lines', (_language, first, second) => {
    expect(extractReplyText(lines('OK pour jeudi.', '', first, second, '', '> Question ?'))).toBe(
      'OK pour jeudi.',
    );
  });

  it('cuts everything after an attribution followed by unquoted history', () => {
    const text = lines(
      'Oui.',
      '',
      'Le 3 mars 2025 à 10:00, Chaud a écrit :',
      'Bonjour, quand êtes-vous libre ?',
    );
    expect(extractReplyText(text)).toBe('Oui.');
  });

  it('keeps a sentence that only looks like an attribution (no date in it)', () => {
    const text = lines('Le client a écrit :', 'nous voulons démarrer en avril.');
    expect(extractReplyText(text)).toBe(text);
  });

  it.each([
    ['-----Original Message-----'],
    ["----- Message d'origine -----"],
    ['-------- Message original --------'],
    ['---------- Forwarded message ---------'],
  ])('cuts at %s', (separator) => {
    expect(extractReplyText(lines('Réponse.', '', separator, 'From: x@example.com', 'Ancien'))).toBe(
      'Réponse.',
    );
  });

  it('cuts Outlook header blocks in French and English, on several lines or one', () => {
    const french = lines(
      'Réponse.',
      '',
      'De : Chaud <v@chaud.test>',
      'Envoyé : lundi 3 mars 2025 10:00',
      'Objet : X',
    );
    const english = lines(
      'Answer.',
      '*From:* Chaud <s@chaud.test>',
      '*Sent:* Monday, March 3, 2025 10:00 AM',
    );
    const macOutlook = lines(
      'Answer.',
      'From: Chaud <s@chaud.test>',
      'Date: Monday, 3 March 2025 at 10:00',
      'To: x',
    );
    const oneLine = lines('Réponse.', 'De : Chaud <v@chaud.test> Envoyé : lundi 3 mars 2025 10:00 À : moi');
    expect(extractReplyText(french)).toBe('Réponse.');
    expect(extractReplyText(english)).toBe('Answer.');
    expect(extractReplyText(macOutlook)).toBe('Answer.');
    expect(extractReplyText(oneLine)).toBe('Réponse.');
  });

  it('keeps a "From:" line that is not followed by a Sent/Date line', () => {
    const text = lines('From: the marketing team, we need 3 seats.', 'Thanks');
    expect(extractReplyText(text)).toBe(text);
  });

  it('drops the underscore rule Outlook puts above the header block', () => {
    const text = lines('Réponse.', '', '________________________________', 'De : Chaud', 'Envoyé : lundi');
    expect(extractReplyText(text)).toBe('Réponse.');
  });

  it('stops at the signature delimiter, with or without its trailing space', () => {
    expect(extractReplyText(lines('Oui.', '-- ', 'Jean Dupont'))).toBe('Oui.');
    expect(extractReplyText(lines('Oui.', '--', 'Jean Dupont'))).toBe('Oui.');
    expect(extractReplyText(lines('Oui -- enfin, jeudi.', 'Jean'))).toBe('Oui -- enfin, jeudi.\nJean');
  });

  it('keeps answers written between quotes and collapses the blank lines left behind', () => {
    const text = lines('> Budget ?', '', '5000 €', '', '> Date ?', '', '', 'Avril', '> fin');
    expect(extractReplyText(text)).toBe('5000 €\n\nAvril');
  });

  it('accepts CRLF line endings', () => {
    expect(extractReplyText('Oui.\r\n\r\n> Question ?\r\n')).toBe('Oui.');
  });

  it('returns an empty string when everything is quoted', () => {
    expect(extractReplyText(lines('> a', '> b'))).toBe('');
  });
});
