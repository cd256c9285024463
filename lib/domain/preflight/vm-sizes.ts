/**
 * vCPU, memory, GPU and CPU architecture of Azure VM sizes, for the capacity, GPU and
 * linux/amd64 rules. ARM's agent pool only says `vmSize`; asking the Compute SKU API per region
 * would be one more permission and round trip for numbers that do not change, so common sizes
 * are encoded here and anything else is parsed from the name only where the name is reliable.
 * Pure.
 */

/** What preflight needs to know about one VM size. */
export interface VmSizeSpec {
  vcpus: number;
  /** GiB; for parsed sizes a lower bound, so capacity is never over-stated. */
  memoryGiB: number;
  /** NVIDIA/AMD GPU families: NC, ND, NV. */
  gpu: boolean;
  /** Ampere Altra (`p` in the feature letters: Dps_v5, Eps_v5): not linux/amd64. */
  arm64: boolean;
}

/** [vCPUs, memory GiB] of sizes AKS pools commonly use (Azure's published size tables). */
const KNOWN_SIZES: Record<string, [number, number]> = {
  Standard_B2s: [2, 4], Standard_B2ms: [2, 8], Standard_B4ms: [4, 16], Standard_B8ms: [8, 32],
  Standard_A2_v2: [2, 4], Standard_A4_v2: [4, 8], Standard_A8_v2: [8, 16],
  // v1/v2 D-series: the number in the name is NOT the vCPU count (D3_v2 has 4), hence listed.
  Standard_D2_v2: [2, 7], Standard_D3_v2: [4, 14], Standard_D4_v2: [8, 28], Standard_D5_v2: [16, 56],
  Standard_DS2_v2: [2, 7], Standard_DS3_v2: [4, 14], Standard_DS4_v2: [8, 28], Standard_DS5_v2: [16, 56],
  Standard_D11_v2: [2, 14], Standard_D12_v2: [4, 28], Standard_DS11_v2: [2, 14], Standard_DS12_v2: [4, 28],
  Standard_D2_v3: [2, 8], Standard_D4_v3: [4, 16], Standard_D2s_v3: [2, 8], Standard_D4s_v3: [4, 16], Standard_D8s_v3: [8, 32], Standard_D16s_v3: [16, 64],
  Standard_D2s_v4: [2, 8], Standard_D4s_v4: [4, 16], Standard_D8s_v4: [8, 32],
  Standard_D2s_v5: [2, 8], Standard_D4s_v5: [4, 16], Standard_D8s_v5: [8, 32], Standard_D16s_v5: [16, 64],
  Standard_D2ds_v5: [2, 8], Standard_D4ds_v5: [4, 16], Standard_D2as_v5: [2, 8], Standard_D4as_v5: [4, 16],
  Standard_D2ads_v5: [2, 8], Standard_D4ads_v5: [4, 16], Standard_D2ps_v5: [2, 8], Standard_D4ps_v5: [4, 16],
  Standard_E2s_v3: [2, 16], Standard_E4s_v3: [4, 32], Standard_E4s_v5: [4, 32], Standard_E8s_v5: [8, 64],
  Standard_F2s_v2: [2, 4], Standard_F4s_v2: [4, 8], Standard_F8s_v2: [8, 16], Standard_F16s_v2: [16, 32],
  Standard_NC6: [6, 56], Standard_NC12: [12, 112], Standard_NC24: [24, 224],
  Standard_NC6s_v3: [6, 112], Standard_NC12s_v3: [12, 224], Standard_NC24s_v3: [24, 448],
  Standard_NC4as_T4_v3: [4, 28], Standard_NC8as_T4_v3: [8, 56], Standard_NC16as_T4_v3: [16, 110], Standard_NC64as_T4_v3: [64, 440],
  Standard_NC24ads_A100_v4: [24, 220], Standard_NC48ads_A100_v4: [48, 440], Standard_NC96ads_A100_v4: [96, 880],
  Standard_ND40rs_v2: [40, 672], Standard_ND96asr_v4: [96, 900], Standard_ND96amsr_A100_v4: [96, 1900],
  Standard_NV6: [6, 56], Standard_NV12s_v3: [12, 112], Standard_NV6ads_A10_v5: [6, 55], Standard_NV36ads_A10_v5: [36, 440],
};

