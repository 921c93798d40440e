// A commercetools URL as a low-cardinality template for metrics and traces: `GET /orders/{id}`,
// `POST /in-store/key={key}/carts`. Ids, keys and queries never reach a label (a key can be an email).

/** Path words commercetools uses below a resource; anything else there is an id or a key. */
const LITERALS = new Set([
  'active-cart',
  'carts',
  'customers',
  'email-token',
  'import',
  'in-store',
  'matching-cart',
  'me',
  'orders',
  'password',
  'password-token',
  'replicate',
  'search',
  'shopping-lists',
  'token',
]);

export interface EndpointBases {
  apiUrl: string;
  authUrl: string;
  projectKey: string;
}

export function endpointTemplate(method: string, url: string, bases: EndpointBases): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return `${method} {unknown}`;
  }
  for (const base of [bases.apiUrl, bases.authUrl]) {
    const prefix = safePath(base);
    if (prefix && path.startsWith(`${prefix}/`)) {
      path = path.slice(prefix.length);
      break;
    }
  }
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === bases.projectKey) segments.shift();
  const template = segments.map((segment, index) => {
    if (segment.startsWith('key=')) return 'key={key}';
    if (index === 0 && /^[a-z][a-z-]{0,40}$/.test(segment)) return segment;
    return LITERALS.has(segment) ? segment : '{id}';
  });
  return `${method} /${template.join('/')}`;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}
