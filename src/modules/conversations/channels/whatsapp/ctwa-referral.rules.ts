import { truncateText } from '../../../../platform/text.ts';
import type { AdReferral, LeadAttribution } from './whatsapp-inbound.types.ts';
import type { ReferralWire } from './whatsapp-webhook.schemas.ts';

// Lead UTM fields hold at most 200 characters (ZUtm in leads).
const MAX_UTM_LENGTH = 200;

const FACEBOOK_HOSTS = ['facebook.com', 'fb.me', 'fb.com', 'fb.watch'];
const INSTAGRAM_HOSTS = ['instagram.com', 'instagr.am'];

/** Meta's `referral` object with Chaud's names. */
export function readReferral(wire: ReferralWire): AdReferral {
  return dropUndefined({
    sourceUrl: wire.source_url,
    sourceId: wire.source_id,
    sourceType: wire.source_type,
    headline: wire.headline,
    body: wire.body,
    mediaType: wire.media_type,
    imageUrl: wire.image_url,
    videoUrl: wire.video_url,
    thumbnailUrl: wire.thumbnail_url,
    ctwaClid: wire.ctwa_clid,
    welcomeMessageText: wire.welcome_message?.text,
  });
}

/**
 * Maps a Click-to-WhatsApp referral onto the lead's source and UTM fields:
 * - source        'whatsapp_ad' (ads and boosted posts alike: both open a chat from Meta's feeds)
 * - utm.source    'facebook' or 'instagram' from the host of source_url; left out when the host says neither
 * - utm.medium    'ctwa'
 * - utm.campaign  source_id: the webhook carries the ad id only (no campaign id), so the campaign is the ad
 * - utm.content   headline (the ad title)
 * - clickId       ctwa_clid, kept for conversion reporting to Meta; adUrl = source_url
 */
export function attributionFromReferral(referral: AdReferral): LeadAttribution {
  const platform = platformOf(referral.sourceUrl);
  const utm: LeadAttribution['utm'] = { medium: 'ctwa' };
  if (platform) utm.source = platform;
  const campaign = clip(referral.sourceId);
  if (campaign) utm.campaign = campaign;
  const content = clip(referral.headline);
  if (content) utm.content = content;
  return dropUndefined({
    source: 'whatsapp_ad' as const,
    utm,
    clickId: referral.ctwaClid,
    adUrl: referral.sourceUrl,
  });
}

function platformOf(url: string | undefined): 'facebook' | 'instagram' | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const isOn = (domains: string[]) =>
    domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  if (isOn(INSTAGRAM_HOSTS)) return 'instagram';
  if (isOn(FACEBOOK_HOSTS)) return 'facebook';
  return undefined;
}

function clip(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? truncateText(trimmed, MAX_UTM_LENGTH) : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
