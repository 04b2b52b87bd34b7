import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { linkSigningSecret } from '../conversations/index.ts';
import { verifyFeedToken } from './booking-token.rules.ts';
import { buildFeedIcs } from './ics.rules.ts';
import { listMeetingTypes } from './meeting-types.service.ts';
import { findWorkspaceUser, listFeedBookings } from './scheduling.service.ts';

/** Each rep's private ICS feed (the URL comes from `GET /api/v1/users/:id/calendar-feed`). */
export const calendarFeedRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const secret = () => linkSigningSecret(ctx.config);

  app.get('/calendar/:token', {
    config: { isPublic: true },
    schema: {
      tags: ['scheduling'],
      summary: "A rep's private ICS feed of their Chaud meetings (subscribe from any calendar)",
      params: z.object({ token: z.string().max(2048) }),
    },
    handler: async (request, reply) => {
      const token = verifyFeedToken(request.params.token.replace(/\.ics$/, ''), secret());
      if (!token) return reply.code(404).type('text/plain').send('Unknown calendar');
      const rep = await findWorkspaceUser(ctx.db, token.workspaceId, token.userId).catch(() => null);
      if (!rep) return reply.code(404).type('text/plain').send('Unknown calendar');
      const rows = await listFeedBookings(ctx.db, token.workspaceId, rep.id, ctx.clock.now());
      const types = new Map(
        (await listMeetingTypes(ctx.db, token.workspaceId)).map((type) => [type.id, type]),
      );
      const ics = buildFeedIcs(
        rows.map((booking) => ({
          uid: `${booking.id}@chaud`,
          sequence: booking.sequence,
          start: booking.startAt,
          end: booking.endAt,
          timezone: rep.timezone,
          summary: types.get(booking.meetingTypeId)?.name ?? 'Meeting',
          description: `Lead ${booking.leadId}`,
          organizer: { name: rep.name, email: rep.email },
          attendees: [{ name: rep.name, email: rep.email }],
          now: ctx.clock.now(),
        })),
        { calendarName: `Chaud — ${rep.name}` },
      );
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  });
};
