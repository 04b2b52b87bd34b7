import { z } from 'zod';
import { ZLead, ZLeadFieldsInput, ZUtm } from '../leads/index.ts';
import { ZConsentInput } from '../privacy/index.ts';

export const ZCreateLeadInput = ZLeadFieldsInput.extend({
  source: z.string().trim().min(1).max(100).optional(),
  utm: ZUtm.optional(),
  referrer: z.string().trim().max(2000).optional(),
  consents: z.array(ZConsentInput).max(20).optional(),
}).strict();
export type CreateLeadInput = z.infer<typeof ZCreateLeadInput>;

export const ZCreateLeadResponse = ZLead.extend({
  isCreated: z.boolean(),
  mergeProposalIds: z.array(z.string()),
});
