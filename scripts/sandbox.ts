/**
 * `npm run sandbox`: the ARM emulator on its own, the same world and behaviours as the one a
 * portal embeds, so several portal replicas can share one simulated Azure (README "Several
 * replicas"). Prints the variables a portal needs to use it, writes its CA certificate to a file,
 * and stops cleanly on SIGTERM or SIGINT.
 *
 *   --port <n>      or SANDBOX_ARM_PORT      default 8443 (0: any free port)
 *   --ca-file <p>   or SANDBOX_ARM_CA_FILE   default ./.data/sandbox-ca.pem
 *
 * SANDBOX_PROVISIONING_MS and SANDBOX_WORLD mean what they mean for the embedded emulator.
 * Once listening it prints one line of JSON, `{ "endpoint", "caFile", "kubeconfigDir", "pid" }`,
 * which test/scale-out reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { startEmulator } from '../lib/sandbox/emulator';

const DEFAULT_PORT = 8443;
const DEFAULT_CA_FILE = './.data/sandbox-ca.pem';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'ca-file': { type: 'string' } } });
const portText = values.port ?? process.env.SANDBOX_ARM_PORT?.trim() ?? String(DEFAULT_PORT);
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`The port must be a whole number from 0 to 65535, not '${portText}' (--port or SANDBOX_ARM_PORT).`);
  process.exit(2);
}
const caFile = path.resolve(values['ca-file'] ?? (process.env.SANDBOX_ARM_CA_FILE?.trim() || DEFAULT_CA_FILE));

async function main(): Promise<void> {
  const emulator = await startEmulator({ port });
  mkdirSync(path.dirname(caFile), { recursive: true });
  // The certificate is public; the key never leaves this process.
  writeFileSync(caFile, emulator.ca);

  console.info(JSON.stringify({ endpoint: emulator.endpoint, caFile, kubeconfigDir: emulator.kubeconfigDir, pid: process.pid }));
  console.info(
    [
      `Sandbox ARM emulator listening on ${emulator.endpoint}. Start portals with:`,
      `  SANDBOX_ARM_ENDPOINT=${emulator.endpoint}`,
      `  SANDBOX_ARM_CA_FILE=${caFile}`,
      `  KUBECONFIGS_DIR=${emulator.kubeconfigDir}`,
      '  and, for several replicas, the same DATABASE_URL, SESSION_SECRET and TOKEN_CACHE_KEY.',
    ].join('\n'),
  );

  let stopping = false;
  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    console.info(`Sandbox ARM emulator: ${signal}, stopping.`);
    await emulator.close();
    process.exit(0);
  }
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

// A CommonJS script (the package has no "type": "module"), so no top-level await.
main().catch((e: unknown) => {
  console.error(`Sandbox ARM emulator could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
