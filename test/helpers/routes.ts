// Every route an app serves, read from Fastify's own route tree, so a test can go over all of them (including
// routes added later) instead of a list that goes stale.
import type { FastifyInstance } from 'fastify';

export interface RouteInfo {
  method: string;
  url: string;
}

export function routesOf(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const stack: Array<{ depth: number; path: string }> = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = line.match(/^([│ ]*)[├└]── (\S*) \(([^)]+)\)$/);
    if (!match) continue;
    const depth = match[1]!.length;
    while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    for (const method of match[3]!.split(',').map((m) => m.trim())) routes.push({ method, url: path });
  }
  return routes;
}
