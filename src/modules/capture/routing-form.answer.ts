import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { PageLanguage } from '../../platform/http/html.ts';
import type { LeadIntake } from '../../workflows/lead-intake.workflow.ts';
import { submitRoutingForm } from '../../workflows/routed-booking.workflow.ts';
import type { FormRoutingDefinition } from './capture.tables.ts';
import { defaultRoutingFormMessage, renderThankYouPage } from './forms.pages.ts';
import type { FormRow } from './forms.service.ts';

const CONTINUE_MESSAGE: Record<PageLanguage, string> = {
  fr: 'Merci ! Choisissez maintenant un créneau.',
  en: 'Thank you! Now pick a time.',
};

/**
 * The answer to a routing form's submission: the chosen rep's booking page (a 303 for a browser form
 * post, `bookingUrl` for a script) or the message of how it ended, with `outcome` saying which.
 */
export async function answerRoutingForm(
  ctx: AppContext,
  reply: FastifyReply,
  input: {
    form: FormRow & { routing: FormRoutingDefinition };
    intake: LeadIntake | null;
    language: PageLanguage;
    isPageNavigation: boolean;
  },
) {
  const { form, intake, language } = input;
  // A bot caught by the honeypot stores nothing and is told what a person nobody can take is told.
  const result = intake
    ? await submitRoutingForm(ctx, form, intake, {
        language,
        timezone: intake.fields.timezone ?? null,
      })
    : ({ outcome: 'no_owner', message: form.routing.noOwnerMessage } as const);

  if (result.outcome === 'booking') {
    const bookingUrl = `${ctx.config.publicUrl.replace(/\/+$/, '')}${result.bookingPath}`;
    if (input.isPageNavigation) return reply.redirect(bookingUrl, 303);
    return { ok: true as const, message: CONTINUE_MESSAGE[language], outcome: result.outcome, bookingUrl };
  }
  const message = result.message ?? defaultRoutingFormMessage(language, result.outcome);
  if (!input.isPageNavigation) return { ok: true as const, message, outcome: result.outcome };
  return reply
    .status(200)
    .type('text/html; charset=utf-8')
    .send(renderThankYouPage(language, message) as never);
}
