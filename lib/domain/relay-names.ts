/**
 * Names of the Azure Relay resources an Arc cluster's AzureML extension uses, derived exactly as
 * `az k8s-extension create` derives them (azure-cli-extensions, AzureMLKubernetes.py,
 * `_get_relay_connection_str` and `_get_valid_name`), so the portal reuses what the CLI created
 * and the CLI reuses what the portal created. Pure.
 */

/** Relay namespace names may be at most 50 characters. */
export const RELAY_NAMESPACE_MAX_LENGTH = 50;
/** When the name is too long the CLI keeps a prefix and appends this many hex chars of an MD5. */
export const RELAY_NAMESPACE_HASH_SUFFIX_LENGTH = 6;
/** The authorization rule on the hybrid connection the extension's relay server uses. */
export const RELAY_AUTH_RULE_NAME = 'azureml_rw';
/** Rights the CLI grants that rule. */
export const RELAY_AUTH_RULE_RIGHTS = ['Manage', 'Send', 'Listen'] as const;
/** Tag the CLI puts on every Azure resource it creates for the extension. */
export const RELAY_RESOURCE_TAGS: Readonly<Record<string, string>> = { created_by: 'Azure Arc-enabled ML' };

/**
 * The Relay namespace name for a cluster: the alphanumerics of
 * `<cluster>-<subscription>-<resourceGroup>-relay`. When that is longer than 50 characters the
 * CLI keeps the first 44 and appends the first 6 hex digits of the MD5 of the *unfiltered* input
 * (so two long names sharing a prefix still differ). DOMAIN.md section 4 says only "at most 50
 * chars"; this follows the CLI source, the parity target.
 */
export function relayNamespaceName(clusterName: string, subscriptionId: string, resourceGroup: string): string {
  const input = `${clusterName}-${subscriptionId}-${resourceGroup}-relay`;
  // Python's str.isalnum accepts Unicode letters; ARM names are ASCII, so ASCII is enough here.
  const normalised = input.replace(/[^A-Za-z0-9]/g, '');
  if (normalised.length <= RELAY_NAMESPACE_MAX_LENGTH) return normalised;
  const keep = RELAY_NAMESPACE_MAX_LENGTH - RELAY_NAMESPACE_HASH_SUFFIX_LENGTH;
  return normalised.slice(0, keep) + md5Hex(input).slice(0, RELAY_NAMESPACE_HASH_SUFFIX_LENGTH);
}

/** The hybrid connection is named after the cluster. */
export function relayHybridConnectionName(clusterName: string): string {
  return clusterName;
}

// MD5 (RFC 1321) of a UTF-8 string, in lower-case hex. Kept here instead of `node:crypto` so this
// module stays pure and importable anywhere; it is a name derivation, not security.
const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_CONSTANTS = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

function md5Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const paddedLength = (((bytes.length + 8) >> 6) + 1) << 6;
  const buffer = new Uint8Array(paddedLength);
  buffer.set(bytes);
  buffer[bytes.length] = 0x80;
  const view = new DataView(buffer.buffer);
  const bitLength = bytes.length * 8;
  view.setUint32(paddedLength - 8, bitLength >>> 0, true);
  view.setUint32(paddedLength - 4, Math.floor(bitLength / 2 ** 32), true);

  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let offset = 0; offset < paddedLength; offset += 64) {
    let [a, b, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i += 1) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const shift = MD5_SHIFTS[(i >> 4) * 4 + (i % 4)];
      const sum = (a + f + MD5_CONSTANTS[i] + view.getUint32(offset + g * 4, true)) >>> 0;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  return [a0, b0, c0, d0]
    .map((word) => Array.from({ length: 4 }, (_, k) => ((word >>> (8 * k)) & 0xff).toString(16).padStart(2, '0')).join(''))
    .join('');
}
