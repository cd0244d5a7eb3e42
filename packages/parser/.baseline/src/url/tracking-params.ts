// Query parameters that only tell the publisher where a click came from. Removing them makes the
// same article's links compare equal whichever newsletter, share button or ad they came through.
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'mtm_', 'pk_', 'hsa_', '__hs', '_hs'];

export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_ga',
  '_gl',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_cid',
  'ncid',
  'cmpid',
  'ocid',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'spm',
  'share_source',
  'ref_src',
  'ref_url',
  'rss',
  'rss_source',
  'feed',
  'cmp',
]);

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
