/**
 * Runs once when the Next.js server starts. Connects to ARM eagerly so that configuration errors
 * (a half-set live environment) surface at start, and in sandbox mode the emulator is already up
 * when the first page is asked for.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getArmConnection } = await import('./lib/azure/arm-connection');
  const { getPortalMode } = await import('./lib/azure/environment');
  const connection = await getArmConnection();
  console.info(`AzureML Extension Portal: ${getPortalMode()} mode, ARM at ${connection.endpoint}`);
  // Settles audit rows a crash or a vanished extension left open; never blocks start-up.
  const { startAuditReconciler } = await import('./lib/audit/reconcile-runner');
  startAuditReconciler();
}
