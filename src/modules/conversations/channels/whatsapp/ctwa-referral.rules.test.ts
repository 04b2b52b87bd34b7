import { describe, expect, it } from 'vitest';
import { attributionFromReferral, readReferral } from './ctwa-referral.rules.ts';

describe('Click-to-WhatsApp referral → lead attribution', () => {
  it('maps a Facebook ad to source whatsapp_ad, medium ctwa, the ad id as campaign and the headline as content', () => {
    const referral = readReferral({
      source_url: 'https://fb.me/3cr4Wqqkv',
      source_id: '120226305854810726',
      source_type: 'ad',
      headline: 'Chat with us',
      body: 'Summer Succulents are here!',
      media_type: 'image',
      ctwa_clid: 'Aff-n8ZTOD',
      welcome_message: { text: 'Hi there!' },
    });
    expect(referral.welcomeMessageText).toBe('Hi there!');
    expect(attributionFromReferral(referral)).toEqual({
      source: 'whatsapp_ad',
      utm: { source: 'facebook', medium: 'ctwa', campaign: '120226305854810726', content: 'Chat with us' },
      clickId: 'Aff-n8ZTOD',
      adUrl: 'https://fb.me/3cr4Wqqkv',
    });
  });

  it('names Instagram from the ad URL host, and no platform when the host is neither', () => {
    expect(attributionFromReferral({ sourceUrl: 'https://www.instagram.com/p/Cx1' }).utm.source).toBe(
      'instagram',
    );
    expect(attributionFromReferral({ sourceUrl: 'https://m.facebook.com/ads/1' }).utm.source).toBe(
      'facebook',
    );
    expect(attributionFromReferral({ sourceUrl: 'https://notfacebook.com/x' }).utm).toEqual({
      medium: 'ctwa',
    });
    expect(attributionFromReferral({ sourceUrl: 'not a url' }).utm).toEqual({ medium: 'ctwa' });
  });

  it('clips UTM values to the 200 characters a lead keeps and leaves out blank ones', () => {
    const attribution = attributionFromReferral({ headline: 'x'.repeat(500), sourceId: '  ' });
    expect(attribution.utm.content).toHaveLength(200);
    expect(attribution.utm).not.toHaveProperty('campaign');
    expect(attribution).not.toHaveProperty('clickId');
  });
});
