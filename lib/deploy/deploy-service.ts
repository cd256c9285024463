import 'server-only';

import type { Extension } from '@azure/arm-kubernetesconfiguration';
import type { TokenCredential } from '@azure/core-auth';

import { beginCreateAudit } from '@/lib/audit/create-audit';
import { beginCreateExtension } from '@/lib/azure/extensions';
import { getCluster } from '@/lib/azure/clusters';
import { ensureRelayForArcCluster } from '@/lib/azure/relay';
import { buildAzCommand } from '@/lib/domain/az-command';
import { formatClusterId, parseClusterId, type ClusterDetails } from '@/lib/domain/cluster';
import { SETTING, type CliRequest } from '@/lib/domain/cli-settings';
import { lookupOf, validateCliRequest, type FieldMessage } from '@/lib/domain/cli-validation';
import { buildExtensionBody, maskProtected, MASKED_VALUE, needsRelay, type ClusterFacts, type ExtensionBody, type RelayFacts } from '@/lib/domain/extension-body';
import { formatExtensionId } from '@/lib/domain/extension-id';
import { buildIacExports, type IacExports } from '@/lib/domain/iac-export';
import { checkPemPair, type CertificateSummary } from '@/lib/domain/pem-checks';
import { planEffects, type PlanEffects } from '@/lib/domain/plan-effects';
import { hasBlockingFinding, type Finding } from '@/lib/domain/preflight/types';
import { relayHybridConnectionName, relayNamespaceName } from '@/lib/domain/relay-names';
import { AppError } from '@/lib/errors';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';
import { getLockStore, LockTimeoutError } from '@/lib/store/locks';

import { rememberCheckedCertificate } from './certificate-service';
import { oncePerIdempotencyKey } from './idempotency';
import { runPreflight } from './preflight-service';

export { IDEMPOTENCY_MAX_ENTRIES, IDEMPOTENCY_WINDOW_MS } from './idempotency';

export type PlanResult =
  | { ok: true; extension: ExtensionBody /* masked */; azCommand: string; exports: IacExports; warnings: FieldMessage[]; findings: Finding[]; effects: PlanEffects }
  | { ok: false; errors: FieldMessage[] };

export type CreateResult = { ok: true; id: string; statusUrl: string } | { ok: false; errors: FieldMessage[] } | { ok: false; findings: Finding[] };

/** Where the UI polls a started install. */
export function extensionStatusUrl(extensionId: string): string {
  return `/api/v1/extensions/status?id=${encodeURIComponent(extensionId)}`;
}

function factsOf(details: ClusterDetails): ClusterFacts {
  const { summary } = details;
  return {
    id: summary.id || formatClusterId({ ...summary }),
    name: summary.name,
    type: details.type,
    location: summary.location,
    // Arc's count is unknown (null) until the agent reports; the CLI then skips its small-cluster defaults.
    nodeCount: details.type === 'connectedClusters' ? details.totalNodeCount : summary.nodeCount,
    distribution: details.type === 'connectedClusters' ? details.distribution : null,
  };
}