const KNOWN_BY_LOWER_NAME = new Map(Object.entries(KNOWN_SIZES).map(([name, spec]) => [name.toLowerCase(), spec]));

/**
 * Lower bounds of GiB per vCPU by family, for sizes not in the table. B is 2 (B2s) although
 * B2ms has 4; N families start around 3.5 (NVv4). Families not listed are not guessed.
 */
const MIN_GIB_PER_VCPU: Record<string, number> = { B: 2, D: 4, E: 8, F: 2, L: 8, M: 14, NC: 3.5, ND: 3.5, NV: 3.5 };

/**
 * `Standard_<FAMILY><vcpus>[-<constrained>]<features>[_<accelerator>][_v<version>]`, canonical
 * casing (family upper-case, feature letters lower-case), e.g. `Standard_NC4as_T4_v3`.
 */
const SIZE_NAME = /^Standard_([A-Z]+)(\d+)(?:-(\d+))?([a-z]*)(?:_([A-Z][A-Za-z0-9]*))?(?:_v(\d+))?$/;

const isGpuFamily = (family: string) => /^N[CDV]/.test(family);

/**
 * The number in the name is the vCPU count only from v3 on, and for B and F_v2 (not for
 * D1-D5/D11-D15 v1/v2, where D3 has 4 vCPUs): older names must be in the table.
 */
function nameCountsVcpus(family: string, version: number): boolean {
  return version >= 3 || family === 'B' || (family === 'F' && version === 2);
}

/**
 * The spec of a VM size: from the table (any casing), else parsed from the name where the name is
 * reliable, else null ("unknown": callers must say they could not tell, not assume).
 */
export function vmSizeSpec(vmSize: string | null | undefined): VmSizeSpec | null {
  if (!vmSize) return null;
  const match = SIZE_NAME.exec(vmSize.trim());
  const family = match?.[1] ?? '';
  const features = match?.[4] ?? '';
  const gpu = isGpuVmSize(vmSize);
  const arm64 = isArm64VmSize(vmSize);
  const known = KNOWN_BY_LOWER_NAME.get(vmSize.trim().toLowerCase());
  if (known) return { vcpus: known[0], memoryGiB: known[1], gpu, arm64 };
  if (!match) return null;
  const version = match[6] ? Number(match[6]) : 1;
  const ratioFamily = isGpuFamily(family) ? family.slice(0, 2) : family;
  const perVcpu = MIN_GIB_PER_VCPU[ratioFamily];
  if (perVcpu === undefined || !nameCountsVcpus(family, version)) return null;
  const baseVcpus = Number(match[2]);
  // `E4-2s_v5`: 2 active vCPUs, memory of the 4-vCPU size.
  const vcpus = match[3] ? Number(match[3]) : baseVcpus;
  // `l` (Dlsv5) halves memory: 2 GiB per vCPU.
  const memoryPerVcpu = family === 'D' && features.includes('l') ? 2 : perVcpu;
  return { vcpus, memoryGiB: baseVcpus * memoryPerVcpu, gpu, arm64 };
}

/** True for NC/ND/NV sizes, whether or not the rest of the name is understood. */
export function isGpuVmSize(vmSize: string | null | undefined): boolean {
  return Boolean(vmSize && /^standard_n[cdv]/i.test(vmSize.trim()));
}

/** Ampere Altra sizes: D or E family with `p` among the feature letters (`Standard_D4ps_v5`). */
export function isArm64VmSize(vmSize: string | null | undefined): boolean {
  const match = vmSize ? SIZE_NAME.exec(vmSize.trim()) : null;
  return Boolean(match && /^[DE]$/.test(match[1]) && match[4].includes('p'));
}
