// Addresses inside the console. A person's key (`customer:<id>`, `email:<hash>`) keeps its colon in the path:
// the router hands path parameters over still percent-encoded for reserved characters, so an encoded colon
// would come back as `%3A` and be encoded twice on its way to the admin API.
export function personPath(key: string): string {
  return `/people/${encodeURIComponent(key).replace(/%3A/gi, ':')}`;
}

/** The person key from the path parameter, however the address was typed. */
export function personKeyOf(parameter: string): string {
  try {
    return decodeURIComponent(parameter);
  } catch {
    return parameter;
  }
}