/** The relay a create would use, computed from the CLI's naming: a preview creates nothing. */
function plannedRelay(details: ClusterDetails): RelayFacts {
  const { name, subscriptionId, resourceGroup } = details.summary;
  const namespace = relayNamespaceName(name, subscriptionId, resourceGroup);
  const hybridConnectionName = relayHybridConnectionName(name);
  return {
    hybridConnectionResourceId: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Relay/namespaces/${namespace}/hybridConnections/${hybridConnectionName}`,
    hybridConnectionName,
    connectionString: MASKED_VALUE,
  };
}

interface Checked {
  ok: true;
  warnings: FieldMessage[];
  /** The PEM pair's certificate as the check read it (public facts), when the request sends one. */
  certificate?: CertificateSummary;
}

/** Rules of section 3, then the PEM pair (only when it will be used: inference over HTTPS). */
function check(request: CliRequest, text: DomainText): Checked | { ok: false; errors: FieldMessage[] } {
  const { errors, warnings } = validateCliRequest(request, {}, text);
  if (errors.length > 0) return { ok: false, errors };
  const certPem = request.configurationProtectedSettings[SETTING.sslCertPemFile];
  const keyPem = request.configurationProtectedSettings[SETTING.sslKeyPemFile];
  if (certPem && keyPem) {
    // Read as the rules read it (settings first); a cname given as protected is checked like any other, but never quoted back.
    const get = lookupOf(request);
    const pem = checkPemPair({ certPem, keyPem, sslCname: get(SETTING.sslCname) ?? '', sslCnameProtected: get.isProtected(SETTING.sslCname) }, text);
    if (pem.errors.length > 0) return { ok: false, errors: pem.errors };
    warnings.push(...pem.warnings);
    return { ok: true, warnings, ...(pem.certificate ? { certificate: pem.certificate } : {}) };
  }
  return { ok: true, warnings };
}

/**
 * What an install would do, with no side effects: validates (section 3 and the PEM pair), reads
 * the cluster, builds the CLI-parity body (relay values as the CLI would name them, connection
 * string masked), runs preflight, and returns the body masked with the equivalent `az` command and
 * the Bicep and Terraform that create the same extension (built from the same body, secrets as
 * parameters). ARM failures (cluster not found, no access) throw `AppError`. Validation messages
 * are in `text`'s language (English by default).
 */
export async function planExtension(credential: TokenCredential, request: CliRequest, text: DomainText = englishText): Promise<PlanResult> {
  const checked = check(request, text);
  if (!checked.ok) return checked;
  const details = await getCluster(credential, request.clusterId);
  const facts = factsOf(details);
  const body = buildExtensionBody(request, facts, needsRelay(request, facts) ? plannedRelay(details) : undefined);
  const findings = await runPreflight(credential, request.clusterId, body.properties.configurationSettings, text);
  const extension = maskProtected(body);
  const exports = buildIacExports({ extensionName: request.name, cluster: facts, body: extension });
  // Side effects (Relay resources, what the CLI adds) from the same masked body: nothing secret.
  const effects = planEffects(request, facts, extension);
  return { ok: true, extension, azCommand: buildAzCommand(request), exports, warnings: checked.warnings, findings, effects };
}

/** The wire body in the SDK's flattened model. */
function toSdkExtension(body: ExtensionBody): Extension {
  return { ...(body.identity ? { identity: { type: body.identity.type } } : {}), ...body.properties };
}

/** Every create is recorded once (a remembered idempotent repeat is not a second create). */
async function create(credential: TokenCredential, request: CliRequest, text: DomainText): Promise<CreateResult> {
  // Write-ahead: the row exists before the PUT, so a crash after ARM accepted it is not lost.
  const audit = await beginCreateAudit(credential, request);
  let result: CreateResult;
  let certificate: CertificateSummary | undefined;
  try {
    ({ result, certificate } = await createUnaudited(credential, request, text));
  } catch (err) {
    await audit.settle({ thrown: err });
    throw err;
  }
  await audit.settle(result);
  // The certificate's end date (public), as the check read it, for the status page and the fleet (best effort).
  if (result.ok) await rememberCheckedCertificate(credential, result.id, certificate);
  return result;
}

async function createUnaudited(credential: TokenCredential, request: CliRequest, text: DomainText): Promise<{ result: CreateResult; certificate?: CertificateSummary }> {
  const checked = check(request, text);
  if (!checked.ok) return { result: checked };
  return { result: await withClusterCreateLock(request.clusterId, () => preflightAndPut(credential, request, text)), certificate: checked.certificate };
}

/**
 * One create at a time per cluster, on every replica sharing the store: held from preflight to the
 * accepted PUT, so the next create's preflight sees the extension the first one wrote (the one
 * AzureML extension per cluster rule) instead of racing past it. A wait that runs out is a
 * retryable refusal: nothing was sent.
 */
async function withClusterCreateLock<T>(clusterId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await getLockStore().withLock(`create:${clusterId.toLowerCase()}`, work);
  } catch (err) {
    if (err instanceof LockTimeoutError) {
      throw new AppError({ code: 'Conflict', status: 409, retryable: true, userText: { key: 'resources.clusterCreateBusy' } });
    }
    throw err;
  }
}

async function preflightAndPut(credential: TokenCredential, request: CliRequest, text: DomainText): Promise<CreateResult> {
  const details = await getCluster(credential, request.clusterId);
  const facts = factsOf(details);
  // Preflight on the settings the extension will really get (small clusters: HA already off).
  const settings = buildExtensionBody(request, facts).properties.configurationSettings;
  const findings = await runPreflight(credential, request.clusterId, settings, text);
  if (hasBlockingFinding(findings)) return { ok: false, findings };

  const relay = details.type === 'connectedClusters' && needsRelay(request, facts) ? await ensureRelayForArcCluster(credential, details.summary) : undefined;
  const body = buildExtensionBody(request, facts, relay);
  const started = await beginCreateExtension(credential, request.clusterId, request.name, toSdkExtension(body));
  const cluster = parseClusterId(request.clusterId);
  const id = started.extension?.id ?? (cluster ? formatExtensionId(cluster, request.name) : `${request.clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${request.name}`);
  return { ok: true, id, statusUrl: extensionStatusUrl(id) };
}

/**
 * Installs the extension as `az k8s-extension create` would: the same validation as
 * `planExtension`, refusal when preflight finds an error, Azure Relay for Arc, then the PUT,
 * returning once ARM accepted it (poll `statusUrl`). Creates on one cluster wait for each other
 * (see {@link withClusterCreateLock}). With an `idempotencyKey`, the same caller repeating the same
 * request within `IDEMPOTENCY_WINDOW_MS` (even while the first is in flight) gets the first result
 * without a second PUT; the same key with a different request is refused (422
 * `IdempotencyKeyReused`, as Stripe and the IETF Idempotency-Key draft answer); a call that threw
 * is forgotten so it can be retried. Validation messages are in `text`'s language.
 */
export async function createExtension(
  credential: TokenCredential,
  request: CliRequest,
  options: { idempotencyKey?: string } = {},
  text: DomainText = englishText,
): Promise<CreateResult> {
  return oncePerIdempotencyKey('create-extension', credential, options.idempotencyKey, request, () => create(credential, request, text));
}

/** For tests: forget every idempotency key (one store for installs and attaches: lib/deploy/idempotency.ts). */
export { resetIdempotencyForTests } from './idempotency';
