import { describe, expect, it } from 'vitest';

import { isArm64VmSize, isGpuVmSize, vmSizeSpec } from './vm-sizes';

describe('vmSizeSpec', () => {
  it('knows common AKS sizes from the table, in any casing', () => {
    expect(vmSizeSpec('Standard_D4s_v5')).toEqual({ vcpus: 4, memoryGiB: 16, gpu: false, arm64: false });
    expect(vmSizeSpec('standard_ds2_v2')).toEqual({ vcpus: 2, memoryGiB: 7, gpu: false, arm64: false });
    expect(vmSizeSpec('Standard_NC6s_v3')).toEqual({ vcpus: 6, memoryGiB: 112, gpu: true, arm64: false });
  });

  it('uses the table where the name misleads (D3_v2 has 4 vCPUs, not 3)', () => {
    expect(vmSizeSpec('Standard_D3_v2')?.vcpus).toBe(4);
    expect(vmSizeSpec('Standard_D13_v2')).toBeNull(); // v2 name, not in the table: not guessed
  });

  it('parses v3+ names with a lower bound on memory', () => {
    expect(vmSizeSpec('Standard_D32s_v5')).toEqual({ vcpus: 32, memoryGiB: 128, gpu: false, arm64: false });
    expect(vmSizeSpec('Standard_E16ds_v5')).toEqual({ vcpus: 16, memoryGiB: 128, gpu: false, arm64: false });
    expect(vmSizeSpec('Standard_D8ls_v5')?.memoryGiB).toBe(16);
    expect(vmSizeSpec('Standard_E8-2s_v5')).toMatchObject({ vcpus: 2, memoryGiB: 64 });
    expect(vmSizeSpec('Standard_NC40ads_H100_v5')).toMatchObject({ vcpus: 40, gpu: true });
    expect(vmSizeSpec('Standard_D8ps_v6')).toMatchObject({ vcpus: 8, arm64: true });
  });

  it('returns null for unknown families and unparseable names', () => {
    expect(vmSizeSpec('Standard_DC4s_v3')).toBeNull();
    expect(vmSizeSpec('weird')).toBeNull();
    expect(vmSizeSpec(null)).toBeNull();
  });
});

describe('isGpuVmSize / isArm64VmSize', () => {
  it('recognises NC, ND and NV families only', () => {
    expect(['Standard_NC4as_T4_v3', 'Standard_ND96asr_v4', 'standard_nv36ads_a10_v5'].map(isGpuVmSize)).toEqual([true, true, true]);
    expect(['Standard_D4s_v5', 'Standard_B2s', null].map(isGpuVmSize)).toEqual([false, false, false]);
  });

  it('recognises Ampere sizes by the p feature letter', () => {
    expect(isArm64VmSize('Standard_D4pds_v5')).toBe(true);
    expect(isArm64VmSize('Standard_E4ps_v5')).toBe(true);
    expect(isArm64VmSize('Standard_D4s_v5')).toBe(false);
  });
});
