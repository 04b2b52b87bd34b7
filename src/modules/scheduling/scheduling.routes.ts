import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import {
  bookMeeting,
  cancelMeeting,
  recordMeetingOutcome,
  rescheduleMeeting,
} from '../../workflows/booking.workflow.ts';
import { assertRole } from '../access/index.ts';
import { linkSigningSecret } from '../conversations/index.ts';
import { findVisibleLead } from '../leads/index.ts';
import { bookingDto, bookingIcsFor } from './booking-ics.ts';
import { signFeedToken } from './booking-token.rules.ts';
import { createMeetingType, listMeetingTypes } from './meeting-types.service.ts';
import { schedulingErrors } from './scheduling.errors.ts';
import {
  findBooking,
  findWorkspaceUser,
  getAvailability,
  listLeadBookings,
  listSlots,
  saveAvailability,
} from './scheduling.service.ts';
import { formatSlotInZone } from './slots.rules.ts';

const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };
const ZIdParams = z.object({ id: z.string().min(1).max(100) });
const ZZone = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as Europe/Paris');
const ZBooking = z.object({
  id: z.string(),
  leadId: z.string(),
  userId: z.string(),
  meetingTypeId: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.string(),
  ics: z.string(),
});
const ZLeadBooking = ZBooking.omit({ ics: true }).extend({
  meetingTypeName: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});
// Slot listing is bounded: a request covers at most 62 days.
const MAX_RANGE_MS = 62 * 86_400_000;

