import { describe, expect, it } from 'vitest';
import { findStickyOwner, isFreeMailDomain, type StickinessInput } from './stickiness.rules.ts';

const input = (lead: Partial<StickinessInput['lead']>, owners: [string, string][] = []): StickinessInput => ({
  lead: { ownerId: null, emailDomain: null, companyDomain: null, ...lead },
  ownersByDomain: new Map(owners),
  activeUserIds: new Set(['usr_ana', 'usr_bob', 'usr_cyd']),
});

describe('findStickyOwner', () => {
  it("keeps the lead's own owner first", () => {
    expect(
      findStickyOwner(input({ ownerId: 'usr_ana', companyDomain: 'acme.fr' }, [['acme.fr', 'usr_bob']])),
    ).toEqual({
      userId: 'usr_ana',
      reason: 'lead_owner',
    });
  });

  it("then the owner of the company's domain, then of the e-mail domain", () => {
    const owners: [string, string][] = [
      ['acme.fr', 'usr_bob'],
      ['acme-group.com', 'usr_cyd'],
    ];
    expect(
      findStickyOwner(input({ companyDomain: 'acme.fr', emailDomain: 'acme-group.com' }, owners)),
    ).toEqual({
      userId: 'usr_bob',
      reason: 'company_owner',
      domain: 'acme.fr',
    });
    expect(findStickyOwner(input({ emailDomain: 'ACME-group.com' }, owners))).toEqual({
      userId: 'usr_cyd',
      reason: 'same_email_domain',
      domain: 'acme-group.com',
    });
  });

  it('skips owners who are no longer active', () => {
    expect(
      findStickyOwner(input({ ownerId: 'usr_gone', emailDomain: 'acme.fr' }, [['acme.fr', 'usr_bob']])),
    ).toEqual({
      userId: 'usr_bob',
      reason: 'same_email_domain',
      domain: 'acme.fr',
    });
    expect(findStickyOwner(input({ emailDomain: 'acme.fr' }, [['acme.fr', 'usr_gone']]))).toBeNull();
  });

  it('never makes a free-mail domain sticky', () => {
    for (const domain of [
      'gmail.com',
      'orange.fr',
      'hotmail.fr',
      'outlook.fr',
      'yahoo.co.uk',
      'gmx.de',
      'free.fr',
    ]) {
      expect(
        findStickyOwner(input({ emailDomain: domain, companyDomain: domain }, [[domain, 'usr_bob']])),
        domain,
      ).toBeNull();
    }
  });
});

describe('isFreeMailDomain', () => {
  it('knows mailbox providers, their country variants included', () => {
    for (const domain of [
      'gmail.com',
      'outlook.fr',
      'orange.fr',
      'free.fr',
      'hotmail.com',
      'hotmail.co.uk',
      'yahoo.fr',
      'yahoo.com.br',
      'icloud.com',
      'laposte.net',
      'wanadoo.fr',
      'sfr.fr',
      'gmx.net',
      'protonmail.com',
      'WWW.Gmail.com',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(true);
    }
  });

  it('does not take company domains for them', () => {
    for (const domain of [
      'acme.fr',
      'hotmail-consulting.com',
      'yahoo.acme.com',
      'orange-business.com',
      'freeland.fr',
    ]) {
      expect(isFreeMailDomain(domain), domain).toBe(false);
    }
  });
});
