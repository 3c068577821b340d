// torch installed from plain PyPI is a CUDA build too: each release's Linux x86_64 wheel bundles one
// CUDA version (torch 1.13 and 2.0: 11.7; 2.1 to 2.4: 12.1; ...; facts.torchCuda[].pypi, from the
// nvidia-*-cuXX pins in the wheels' metadata). A set knows its torch comes from PyPI only when it
// names no index and no find-links location at all (in pip options, requirements files or pip's and
// uv's environment variables): any of them may serve another build.

import type { CheckContext, SetView } from './context.js';
import { pinSubject, CUDA, type Subject } from './subjects.js';
import { localLabel } from './versions.js';
import { fromImage } from './image-pins.js';

/** The CUDA build of the set's exactly pinned torch when it comes from plain PyPI; null when unknown. */
export function pypiTorchBuild(view: SetView, context: CheckContext): Subject | null {
  if (view.indexes.length > 0 || view.readsBuildTimeIndex) return null;
  for (const torch of view.pinsOf('torch')) {
    const exact = torch.admits.exact;
    // A local label (+cu121, +cpu) is a build PyPI does not have: another rule's business. The base
    // image's torch (pytorch/pytorch) is the build of its tag's CUDA, a CUDA fact of its own.
    if (!exact || localLabel(exact) !== null || !view.installs(torch) || fromImage(torch)) continue;
    const minor = `${exact.release[0] ?? 0}.${exact.release[1] ?? 0}`;
    const cuda = context.matrix.facts.torchCuda.find((row) => row.torch === minor)?.pypi ?? null;
    const admits = cuda === null ? null : context.specifiers.version(cuda);
    if (cuda === null || admits === null) continue;
    const pin = pinSubject(torch);
    return {
      key: CUDA,
      pseudo: true,
      at: pin.at,
      admits,
      actual: cuda,
      pin: torch,
      shown: `CUDA ${cuda} (${pin.shown} from PyPI, whose Linux wheels of torch ${minor} bundle CUDA ${cuda})`,
      // Another CUDA means another index, not another PyPI pin: no single rewrite.
      fixFor: () => null,
    };
  }
  return null;
}
