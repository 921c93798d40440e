// Friendbuy `additionalProperties` within its limits: at most 10 keys, string values of at most 128 characters;
// Friendbuy silently drops anything else (friendbuy-api.md §2.4), so we choose what survives.

export const MAX_ADDITIONAL_PROPERTIES = 10;
export const MAX_ADDITIONAL_PROPERTY_LENGTH = 128;

/**
 * Keeps the first ten non-empty entries in the order given (callers list the most important first) and
 * truncates each value to 128 characters, never splitting a character in two.
 */
export function limitAdditionalProperties(
  properties: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const kept = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .slice(0, MAX_ADDITIONAL_PROPERTIES)
    .map(([key, value]) => [key, Array.from(value).slice(0, MAX_ADDITIONAL_PROPERTY_LENGTH).join('')]);
  return Object.fromEntries(kept);
}
