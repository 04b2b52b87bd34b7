import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { findTeamBySlug } from '../modules/routing/index.ts';
import {
  BOOKING_PAGE_CONSENT,
  renderInvalidLinkPage,
  renderNobodyAvailablePage,
  renderTeamDetailsPage,
} from '../modules/scheduling/index.ts';
import type { AppContext } from '../platform/context.ts';
import { pickPageLanguage } from '../platform/http/html.ts';
import { routeTeamPageVisitor } from './routed-booking.workflow.ts';

const ZTeamParams = z.object({ teamSlug: z.string().min(1).max(100) });
const ZTeamPageQuery = z
  .object({
    lang: z.enum(['fr', 'en']).optional(),
    tz: z.string().max(64).optional(),
    type: z.string().max(100).optional(),
  })
  .passthrough();
// Checked by hand (not by the schema) so a mistake re-renders the form with what was typed.
const ZTeamDetailsForm = z
  .object({
    firstName: z.string().max(100).optional(),
    lastName: z.string().max(100).optional(),
    email: z.string().max(320).optional(),
    phone: z.string().max(40).optional(),
    company: z.string().max(200).optional(),
    consent: z.string().max(10).optional(),
    tz: z.string().max(64).optional(),
    lang: z.enum(['fr', 'en']).optional(),
    type: z.string().max(100).optional(),
  })
  .passthrough();
const ZEmail = z.email();

const html = 'text/html; charset=utf-8';

/**
 * `/book/team/:teamSlug`: a team's booking page. The visitor says who they are, routing picks the
 * rep (their owner if they have one, else the team's round-robin), and they land on that rep's page
 * with their details already known.
 */
export const teamBookingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/book/team/:teamSlug', {
    config: { isPublic: true },
    schema: {
      tags: ['scheduling'],
      summary: 'Booking page of a team (HTML): details first, then the routed rep’s times',
      params: ZTeamParams,
      querystring: ZTeamPageQuery,
    },
    handler: async (request, reply) => {
      const language = request.query.lang ?? pickPageLanguage(request.headers['accept-language']);
      const team = await findTeamBySlug(ctx.db, request.params.teamSlug);
      if (!team) return reply.code(404).type(html).send(renderInvalidLinkPage(language));
      return reply.type(html).send(
        renderTeamDetailsPage({
          language,
          teamName: team.name,
          action: `/book/team/${encodeURIComponent(team.slug)}`,
          hidden: carried(request.query),
        }),
      );
    },
  });

  app.post('/book/team/:teamSlug', {
    config: { isPublic: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['scheduling'],
      summary: 'Routes the visitor of a team page to a rep and redirects (303) to that rep’s booking page',
      params: ZTeamParams,
      body: ZTeamDetailsForm,
    },
    handler: async (request, reply) => {
      const form = request.body;
      const language = form.lang ?? pickPageLanguage(request.headers['accept-language']);
      const team = await findTeamBySlug(ctx.db, request.params.teamSlug);
      if (!team) return reply.code(404).type(html).send(renderInvalidLinkPage(language));
      const firstName = form.firstName?.trim() ?? '';
      const email = form.email?.trim() ?? '';
      if (!firstName || !ZEmail.safeParse(email).success || form.consent !== 'yes') {
        const values = Object.fromEntries(
          Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        );
        return reply
          .code(400)
          .type(html)
          .send(
            renderTeamDetailsPage({
              language,
              teamName: team.name,
              action: `/book/team/${encodeURIComponent(team.slug)}`,
              hidden: carried(form),
              values,
              isInvalid: true,
            }),
          );
      }
      const timezone = form.tz && IANAZone.isValidZone(form.tz) ? form.tz : null;
      const result = await routeTeamPageVisitor(
        ctx,
        team.id,
        {
          workspaceId: team.workspaceId,
          fields: {
            firstName,
            lastName: form.lastName?.trim() || null,
            email,
            phone: form.phone?.trim() || null,
            language,
            ...(timezone ? { timezone } : {}),
            ...(form.company?.trim() ? { company: { name: form.company.trim() } } : {}),
          },
          touch: { source: 'booking_page' },
          eventType: 'form_submitted',
          eventSource: 'booking_page',
          eventProperties: { teamId: team.id, teamSlug: team.slug },
          occurredAt: ctx.clock.now(),
          consents: [BOOKING_PAGE_CONSENT],
          proof: { method: 'form', ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        },
        { language, timezone, meetingType: form.type || null },
      );
      if (result.outcome === 'booking') return reply.redirect(result.bookingPath, 303);
      return reply.type(html).send(renderNobodyAvailablePage(language, result.message));
    },
  });
};

/** What the details form passes on to the rep's page: the visitor's zone and the meeting type. */
function carried(query: { tz?: string | undefined; type?: string | undefined }): Record<string, string> {
  return {
    ...(query.tz && IANAZone.isValidZone(query.tz) ? { tz: query.tz } : {}),
    ...(query.type ? { type: query.type } : {}),
  };
}
