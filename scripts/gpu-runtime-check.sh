#!/usr/bin/env bash
# The runtime check for real, on a machine with an NVIDIA GPU (it also runs without one, to show what
# a CPU runner reports). Repeatable: it builds what it needs in a temporary folder and removes it.
#
#   scripts/gpu-runtime-check.sh [--out DIR] [--image IMAGE]
#
# Needs: node, python3 with venv, the bundled CLI (dist/cli/index.js: `npm run bundle`), and for the
# GPU parts an NVIDIA driver (nvidia-smi); for --image, docker with the NVIDIA Container Toolkit.
# No network: the venvs hold hand-made distributions (__tests__/fixtures/runtime/cpu-stack) or what
# the machine's python3 already has.
#
# What it runs, each in text and JSON (JSON files land in --out, default: a new temporary folder):
#   1. cpu-stand-in: a venv with a stand-in CPU-only torch 2.13.0+cpu, jax without its CUDA plugin and
#      cupy-cuda11x, under a profile with `cuda: "==12.6.*"` -> cpu-only-build for torch and jax,
#      cuda-build-mismatch for CuPy, and (with --require-gpu) gpu-not-visible saying it is a CPU build.
#   2. machine-torch: when `python3 -c "import torch"` works here, a venv that sees the machine's
#      packages (--system-site-packages), pinning the installed torch -> on a GPU machine with a CUDA
#      torch and a suitable driver, no GPU finding; the summary names the GPU and driver.
#   3. with --image IMAGE: the same repository checked inside IMAGE (docker run --gpus all), which
#      shows the image pull and the container's NVIDIA_REQUIRE_CUDA against this driver.
# Each run's exit status is printed; 1 means findings at or above fail-on (expected for run 1).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=''
image=''
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --image) image=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

cli="$root/dist/cli/index.js"
if [ ! -f "$cli" ]; then
  echo "dist/cli/index.js is missing: run \`npm run bundle\` first" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/compat-guard-gpu-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The reports outlive the run (the rest is removed).
out=${out:-$(mktemp -d "${TMPDIR:-/tmp}/compat-guard-gpu-check-reports.XXXXXX")}
mkdir -p "$out"

section() { printf '\n===== %s =====\n' "$1"; }

section 'machine'
uname -srm
python3 --version
node --version
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=driver_version,name,memory.total --format=csv,noheader || true
  # The header line shows the CUDA version the driver supports (what NVIDIA_REQUIRE_CUDA's cuda>= is compared with).
  nvidia-smi | sed -n '1,4p' || true
else
  echo 'nvidia-smi: not on PATH (no NVIDIA driver): the GPU findings will say so'
fi

# A repository whose profile expects CUDA 12.6.
repo="$work/repo"
mkdir -p "$repo/.github"
cat > "$repo/.github/compat-matrix.yml" <<'EOF'
extends: bundled
profile: gpu
profiles:
  gpu:
    description: The GPU image of this check
    cuda: "==12.6.*"
EOF

# A venv whose site-packages gets the given folder's distributions; extra venv options first.
make_venv() {
  local venv=$1 packages=$2; shift 2
  python3 -m venv "$@" "$venv"
  local purelib
  purelib=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  if [ -n "$packages" ]; then cp -R "$packages/." "$purelib/"; fi
}

# Runs the CLI in text (shown) and JSON (kept in $out/NAME.json); prints the exit status of each.
check() {
  local name=$1; shift
  section "$name"
  set +e
  node "$cli" check --root "$repo" --fail-on error "$@"
  echo "exit status (text): $?"
  node "$cli" check --root "$repo" --fail-on error --format json --output "$out/$name.json" "$@" 2>/dev/null
  echo "exit status (json): $? -> $out/$name.json"
  set -e
}

printf 'torch==2.13.0\njax==0.4.35\ncupy-cuda11x==13.3.0\n' > "$repo/requirements.txt"
make_venv "$work/cpu-stand-in" "$root/__tests__/fixtures/runtime/cpu-stack/site-packages"
check cpu-stand-in --runtime --require-gpu --python "$work/cpu-stand-in/bin/python"

if torch_version=$(python3 -c 'import torch; print(torch.__version__)' 2>/dev/null); then
  printf 'torch==%s\n' "$torch_version" > "$repo/requirements.txt"
  make_venv "$work/machine-torch" '' --system-site-packages
  check machine-torch --runtime --require-gpu --python "$work/machine-torch/bin/python"
else
  section 'machine-torch'
  echo 'python3 has no torch here: skipped'
fi

if [ -n "$image" ]; then
  printf 'torch\n' > "$repo/requirements.txt"
  check image --runtime --require-gpu --runtime-image "$image"
fi

section 'done'
echo "JSON reports: $out"
