// local-version-without-index: `torch==2.1.2+cu118` in an install set that names no index and no
// find-links location. PyPI refuses uploads with a local version label (PEP 440 reserves them for
// builds not published upstream; docs/data.md), so pip, looking on PyPI alone, finds no matching
// distribution. The PyTorch wheel index serves each torch-family `+<variant>` build at
// https://download.pytorch.org/whl/<variant>.
//
// A Dockerfile stage shows the whole pip command and its environment: an error there. A requirements
// file or pyproject.toml is often installed with the index given on the command line (pytorch/serve's
// torch_cu92.txt with `-f .../torch_stable.html` from its install script), which compat-guard cannot
// see: a notice.

import type { RuleInfo } from '../../model.js';
import type { CheckContext, SetView } from '../context.js';
import { makeFinding } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { pinSubject, TORCH_WHEELS } from '../subjects.js';
import { localLabel } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'local-version-without-index',
  severity: 'error',
  summary:
    'a torch-family pin with a local version label (+cu118) in an install set with no index that serves it: PyPI has no local versions (a notice outside Dockerfiles)',
};

/** The specification of local version identifiers (not for public index servers). */
const LOCAL_VERSION_SOURCE = 'https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers';

/** The variants the PyTorch index serves under /whl/<variant>: cu118, cpu, rocm6.2, xpu. */
const PYTORCH_VARIANT = /^(?:cu\d+|cpu|rocm\d+(?:\.\d+)*|xpu)$/;

export function checkLocalVersions(context: CheckContext, view: SetView, findings: FindingSink): void {
  // Any index or find-links location may serve the build; torch-index-label-mismatch judges PyTorch ones.
  if (view.indexes.length > 0 || view.readsBuildTimeIndex) return;
  const inDockerfile = context.files.get(view.set.file)?.kind === 'dockerfile';
  for (const pin of view.writtenOf(TORCH_WHEELS)) {
    const exact = pin.admits.exact;
    const label = exact ? localLabel(exact) : null;
    if (!exact || label === null || !view.installs(pin)) continue;
    const subject = pinSubject(pin);
    const index = PYTORCH_VARIANT.test(label) ? `https://download.pytorch.org/whl/${label}` : null;
    const where = inDockerfile
      ? 'this stage names no index or find-links location'
      : 'this file names no index or find-links location (one given on the command line or in pip.conf is not seen here)';
    findings.push(
      makeFinding({
        rule: RULE.id,
        severity: inDockerfile ? 'error' : 'notice',
        at: subject.at,
        package: pin.key,
        expected: index,
        actual: subject.actual,
        fix: null,
        source: LOCAL_VERSION_SOURCE,
        message: `${subject.shown} has the local version label +${label}, which PyPI does not accept, and ${where}, so pip finds no matching distribution (${LOCAL_VERSION_SOURCE}). ${index ? `Add --extra-index-url ${index} (the PyTorch index that serves +${label} builds).` : 'Add the index that serves this build, or pin the version without its label.'}`,
      }),
    );
  }
}
