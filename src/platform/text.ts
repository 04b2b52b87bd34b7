/**
 * Cuts text to at most `maxLength` UTF-16 units without splitting a surrogate pair: half an emoji
 * is an unpaired surrogate, which PostgreSQL refuses to store (a 500 instead of a shortened value).
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = maxLength;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut);
}
