// NVIDIA_REQUIRE_CUDA as libnvidia-container evaluates it (src/cli/dsl.c): spaces separate
// alternatives, commas join conditions; `cuda` is the CUDA version the driver supports.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { CudaDriver } from '../src/matrix/types.js';
import { disablesRequire, driverCudaVersion, driverForCuda, refusedCondition, requirementTruth } from '../src/runtime/container-require.js';

const DRIVERS: CudaDriver[] = [
  { cuda: '12.8.0', minDriver: '570.26', minorCompatMinDriver: '525' },
  { cuda: '12.6.3', minDriver: '560.35.05', minorCompatMinDriver: '525' },
  { cuda: '12.6.0', minDriver: '560.28.03', minorCompatMinDriver: '525' },
  { cuda: '12.4.1', minDriver: '550.54.15', minorCompatMinDriver: '525' },
  { cuda: '12.4.0', minDriver: '550.54.14', minorCompatMinDriver: '525' },
];

// The value nvidia/cuda:12.6.3-base-ubuntu24.04 sets (shortened).
const CUDA_12_6 = 'cuda>=12.6 brand=unknown,driver>=470,driver<471 brand=tesla,driver>=535,driver<536';

describe('NVIDIA_REQUIRE_CUDA', () => {
  it("a driver's CUDA version is the newest toolkit whose minimum it meets", () => {
    assert.deepEqual(driverCudaVersion('550.54.15', DRIVERS), { cuda: '12.4', beyondData: false });
    assert.deepEqual(driverCudaVersion('560.28.03', DRIVERS), { cuda: '12.6', beyondData: false });
    assert.deepEqual(driverCudaVersion('580.65.06', DRIVERS), { cuda: '12.8', beyondData: true });
    assert.equal(driverCudaVersion('450.80.02', DRIVERS), null);
    assert.equal(driverForCuda('12.6', DRIVERS), '560.28.03');
  });

  it('is true, false, or unknown where it turns on the GPU brand or past the data', () => {
    assert.equal(requirementTruth(CUDA_12_6, '560.35.05', DRIVERS), true);
    assert.equal(requirementTruth(CUDA_12_6, '550.54.15', DRIVERS), false);
    assert.equal(requirementTruth(CUDA_12_6, '535.104.05', DRIVERS), null);
    assert.equal(requirementTruth('cuda>=13.0', '580.65.06', DRIVERS), null);
    assert.equal(requirementTruth('cuda>=12.9', '550.54.15', DRIVERS), false);
    assert.equal(requirementTruth('driver>=470,arch=sm_90', '465.19.01', DRIVERS), false);
    assert.equal(requirementTruth('driver>=470 arch=sm_90', '465.19.01', DRIVERS), null);
  });

  it('NVIDIA_DISABLE_REQUIRE counts as Go strconv.ParseBool reads it', () => {
    for (const value of ['1', 't', 'T', 'true', 'TRUE', 'True']) assert.equal(disablesRequire(value), true, value);
    for (const value of [null, '', '0', 'false', 'yes', 'on']) assert.equal(disablesRequire(value), false, String(value));
  });

  it("reads the refused condition from docker's error", () => {
    const stderr =
      "docker: Error response from daemon: ... stderr: Auto-detected mode as 'legacy'\n" +
      'nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.8, please update your driver to a newer version, or use an earlier cuda container: unknown.\n';
    assert.equal(refusedCondition(stderr), 'cuda>=12.8');
    assert.equal(refusedCondition('docker: Error response from daemon: manifest unknown'), null);
  });
});