export const schedulingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/v1/users/:id/availability', {
    schema: {
      tags: ['scheduling'],
      params: ZIdParams,
      response: { 200: z.record(z.string(), z.unknown()), ...errors },
    },
    handler: async (request) =>
      (await getAvailability(ctx.db, actorOf(request).workspaceId, request.params.id)) as unknown as Record<
        string,
        unknown
      >,
  });

  app.put('/api/v1/users/:id/availability', {
    schema: {
      tags: ['scheduling'],
      summary:
        'Working hours, date overrides, out of office, buffers, minimum notice and daily limit of a rep',
      params: ZIdParams,
      body: z.record(z.string(), z.unknown()),
      response: { 200: z.record(z.string(), z.unknown()), ...errors },
    },
    handler: async (request) =>
      (await saveAvailability(
        ctx.db,
        actorOf(request),
        request.params.id,
        request.body,
        ctx.clock.now(),
      )) as unknown as Record<string, unknown>,
  });

  app.get('/api/v1/users/:id/calendar-feed', {
    schema: {
      tags: ['scheduling'],
      summary: "The private ICS feed URL of a rep's meetings (the rep or an admin)",
      params: ZIdParams,
      response: { 200: z.object({ url: z.string() }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const rep = await findWorkspaceUser(ctx.db, actor.workspaceId, request.params.id);
      if (actor.role !== 'admin' && actor.userId !== rep.id) throw schedulingErrors.notYours();
      const token = signFeedToken(
        { workspaceId: actor.workspaceId, userId: rep.id },
        linkSigningSecret(ctx.config),
      );
      return { url: `${ctx.config.publicUrl.replace(/\/+$/, '')}/calendar/${token}.ics` };
    },
  });

  app.post('/api/v1/meeting-types', {
    schema: {
      tags: ['scheduling'],
      body: z.record(z.string(), z.unknown()),
      response: { 201: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      assertRole(actor, ['admin']);
      return reply.code(201).send(await createMeetingType(ctx.db, actor, request.body, ctx.clock.now()));
    },
  });

  app.get('/api/v1/meeting-types', {
    schema: {
      tags: ['scheduling'],
      response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }), ...errors },
    },
    handler: async (request) => ({
      data: (await listMeetingTypes(ctx.db, actorOf(request).workspaceId)).map((row) => ({
        id: row.id,
        name: row.name,
        slug: row.slug,
        durationMinutes: row.durationMinutes,
        location: row.location,
        description: row.description,
      })),
    }),
  });

  app.get('/api/v1/users/:id/slots', {
    schema: {
      tags: ['scheduling'],
      summary: 'Free slots of a rep, in the requested time zone (ISO 8601 with its offset)',
      params: ZIdParams,
      querystring: z
        .object({
          meetingTypeId: z.string().min(1).max(100),
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          timezone: ZZone.default('Europe/Paris'),
        })
        .strict(),
      response: {
        200: z.object({ slots: z.array(z.object({ start: z.string(), end: z.string() })) }),
        ...errors,
      },
    },
    handler: async (request) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_RANGE_MS) {
        return { slots: [] };
      }
      // With the rep's external calendar busy times (left out, and logged, when it fails or is slow).
      const slots = await listSlots(
        ctx.db,
        actorOf(request).workspaceId,
        {
          userId: request.params.id,
          meetingTypeId: request.query.meetingTypeId,
          from,
          to,
          now: ctx.clock.now(),
        },
        ctx,
      );
      return { slots: slots.map((slot) => formatSlotInZone(slot, request.query.timezone)) };
    },
  });

  app.post('/api/v1/bookings', {
    schema: {
      tags: ['scheduling'],
      summary: 'Books a meeting (409 BOOKING_SLOT_TAKEN when the time is no longer free)',
      body: z
        .object({
          leadId: z.string().min(1).max(100),
          userId: z.string().min(1).max(100),
          meetingTypeId: z.string().min(1).max(100),
          start: z.iso.datetime({ offset: true }),
        })
        .strict(),
      response: { 201: ZBooking, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const booking = await bookMeeting(ctx, actor, {
        ...request.body,
        start: new Date(request.body.start),
        source: 'api',
      });
      return reply.code(201).send({ ...bookingDto(booking), ics: await bookingIcsFor(ctx, booking) });
    },
  });

  app.get('/api/v1/leads/:id/bookings', {
    schema: {
      tags: ['scheduling'],
      summary: "A lead's meetings (every status), newest first",
      params: ZIdParams,
      response: { 200: z.object({ data: z.array(ZLeadBooking) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const lead = await findVisibleLead(ctx.db, actor, request.params.id);
      const rows = await listLeadBookings(ctx.db, actor.workspaceId, lead.id);
      return {
        data: rows.map((row) => ({
          ...bookingDto(row),
          meetingTypeName: row.meetingTypeName,
          source: row.source,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  });

  app.post('/api/v1/bookings/:id/cancel', {
    schema: { tags: ['scheduling'], params: ZIdParams, response: { 200: ZBooking, ...errors } },
    handler: async (request) => {
      const actor = actorOf(request);
      const found = await findBooking(ctx.db, actor.workspaceId, request.params.id);
      await findVisibleLead(ctx.db, actor, found.leadId);
      const booking = await cancelMeeting(ctx, actor.workspaceId, found.id);
      return { ...bookingDto(booking), ics: await bookingIcsFor(ctx, booking) };
    },
  });

  app.post('/api/v1/bookings/:id/reschedule', {
    schema: {
      tags: ['scheduling'],
      params: ZIdParams,
      body: z.object({ start: z.iso.datetime({ offset: true }) }).strict(),
      response: { 200: ZBooking, ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const found = await findBooking(ctx.db, actor.workspaceId, request.params.id);
      await findVisibleLead(ctx.db, actor, found.leadId);
      const booking = await rescheduleMeeting(ctx, actor.workspaceId, found.id, new Date(request.body.start));
      return { ...bookingDto(booking), ics: await bookingIcsFor(ctx, booking) };
    },
  });

  app.post('/api/v1/bookings/:id/outcome', {
    schema: {
      tags: ['scheduling'],
      summary: 'After the meeting: held (the lead moves to opportunity) or no-show',
      params: ZIdParams,
      body: z.object({ outcome: z.enum(['held', 'no_show']) }).strict(),
      response: { 200: ZBooking, ...errors },
    },
    handler: async (request) => {
      const booking = await recordMeetingOutcome(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.outcome,
      );
      return { ...bookingDto(booking), ics: await bookingIcsFor(ctx, booking) };
    },
  });
};
