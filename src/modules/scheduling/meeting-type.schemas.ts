import { z } from 'zod';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]*)\s*\}\}/g;
const KNOWN_PLACEHOLDERS = new Set(['bookingId']);

/** The template with `{{bookingId}}` replaced (URL-encoded): the link a booking's invitation carries. */
export function renderVideoUrl(urlTemplate: string, bookingId: string): string {
  return urlTemplate.replace(PLACEHOLDER, (whole, name: string) =>
    name === 'bookingId' ? encodeURIComponent(bookingId) : whole,
  );
}

function urlTemplateProblem(template: string): string | null {
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN_PLACEHOLDERS.has(match[1] ?? '')) return `unknown placeholder ${match[0]}: only {{bookingId}}`;
  }
  const sample = renderVideoUrl(template, 'bk_sample');
  if (/[{}\s]/.test(sample)) return 'braces and spaces are allowed only in {{bookingId}}';
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    return 'not a URL';
  }
  // Invitations reach leads: a plain-http meeting link is an easy target for tampering.
  if (url.protocol !== 'https:') return 'must start with https://';
  return null;
}

export const ZMeetingLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phone') }).strict(),
  z
    .object({
      kind: z.literal('video'),
      urlTemplate: z
        .string()
        .trim()
        .max(500)
        .superRefine((template, ctx) => {
          const problem = urlTemplateProblem(template);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    })
    .strict(),
  z
    .object({ kind: z.literal('address'), address: z.string().trim().min(1, 'must not be empty').max(500) })
    .strict(),
]);
export type MeetingLocation = z.infer<typeof ZMeetingLocation>;

export const ZMeetingTypeInput = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100),
    slug: z
      .string()
      .max(60)
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        'lower-case letters and digits joined by "-" (e.g. "discovery-call")',
      ),
    durationMinutes: z.number().int('whole minutes').min(5).max(480),
    location: ZMeetingLocation,
    description: z.string().trim().max(2000).optional(),
  })
  .strict();
export type MeetingTypeInput = z.infer<typeof ZMeetingTypeInput>;

/** What an invitation says about the place: LOCATION text, plus the link for a video call. */
export function describeMeetingLocation(
  location: MeetingLocation,
  context: { bookingId: string; leadPhone?: string | null },
): { text: string; url?: string } {
  switch (location.kind) {
    case 'phone':
      return { text: context.leadPhone ? `Phone call: ${context.leadPhone}` : 'Phone call' };
    case 'video': {
      const url = renderVideoUrl(location.urlTemplate, context.bookingId);
      return { text: url, url };
    }
    case 'address':
      return { text: location.address };
  }
}
