import { and, asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { pickPageLanguage } from '../../platform/http/html.ts';
import { bookMeeting, cancelMeeting, rescheduleMeeting } from '../../workflows/booking.workflow.ts';
import { bookingLinks } from '../../workflows/booking-jobs.ts';
import { captureLead } from '../../workflows/lead-intake.workflow.ts';
import { users } from '../access/index.ts';
import { linkSigningSecret } from '../conversations/index.ts';
import { getLead } from '../leads/index.ts';
import {
  BOOKING_PAGE_CONSENT,
  renderBookedPage,
  renderInvalidLinkPage,
  renderManagePage,
  renderSlotPage,
} from './booking-pages.ts';
import { verifyBookingToken, verifyLeadBookingToken } from './booking-token.rules.ts';
import { listMeetingTypes } from './meeting-types.service.ts';
import { type BookingRow, findBooking, listSlots } from './scheduling.service.ts';
import { meetingTypes } from './scheduling.tables.ts';

const ZPageQuery = z
  .object({
    lang: z.enum(['fr', 'en']).optional(),
    tz: z.string().max(64).optional(),
    week: z.iso.date().optional(),
    type: z.string().max(100).optional(),
    reschedule: z.string().max(2048).optional(),
    lead: z.string().max(2048).optional(),
  })
  .passthrough();
const ZBookForm = z
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

/** Public booking pages: `/book/:repSlug` (pick a time, give your details) and the manage links. */
export const bookingPagesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
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

  app.get('/book/:repSlug', {
    config: { isPublic: true },
    schema: {
      tags: ['scheduling'],
      summary: 'Booking page of a rep (HTML)',
      params: z.object({ repSlug: z.string().min(1).max(100) }),
      querystring: ZPageQuery,
    },
    handler: async (request, reply) => {
      const page = await renderPicker(request, request.query);
      return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
    },
  });

  app.post('/book/:repSlug', {
    config: { isPublic: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['scheduling'],
      summary: 'Books from the booking page (HTML form)',
      params: z.object({ repSlug: z.string().min(1).max(100) }),
      body: ZBookForm,
    },
    handler: async (request, reply) => {
      const form = request.body;
      const language = form.lang ?? pickPageLanguage(request.headers['accept-language']);
      const rep = await findRep(request.params.repSlug);
      if (!rep) return reply.code(404).type('text/html; charset=utf-8').send(renderInvalidLinkPage(language));
      const zone = form.tz && IANAZone.isValidZone(form.tz) ? form.tz : rep.timezone;
      const values = Object.fromEntries(
        Object.entries({
          firstName: form.firstName,
          lastName: form.lastName,
          email: form.email,
          phone: form.phone,
          start: form.start,
        }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const token = form.reschedule ? verifyBookingToken(form.reschedule, secret()) : null;
      const bookingFor = !token && form.lead ? await leadOfToken(form.lead, rep) : null;
      try {
        let booking: BookingRow;
        if (token) {
          booking = await rescheduleMeeting(ctx, token.workspaceId, token.bookingId, new Date(form.start));
        } else if (bookingFor) {
          const meetingType = await meetingTypeOf(rep.workspaceId, form.type);
          if (!meetingType)
            return reply.code(404).type('text/html; charset=utf-8').send(renderInvalidLinkPage(language));
          booking = await bookMeeting(ctx, systemActor(rep.workspaceId), {
            leadId: bookingFor.leadId,
            userId: rep.id,
            meetingTypeId: meetingType.id,
            start: new Date(form.start),
            source: 'booking_page',
          });
        } else {
          const meetingType = await meetingTypeOf(rep.workspaceId, form.type);
          if (!meetingType || !form.email || !form.firstName || form.consent !== 'yes')
            return reply
              .code(400)
              .type('text/html; charset=utf-8')
              .send(
                (await renderPicker(request, { lang: language, tz: zone, type: form.type }, { values })).html,
              );
          const captured = await captureLead(ctx, {
            workspaceId: rep.workspaceId,
            fields: {
              firstName: form.firstName,
              lastName: form.lastName ?? null,
              email: form.email,
              phone: form.phone || null,
              timezone: zone,
              language,
            },
            touch: { source: 'booking_page' },
            eventType: 'form_submitted',
            eventSource: 'booking_page',
            occurredAt: ctx.clock.now(),
            consents: [BOOKING_PAGE_CONSENT],
            proof: { method: 'form', ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
          });
          booking = await bookMeeting(ctx, systemActor(rep.workspaceId), {
            leadId: captured.lead.id,
            userId: rep.id,
            meetingTypeId: meetingType.id,
            start: new Date(form.start),
            source: 'booking_page',
          });
        }
        const links = bookingLinks(ctx, booking);
        return reply
          .code(201)
          .type('text/html; charset=utf-8')
          .send(renderBookedPage(language, { start: booking.startAt, zone, manageUrl: links.cancel }));
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('BOOKING_SLOT')) {
          const page = await renderPicker(
            request,
            {
              lang: language,
              tz: zone,
              type: form.type,
              ...(form.reschedule ? { reschedule: form.reschedule } : {}),
              ...(bookingFor ? { lead: bookingFor.token } : {}),
            },
            { error: 'taken', values },
          );
          return reply.code(409).type('text/html; charset=utf-8').send(page.html);
        }
        throw error;
      }
    },
  });

  app.get('/book/manage/:token', {
    config: { isPublic: true },
    schema: {
      tags: ['scheduling'],
      summary: 'A booking seen from its signed link: cancel or pick another time',
      params: z.object({ token: z.string().max(2048) }),
      querystring: ZPageQuery,
    },
    handler: async (request, reply) => {
      const language = request.query.lang ?? pickPageLanguage(request.headers['accept-language']);
      const token = verifyBookingToken(request.params.token, secret());
      if (!token)
        return reply.code(400).type('text/html; charset=utf-8').send(renderInvalidLinkPage(language));
      const booking = await findBooking(ctx.db, token.workspaceId, token.bookingId).catch(() => null);
      if (!booking)
        return reply.code(404).type('text/html; charset=utf-8').send(renderInvalidLinkPage(language));
      const [rep] = await ctx.db.select().from(users).where(eq(users.id, booking.userId));
      const links = bookingLinks(ctx, booking);
      const rescheduleToken = links.reschedule.split('/').at(-1)!;
      return reply.type('text/html; charset=utf-8').send(
        renderManagePage(language, {
          start: booking.startAt,
          zone: booking.leadTimezone,
          status: booking.status,
          cancelAction: `/book/manage/${encodeURIComponent(request.params.token)}/cancel`,
          rescheduleUrl: `/book/${encodeURIComponent(rep?.slug ?? '')}?reschedule=${encodeURIComponent(rescheduleToken)}&tz=${encodeURIComponent(booking.leadTimezone)}&lang=${language}`,
        }),
      );
    },
  });

  app.post('/book/manage/:token/cancel', {
    config: { isPublic: true },
    schema: {
      tags: ['scheduling'],
      summary: 'Cancels a booking from its signed link',
      params: z.object({ token: z.string().max(2048) }),
    },
    handler: async (request, reply) => {
      const language = pickPageLanguage(request.headers['accept-language']);
      const token = verifyBookingToken(request.params.token, secret());
      if (!token)
        return reply.code(400).type('text/html; charset=utf-8').send(renderInvalidLinkPage(language));
      const booking = await cancelMeeting(ctx, token.workspaceId, token.bookingId);
      return reply.type('text/html; charset=utf-8').send(
        renderManagePage(language, {
          start: booking.startAt,
          zone: booking.leadTimezone,
          status: booking.status,
          cancelAction: '',
          rescheduleUrl: '',
        }),
      );
    },
  });
};
