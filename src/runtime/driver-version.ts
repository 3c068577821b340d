// NVIDIA driver versions ("535.104.05") and the CUDA versions of NVIDIA_REQUIRE_CUDA compare as dotted numbers.

/** Compares dotted driver versions numerically ("525" < "525.60.13" < "530.30.02"). */
export function compareDriverVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
