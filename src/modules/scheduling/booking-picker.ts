import { and, asc, eq } from 'drizzle-orm';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { pickPageLanguage } from '../../platform/http/html.ts';
import { users } from '../access/index.ts';
import { linkSigningSecret } from '../conversations/index.ts';
import { getLead } from '../leads/index.ts';
import { renderInvalidLinkPage, renderSlotPage } from './booking-pages.ts';
import { verifyLeadBookingToken } from './booking-token.rules.ts';
import { listMeetingTypes } from './meeting-types.service.ts';
import { listSlots } from './scheduling.service.ts';
import { meetingTypes } from './scheduling.tables.ts';

// What the public booking pages share: their query and form shapes, the rep and meeting type a link
// names, the lead a signed link books for, and the week of slots shown to the visitor.

export const ZPageQuery = z
  .object({
    lang: z.enum(['fr', 'en']).optional(),
    tz: z.string().max(64).optional(),
    week: z.iso.date().optional(),
    type: z.string().max(100).optional(),
    reschedule: z.string().max(2048).optional(),
    lead: z.string().max(2048).optional(),
  })
  .passthrough();
export const ZBookForm = z
  .object({
    start: z.iso.datetime(),
    firstName: z.string().trim().min(1).max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    email: z.string().trim().email().max(320).optional(),
    phone: z.string().trim().max(40).optional(),
    consent: z.literal('yes').optional(),
    tz: z.string().max(64).optional(),
    lang: z.enum(['fr', 'en']).optional(),
    type: z.string().max(100).optional(),
    reschedule: z.string().max(2048).optional(),
    lead: z.string().max(2048).optional(),
  })
  .passthrough();
const WEEK_MS = 7 * 86_400_000;

export function bookingPicker(ctx: AppContext) {
  const secret = () => linkSigningSecret(ctx.config);

  // Slugs are unique within a workspace; a single-tenant install (the usual case) has one of each.
  const findRep = async (slug: string) => {
    const [rep] = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.slug, slug), eq(users.isActive, true)))
      .orderBy(asc(users.createdAt))
      .limit(1);
    return rep;
  };

  const meetingTypeOf = async (workspaceId: string, slug: string | undefined) => {
    if (slug) {
      const [row] = await ctx.db
        .select()
        .from(meetingTypes)
        .where(and(eq(meetingTypes.workspaceId, workspaceId), eq(meetingTypes.slug, slug)));
      if (row) return row;
    }
    return (await listMeetingTypes(ctx.db, workspaceId))[0];
  };

  // A routing form or team page sent this lead here: book for them with this rep, details not asked.
  // An expired or foreign token is ignored: the page then asks the details like any visitor's.
  const leadOfToken = async (token: string, rep: { id: string; workspaceId: string }) => {
    const payload = verifyLeadBookingToken(token, secret(), ctx.clock.now());
    if (!payload || payload.userId !== rep.id || payload.workspaceId !== rep.workspaceId) return null;
    const lead = await getLead(ctx.db, systemActor(rep.workspaceId), payload.leadId).catch(() => null);
    if (!lead) return null;
    const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || lead.phone || '';
    return { token, leadId: lead.id, name };
  };

  const renderPicker = async (
    request: { params: { repSlug: string }; headers: Record<string, unknown> },
    options: {
      lang?: 'fr' | 'en';
      tz?: string;
      week?: string;
      type?: string;
      reschedule?: string;
      lead?: string;
    },
    extra: { error?: 'taken'; values?: Record<string, string> } = {},
  ) => {
    const rep = await findRep(request.params.repSlug);
    const language =
      options.lang ?? pickPageLanguage(request.headers['accept-language'] as string | undefined);
    if (!rep) return { status: 404, html: renderInvalidLinkPage(language) };
    const meetingType = await meetingTypeOf(rep.workspaceId, options.type);
    if (!meetingType) return { status: 404, html: renderInvalidLinkPage(language) };
    const zone = options.tz && IANAZone.isValidZone(options.tz) ? options.tz : rep.timezone;
    const now = ctx.clock.now();
    const from = options.week ? DateTime.fromISO(options.week, { zone }).startOf('day').toJSDate() : now;
    const start = from.getTime() < now.getTime() ? now : from;
    const slots = await listSlots(
      ctx.db,
      rep.workspaceId,
      {
        userId: rep.id,
        meetingTypeId: meetingType.id,
        from: start,
        to: new Date(start.getTime() + WEEK_MS),
        now,
      },
      ctx,
    );
    const query = new URLSearchParams({
      lang: language,
      tz: zone,
      week: DateTime.fromJSDate(new Date(start.getTime() + WEEK_MS))
        .setZone(zone)
        .toISODate()!,
      ...(options.reschedule ? { reschedule: options.reschedule } : {}),
      ...(options.type ? { type: options.type } : {}),
    });
    const bookingFor = options.lead ? await leadOfToken(options.lead, rep) : null;
    if (bookingFor) query.set('lead', bookingFor.token);
    const html = renderSlotPage({
      language,
      repName: rep.name,
      meetingType,
      zone,
      slots,
      action: `/book/${encodeURIComponent(request.params.repSlug)}`,
      nextWeekUrl: `/book/${encodeURIComponent(request.params.repSlug)}?${query.toString()}`,
      error: extra.error ?? null,
      values: extra.values ?? {},
      ...(options.reschedule ? { reschedule: options.reschedule } : {}),
      ...(bookingFor ? { bookingFor: { token: bookingFor.token, name: bookingFor.name } } : {}),
    });
    return { status: extra.error ? 409 : 200, html };
  };

  return { secret, findRep, meetingTypeOf, leadOfToken, renderPicker };
}
