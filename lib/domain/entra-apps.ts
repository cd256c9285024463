/**
 * Microsoft Entra ID applications the portal asks tokens for, besides ARM. Pure constants, so the
 * portal (lib/azure) and the emulator's identity provider (lib/sandbox) share one value.
 */

/**
 * The AKS AAD server application: the audience of the `clusterToken` a runCommand on a cluster
 * with Entra ID integration (managed `aadProfile`) must carry (Azure/azure-rest-api-specs#22480).
 */
export const AKS_AAD_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
