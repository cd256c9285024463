/**
 * Case-insensitive ARM route matching. ARM treats literal path segments (`resourceGroups` vs
 * `resourcegroups`, provider namespaces) case-insensitively, and the SDKs disagree on casing
 * (arm-hybridkubernetes sends `resourcegroups`), so literals compare lower-case while captured
 * names keep the caller's case.
 */
import type { ApiResponse, RequestContext } from './http';

/** A route handler. */
export type Handler = (ctx: RequestContext) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** Result of {@link Router.match}. */
export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Ordered list of `METHOD /pattern/{param}` routes. */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route; `{name}` segments capture one path segment each. */
  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  /** Finds the first route matching `path` (already without query string). */
  match(method: string, path: string): RouteMatch {
    const parts = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    let part: string;
    try {
      part = decodeURIComponent(parts[i]);
    } catch {
      return null;
    }
    if (p.startsWith('{') && p.endsWith('}')) {
      params[p.slice(1, -1)] = part;
    } else if (p.toLowerCase() !== part.toLowerCase()) {
      return null;
    }
  }
  return params;
}
