import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { APIRequestContext, APIResponse } from '@playwright/test';

const NEXT_DIR = path.join(__dirname, '..', '..', '.next');

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
}

/**
 * The id Next.js gave a server action in the build under test. Ids change with every build and
 * only the browser is meant to know them, so a test that posts an action by hand (as an attacker
 * would, after reading the page's JavaScript) looks it up where the build wrote it: the server
 * reference manifest, else the client chunks that call the action.
 */
export function serverActionId(exportName: string): string {
  const manifest = readJson(path.join(NEXT_DIR, 'server', 'server-reference-manifest.json')) as { node?: Record<string, { exportedName?: string }> } | undefined;
  for (const [id, entry] of Object.entries(manifest?.node ?? {})) {
    if (entry.exportedName === exportName) return id;
  }
  const chunks = path.join(NEXT_DIR, 'static', 'chunks');
  const pattern = new RegExp(`"([0-9a-f]{40,})"[^"]{0,200}"${exportName}"`);
  const visit = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const found = entry.isDirectory() ? visit(full) : entry.name.endsWith('.js') ? pattern.exec(readFileSync(full, 'utf8'))?.[1] : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const id = existsSync(chunks) ? visit(chunks) : undefined;
  if (!id) throw new Error(`No server action named ${exportName} in the build under .next/`);
  return id;
}

/**
 * Posts a server action the way React's client does (`Next-Action` header, arguments as a JSON
 * array in a text body), with whatever Origin the test wants to pretend to be.
 */
export function postServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: { 'Next-Action': actionId, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}
