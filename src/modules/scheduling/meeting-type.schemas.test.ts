import { describe, expect, it } from 'vitest';
import { describeMeetingLocation, renderVideoUrl, ZMeetingTypeInput } from './meeting-type.schemas.ts';

const meetingType = (changes: Record<string, unknown> = {}) => ({
  name: 'Discovery call',
  slug: 'discovery-call',
  durationMinutes: 30,
  location: { kind: 'video', urlTemplate: 'https://meet.example.com/{{bookingId}}' },
  ...changes,
});

const paths = (input: unknown) => {
  const result = ZMeetingTypeInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('ZMeetingTypeInput', () => {
  it('accepts each kind of location', () => {
    expect(paths(meetingType())).toEqual([]);
    expect(paths(meetingType({ location: { kind: 'phone' } }))).toEqual([]);
    expect(
      paths(meetingType({ location: { kind: 'address', address: '10 rue de la Paix, Paris' } })),
    ).toEqual([]);
    expect(paths(meetingType({ description: 'Thirty minutes to see whether we fit.' }))).toEqual([]);
  });

  it('refuses bad names, slugs, durations and locations, naming the field', () => {
    expect(paths(meetingType({ name: '  ' }))).toEqual(['name']);
    expect(paths(meetingType({ slug: 'Discovery Call' }))).toEqual(['slug']);
    expect(paths(meetingType({ slug: 'a--b' }))).toEqual(['slug']);
    expect(paths(meetingType({ durationMinutes: 4 }))).toEqual(['durationMinutes']);
    expect(paths(meetingType({ durationMinutes: 481 }))).toEqual(['durationMinutes']);
    expect(paths(meetingType({ durationMinutes: 30.5 }))).toEqual(['durationMinutes']);
    expect(paths(meetingType({ location: { kind: 'teleport' } }))).toEqual(['location.kind']);
    expect(paths(meetingType({ location: { kind: 'address', address: '' } }))).toEqual(['location.address']);
    expect(paths(meetingType({ location: { kind: 'phone', urlTemplate: 'https://x.example' } }))).toEqual([
      'location',
    ]);
  });

  it('accepts only https video links whose placeholders are {{bookingId}}', () => {
    const template = (urlTemplate: string) =>
      paths(meetingType({ location: { kind: 'video', urlTemplate } }));
    expect(template('https://meet.example.com/room')).toEqual([]);
    expect(template('https://meet.example.com/{{ bookingId }}?pwd=1')).toEqual([]);
    expect(template('http://meet.example.com/{{bookingId}}')).toEqual(['location.urlTemplate']);
    expect(template('https://meet.example.com/{{leadEmail}}')).toEqual(['location.urlTemplate']);
    expect(template('https://meet.example.com/{bookingId}')).toEqual(['location.urlTemplate']);
    expect(template('meet.example.com/{{bookingId}}')).toEqual(['location.urlTemplate']);
    expect(template('javascript:alert(1)')).toEqual(['location.urlTemplate']);
  });
});

describe('video links and location text', () => {
  it('puts the URL-encoded booking id in the template', () => {
    expect(renderVideoUrl('https://meet.example.com/{{bookingId}}', 'bkg_01')).toBe(
      'https://meet.example.com/bkg_01',
    );
    expect(renderVideoUrl('https://meet.example.com/{{ bookingId }}?x=1', 'a/b c')).toBe(
      'https://meet.example.com/a%2Fb%20c?x=1',
    );
  });

  it('describes each kind of place for the invitation', () => {
    expect(
      describeMeetingLocation(
        { kind: 'video', urlTemplate: 'https://meet.example.com/{{bookingId}}' },
        { bookingId: 'bkg_1' },
      ),
    ).toEqual({ text: 'https://meet.example.com/bkg_1', url: 'https://meet.example.com/bkg_1' });
    expect(
      describeMeetingLocation({ kind: 'phone' }, { bookingId: 'bkg_1', leadPhone: '+33612345678' }),
    ).toEqual({
      text: 'Phone call: +33612345678',
    });
    expect(
      describeMeetingLocation({ kind: 'address', address: '1 Main St' }, { bookingId: 'bkg_1' }),
    ).toEqual({
      text: '1 Main St',
    });
  });
});
