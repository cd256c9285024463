import { getPortalMode } from '@/lib/azure/environment';

export const dynamic = 'force-dynamic';

/** Liveness for load balancers and the end-to-end test runner; says nothing about Azure. */
export function GET() {
  return Response.json({ status: 'ok', mode: getPortalMode() });
}
