// Which CUDA build a PyTorch wheel index serves. The index names it in one path segment:
// `https://download.pytorch.org/whl/cu121` (also `/whl/nightly/cu124`, `/whl/test/cu118`, the old
// find-links page `/whl/cu113/torch_stable.html`) and mirrors keep the layout
// (`https://mirrors.aliyun.com/pytorch-wheels/cu121`). `cu121` is CUDA 12.1: the last digit is the minor.

const INDEX_ROOTS: ReadonlySet<string> = new Set(['whl', 'pytorch-wheels']);
const CHANNELS: ReadonlySet<string> = new Set(['nightly', 'test']);
const CUDA_SEGMENT = /^cu(\d{1,2})(\d)$/;
const QUERY_OR_FRAGMENT = /[?#]/;

/** `.../whl/cu121` -> "12.1", `.../whl/cpu` -> "cpu", anything else -> null. */
export function cudaFromIndexUrl(url: string): string | null {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return null;
  const pathStart = url.indexOf('/', schemeEnd + 3);
  if (pathStart < 0) return null;
  const queryStart = url.search(QUERY_OR_FRAGMENT);
  if (queryStart >= 0 && queryStart < pathStart) return null;
  const path = url.slice(pathStart + 1, queryStart < 0 ? undefined : queryStart);
  const segments = path.split('/');
  for (let index = 0; index < segments.length; index++) {
    if (!INDEX_ROOTS.has((segments[index] as string).toLowerCase())) continue;
    let variant = (segments[index + 1] ?? '').toLowerCase();
    if (CHANNELS.has(variant)) variant = (segments[index + 2] ?? '').toLowerCase();
    if (variant === 'cpu') return 'cpu';
    const cuda = cudaOfLabel(variant);
    if (cuda) return cuda;
  }
  return null;
}

/** A CUDA variant label, as in index paths and local versions: `cu121` -> "12.1", `cu92` -> "9.2"; null otherwise. */
export function cudaOfLabel(label: string): string | null {
  const match = CUDA_SEGMENT.exec(label);
  return match ? `${Number(match[1])}.${match[2]}` : null;
}
