import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { systemActor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { pickPageLanguage } from '../../platform/http/html.ts';
import { bookMeeting, cancelMeeting, rescheduleMeeting } from '../../workflows/booking.workflow.ts';
import { bookingLinks } from '../../workflows/booking-jobs.ts';
import { captureLead } from '../../workflows/lead-intake.workflow.ts';
import { users } from '../access/index.ts';
import {
  BOOKING_PAGE_CONSENT,
  renderBookedPage,
  renderInvalidLinkPage,
  renderManagePage,
} from './booking-pages.ts';
import { bookingPicker, ZBookForm, ZPageQuery } from './booking-picker.ts';
import { verifyBookingToken } from './booking-token.rules.ts';
import { type BookingRow, findBooking } from './scheduling.service.ts';

/** Public booking pages: `/book/:repSlug` (pick a time, give your details) and the manage links. */
export const bookingPagesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { secret, findRep, meetingTypeOf, leadOfToken, renderPicker } = bookingPicker(ctx);

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
