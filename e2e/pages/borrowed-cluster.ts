import { expect } from '@playwright/test';

import { MAX_RESTART_DOWN_MS } from '../../lib/sandbox/routes/sandbox-admin';
import { extensionOn, type DeployedExtensions } from './deploy-page';
import { seededCluster, type SandboxEmulator } from './sandbox-emulator';

/** Past the longest outage a spec can cause (`POST /_sandbox/restart`), giving back stops waiting. */
const GIVE_BACK_TIMEOUT_MS = MAX_RESTART_DOWN_MS + 15_000;

/**
 * A seeded cluster a spec uses for itself: it may change its fault scenario and install on it,
 * and gives it back as the seed left it (scenario restored, its install removed), whatever the
 * spec's outcome, so later specs find the world they expect.
 */
export class BorrowedCluster {
  readonly name: string;
  readonly id: string;
  /** The `azureml` extension the spec installs (only removed when `installs`). */
  readonly extensionId: string;

  constructor(
    name: string,
    private readonly emulator: SandboxEmulator,
    private readonly installs: boolean,
  ) {
    this.name = name;
    this.id = seededCluster(name).id;
    this.extensionId = extensionOn(this.id);
  }

  /** Restores the seed's scenario (waiting out an outage a spec caused) and removes what the spec installed. */
  async giveBack(deployed: DeployedExtensions): Promise<void> {
    await expect
      .poll(() => this.emulator.restoreScenario(this.name).then(() => 'restored', (e: Error) => e.message), { timeout: GIVE_BACK_TIMEOUT_MS })
      .toBe('restored');
    if (this.installs) await deployed.removeIfInstalled(this.extensionId);
  }
}
