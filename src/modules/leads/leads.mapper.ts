import type { LeadState } from './lead-state.rules.ts';
import type { LeadDto } from './leads.schemas.ts';
import type { leads } from './leads.tables.ts';

export type LeadRow = typeof leads.$inferSelect;

export function toLeadDto(row: LeadRow, identities?: { kind: string; value: string }[]): LeadDto {
  const hasCompany = row.companyName || row.companyDomain || row.companySize || row.companyIndustry;
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    language: row.language,
    country: row.country,
    timezone: row.timezone,
    email: row.email,
    phone: row.phone,
    whatsappId: row.whatsappId,
    company: hasCompany
      ? {
          name: row.companyName,
          domain: row.companyDomain,
          size: row.companySize,
          industry: row.companyIndustry,
        }
      : null,
    source: row.source,
    firstTouch: row.firstTouch ?? null,
    lastTouch: row.lastTouch ?? null,
    attributes: row.attributes,
    stage: row.stage,
    temperature: row.temperature,
    score: row.score,
    fitScore: row.fitScore,
    engagementScore: row.engagementScore,
    ownerId: row.ownerId,
    mergedIntoId: row.mergedIntoId,
    ...(identities ? { identities } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function stateOfRow(row: LeadRow): LeadState {
  return {
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    language: row.language,
    country: row.country,
    timezone: row.timezone,
    email: row.email,
    phone: row.phone,
    whatsappId: row.whatsappId,
    companyName: row.companyName,
    companyDomain: row.companyDomain,
    companySize: row.companySize,
    companyIndustry: row.companyIndustry,
    source: row.source,
    firstTouch: row.firstTouch ?? null,
    lastTouch: row.lastTouch ?? null,
    attributes: row.attributes,
    stage: row.stage,
    ownerId: row.ownerId,
  };
}
