import type { LeadDto } from '../../leads/index.ts';

interface UtmOfTouch {
  utm?: Record<string, string | undefined>;
}

/**
 * Export columns, named as `chaud import` recognises them so an export re-imports as is
 * (the lead's own id, stage and scores land in attributes on re-import unless ignored).
 */
export const LEAD_CSV_COLUMNS = [
  'id',
  'email',
  'phone',
  'whatsappId',
  'firstName',
  'lastName',
  'jobTitle',
  'companyName',
  'companyDomain',
  'companySize',
  'companyIndustry',
  'country',
  'language',
  'timezone',
  'source',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmTerm',
  'utmContent',
  'stage',
  'temperature',
  'score',
  'fitScore',
  'engagementScore',
  'ownerId',
  'attributes',
  'createdAt',
  'updatedAt',
] as const;

/** One lead as the cells of `LEAD_CSV_COLUMNS`; UTM values come from the first touch. */
export function toLeadCsvCells(lead: LeadDto): (string | number | null)[] {
  const utm = (lead.firstTouch as UtmOfTouch | null)?.utm ?? {};
  const hasAttributes = Object.keys(lead.attributes).length > 0;
  return [
    lead.id,
    lead.email,
    lead.phone,
    lead.whatsappId,
    lead.firstName,
    lead.lastName,
    lead.jobTitle,
    lead.company?.name ?? null,
    lead.company?.domain ?? null,
    lead.company?.size ?? null,
    lead.company?.industry ?? null,
    lead.country,
    lead.language,
    lead.timezone,
    lead.source,
    utm.source ?? null,
    utm.medium ?? null,
    utm.campaign ?? null,
    utm.term ?? null,
    utm.content ?? null,
    lead.stage,
    lead.temperature,
    lead.score,
    lead.fitScore,
    lead.engagementScore,
    lead.ownerId,
    // One JSON column: attribute keys differ per lead and a streamed export cannot know them all upfront.
    hasAttributes ? JSON.stringify(lead.attributes) : null,
    lead.createdAt,
    lead.updatedAt,
  ];
}
