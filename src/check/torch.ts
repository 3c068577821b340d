// torch and its companions, from the facts tables: torchvision and torchaudio are built for one torch
// release (torch_family), each release supports a range of Python minors, and the PyTorch wheel
// index publishes a few CUDA variants per torch minor (torch_cuda). Checked when torch is pinned
// exactly; a range leaves pip free to pick a matching release, unless a companion pinned exactly
// needs a torch the range does not admit. The rules are in src/check/rules/torch-*.ts; this file runs
// them pin by pin.

import type { Facts, TorchRelease } from '../matrix/types.js';
import type { RuleInfo } from '../model.js';
import { parseVersion } from '../pep440/version.js';
import type { CheckContext, SetView } from './context.js';
import type { FindingSink } from './finding-cap.js';
import { pinSubject } from './subjects.js';
import { releaseKey } from './versions.js';
import { checkLocalVersions, RULE as LOCAL_VERSION_WITHOUT_INDEX } from './rules/local-version-without-index.js';
import * as torchFamilyMismatch from './rules/torch-family-mismatch.js';
import * as torchPythonUnsupported from './rules/torch-python-unsupported.js';
import * as torchCudaVariantMissing from './rules/torch-cuda-variant-missing.js';
import * as torchIndexLabelMismatch from './rules/torch-index-label-mismatch.js';
import { decidingPins, fromImage } from './image-pins.js';

export const TORCH_RULES: readonly RuleInfo[] = [
  torchFamilyMismatch.RULE,
  torchPythonUnsupported.RULE,
  torchCudaVariantMissing.RULE,
  torchIndexLabelMismatch.RULE,
  LOCAL_VERSION_WITHOUT_INDEX,
];

export function checkTorchSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const releases = torchReleases(context.matrix.facts);
  for (const torch of decidingPins(view, 'torch')) {
    // The facts are the PyPI wheels'; conda channels build their own (conda-forge for other Pythons and CUDAs).
    if (torch.requirement.installer === 'conda') continue;
    if (!torch.admits.exact && !torch.unpinned) {
      for (const companion of torchFamilyMismatch.COMPANIONS)
        torchFamilyMismatch.checkCompanionForRange(context, view, torch, companion, releases, findings);
      continue;
    }
    const release = torch.admits.exact ? releases.get(releaseKey(torch.admits.exact)) : undefined;
    if (!release) continue;
    const torchSubject = pinSubject(torch);
    for (const companion of torchFamilyMismatch.COMPANIONS)
      torchFamilyMismatch.checkCompanion(context, view, torchSubject, release, companion, releases, findings);
    torchPythonUnsupported.check(context, view, torchSubject, release, findings);
    // The image's torch is the build it ships, not one an index is asked for.
    if (!fromImage(torch)) torchCudaVariantMissing.check(context, view, torch, findings);
  }
  torchIndexLabelMismatch.check(context, view, findings);
  checkLocalVersions(context, view, findings);
}

const releaseTables = new WeakMap<Facts, Map<string, TorchRelease>>();

/** torch release (without trailing zeros) -> its row; built once per matrix. */
function torchReleases(facts: Facts): Map<string, TorchRelease> {
  let table = releaseTables.get(facts);
  if (!table) {
    table = new Map();
    for (const row of facts.torch) {
      const version = parseVersion(row.torch);
      if (version) table.set(releaseKey(version), row);
    }
    releaseTables.set(facts, table);
  }
  return table;
}
