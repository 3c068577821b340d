# compat-guard runtime probe: one interpreter start that reports what the environment holds.
#
# Usage: python -c <this file's text> BUDGET_SECONDS [DISTRIBUTION ...]
# Prints one line "COMPAT_GUARD_PROBE_RESULT <json>" on stdout (the last such line counts, so that
# anything a sitecustomize prints cannot be mistaken for the result).
#
# The probe itself imports the standard library only. Everything that may crash or hang (pip check,
# each import, torch's CUDA initialisation, nvidia-smi) runs in its own child process with a timeout,
# so one failure cannot hide the others, and the whole run ends inside BUDGET_SECONDS.
# It must run on every Python an image may hold (3.6 and later): no walrus, no `X | Y` types,
# no subprocess.run(capture_output=..., text=...).

import concurrent.futures
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SENTINEL = "COMPAT_GUARD_PROBE_RESULT "
PROBE_FORMAT = 1
ERROR_CHARS = 500
OUTPUT_BYTES = 1024 * 1024
MAX_MODULES_PER_DISTRIBUTION = 8
IMPORT_TIMEOUT = 60.0
TORCH_TIMEOUT = 90.0
PIP_CHECK_TIMEOUT = 60.0
NVIDIA_SMI_TIMEOUT = 15.0

# importlib.import_module with the name as an argument: a module name read from a distribution's
# metadata is never spliced into source code.
IMPORT_SCRIPT = "import importlib, sys; importlib.import_module(sys.argv[1])"

TORCH_SCRIPT = r"""
import json, torch
info = {"version": str(getattr(torch, "__version__", "")), "cuda": None, "available": False,
        "devices": [], "cudnn": None, "error": None}
version = getattr(torch, "version", None)
cuda_build = getattr(version, "cuda", None)
info["cuda"] = None if cuda_build is None else str(cuda_build)
try:
    info["available"] = bool(torch.cuda.is_available())
    if info["available"]:
        info["devices"] = [str(torch.cuda.get_device_name(i)) for i in range(torch.cuda.device_count())]
except Exception as error:
    info["error"] = "%s: %s" % (type(error).__name__, error)
try:
    cudnn = torch.backends.cudnn.version()
    info["cudnn"] = None if cudnn is None else int(cudnn)
except Exception:
    pass
print("\n" + json.dumps(info))
"""


def canonical_name(name):
    # PEP 503, the same as packaging.utils.canonicalize_name, without a regex.
    out = []
    previous_separator = False
    for char in name.lower():
        if char in "-_.":
            if not previous_separator:
                out.append("-")
            previous_separator = True
        else:
            out.append(char)
            previous_separator = False
    return "".join(out)


def clip(text):
    text = text.strip()
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."


def last_line(data):
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return clip(lines[-1]) if lines else ""


def full_version(info):
    version = "%d.%d.%d" % (info.major, info.minor, info.micro)
    if info.releaselevel != "final":
        version += info.releaselevel[0] + str(info.serial)
    return version


def marker_environment():
    # The PEP 508 marker variables, as packaging.markers.default_environment computes them.
    return {
        "implementation_name": sys.implementation.name,
        "implementation_version": full_version(sys.implementation.version),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


class Deadline(object):
    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def timeout(self, wanted):
        """Seconds a child may take, or None when the budget is spent."""
        left = self.end - time.monotonic()
        return min(wanted, left) if left > 0.5 else None


# Children still running, so that a SIGTERM (the caller's time limit, or `docker stop`) takes them along.
LIVE = set()
LIVE_LOCK = threading.Lock()


def kill_group(process):
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        elif process.returncode is None:
            process.kill()
    except OSError:
        pass  # already gone


def read_bounded(stream, tail):
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - OUTPUT_BYTES) if tail else 0)
    return stream.read(OUTPUT_BYTES)


def run_child(argv, timeout, capture_stdout=True, env=None):
    """(exit code, stdout bytes, stderr tail bytes, timed out).

    Output goes to files, not pipes: a process the child leaves behind cannot keep the probe waiting
    for end-of-file. Each child leads its own process group, killed when the child ends or times
    out, so that nothing it started outlives it.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                   stdout=out if capture_stdout else subprocess.DEVNULL,
                                   stderr=err, env=env, start_new_session=True)
        with LIVE_LOCK:
            LIVE.add(process)
        try:
            process.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            kill_group(process)
            process.wait()
            with LIVE_LOCK:
                LIVE.discard(process)
        return process.returncode, read_bounded(out, False), read_bounded(err, True), timed_out


def on_terminate(signum, frame):
    with LIVE_LOCK:
        processes = list(LIVE)
    for process in processes:
        kill_group(process)
    os._exit(128 + signum)


def failure_text(code, err, timed_out, timeout):
    if timed_out:
        return "timed out after %d s" % round(timeout)
    reason = last_line(err)
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        return clip("killed by %s%s" % (name, (": " + reason) if reason else ""))
    return reason or "exited with status %s" % code


def load_distributions():
    """canonical name -> (name, version, Distribution); the first on sys.path wins, as for imports."""
    try:
        import importlib.metadata as metadata
    except ImportError:
        try:
            import importlib_metadata as metadata
        except ImportError:
            return None, "importlib.metadata is not available (Python %s)" % platform.python_version()
    found = {}
    for dist in metadata.distributions():
        try:
            fields = dist.metadata  # parsed afresh on every access: read it once
            name, version = fields["Name"], fields["Version"]
        except Exception:
            continue
        key = canonical_name(str(name or ""))
        if key and key not in found:
            found[key] = (str(name), str(version), dist)
    return found, None


def is_module_name(name):
    return all(part.isidentifier() for part in name.split("."))


def top_level_modules(dist):
    """The importable top-level names a distribution provides: top_level.txt, else RECORD."""
    names = []
    try:
        text = dist.read_text("top_level.txt")
    except Exception:
        text = None
    if text:
        names = [line.strip().replace("/", ".") for line in text.splitlines() if line.strip()]
    else:
        try:
            files = dist.files or []
        except Exception:
            files = []
        for path in files:
            parts = str(path).replace("\\", "/").split("/")
            head = parts[0]
            if len(parts) == 2 and parts[1] == "__init__.py":
                names.append(head)
            elif len(parts) == 1 and (head.endswith(".py") or head.endswith(".so") or head.endswith(".pyd")):
                names.append(head.split(".", 1)[0])
    unique = []
    for name in names:
        if is_module_name(name) and name not in unique:
            unique.append(name)
    # Private helpers (_cffi_backend, _distutils_hack) are imported through the public names.
    public = [name for name in unique if not name.startswith("_")]
    return (public or unique)[:MAX_MODULES_PER_DISTRIBUTION]


def check_import(deadline, module):
    timeout = deadline.timeout(IMPORT_TIMEOUT)
    if timeout is None:
        return {"ok": False, "skipped": True, "error": "not tried: the probe's time budget was spent"}
    code, _, err, timed_out = run_child([sys.executable, "-c", IMPORT_SCRIPT, module], timeout,
                                        capture_stdout=False)
    if code == 0 and not timed_out:
        return {"ok": True, "skipped": False, "error": None}
    return {"ok": False, "skipped": False, "error": failure_text(code, err, timed_out, timeout)}


def probe_torch(deadline):
    timeout = deadline.timeout(TORCH_TIMEOUT)
    if timeout is None:
        return {"ok": False, "skipped": True, "error": "not tried: the probe's time budget was spent"}
    code, out, err, timed_out = run_child([sys.executable, "-c", TORCH_SCRIPT], timeout)
    if code == 0 and not timed_out:
        lines = out.decode("utf-8", "replace").strip().splitlines()
        try:
            info = json.loads(lines[-1])
        except (ValueError, IndexError):
            return {"ok": False, "skipped": False, "error": "torch probe printed no result"}
        info.update({"ok": True, "skipped": False})
        return info
    return {"ok": False, "skipped": False, "error": failure_text(code, err, timed_out, timeout)}


def pip_check(deadline):
    timeout = deadline.timeout(PIP_CHECK_TIMEOUT)
    if timeout is None:
        return {"ran": False, "exitCode": None, "lines": [], "error": "not run: the probe's time budget was spent"}
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PIP_NO_COLOR="1")
    code, out, err, timed_out = run_child([sys.executable, "-m", "pip", "check"], timeout, env=env)
    if timed_out:
        return {"ran": False, "exitCode": None, "lines": [], "error": failure_text(code, err, True, timeout)}
    lines = [clip(line) for line in out.decode("utf-8", "replace").splitlines() if line.strip()]
    if code not in (0, 1) or (code == 1 and not lines):
        return {"ran": False, "exitCode": code, "lines": lines, "error": failure_text(code, err, False, timeout)}
    return {"ran": True, "exitCode": code, "lines": lines[:1000], "error": None}


def nvidia_smi(deadline):
    executable = shutil.which("nvidia-smi")
    if executable is None:
        return None
    timeout = deadline.timeout(NVIDIA_SMI_TIMEOUT)
    if timeout is None:
        return {"ok": False, "gpus": [], "error": "not run: the probe's time budget was spent"}
    code, out, err, timed_out = run_child(
        [executable, "--query-gpu=driver_version,name,memory.total", "--format=csv,noheader"], timeout)
    if code != 0 or timed_out:
        return {"ok": False, "gpus": [], "error": failure_text(code, err or out, timed_out, timeout)}
    gpus = []
    for line in out.decode("utf-8", "replace").splitlines():
        fields = [field.strip() for field in line.split(",")]
        if len(fields) >= 3:
            gpus.append({"driver": fields[0], "name": ", ".join(fields[1:-1]), "memory": fields[-1]})
    return {"ok": True, "gpus": gpus[:64], "error": None}


def main(argv):
    signal.signal(signal.SIGTERM, on_terminate)
    try:
        budget = float(argv[1])
    except (IndexError, ValueError):
        budget = 100.0
    wanted = []
    for name in argv[2:]:
        key = canonical_name(name)
        if key not in wanted:
            wanted.append(key)
    deadline = Deadline(budget)
    distributions, metadata_error = load_distributions()
    distributions = distributions or {}

    installed = dict((key, {"name": name, "version": version})
                     for key, (name, version, _) in distributions.items())
    modules = []  # (distribution key, module)
    for key in wanted:
        if key in distributions:
            modules.extend((key, module) for module in top_level_modules(distributions[key][2]))

    workers = max(2, min(8, os.cpu_count() or 2))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        pip_future = pool.submit(pip_check, deadline)
        smi_future = pool.submit(nvidia_smi, deadline)
        # The torch probe imports torch, so it doubles as the import check of the module `torch`.
        torch_future = pool.submit(probe_torch, deadline) if "torch" in distributions else None
        import_futures = {}
        for _, module in modules:
            if module not in import_futures and not (module == "torch" and torch_future is not None):
                import_futures[module] = pool.submit(check_import, deadline, module)
        torch_info = torch_future.result() if torch_future is not None else None
        imports = []
        for key, module in modules:
            if module in import_futures:
                outcome = dict(import_futures[module].result())
            else:
                outcome = {"ok": torch_info["ok"], "skipped": torch_info["skipped"],
                           "error": None if torch_info["ok"] else torch_info["error"]}
            outcome.update({"package": key, "module": module})
            imports.append(outcome)
        result = {
            "probe": PROBE_FORMAT,
            "python": {
                "version": platform.python_version(),
                "implementation": platform.python_implementation(),
                "executable": sys.executable,
            },
            "markers": marker_environment(),
            "metadataError": metadata_error,
            "installed": installed,
            "pipCheck": pip_future.result(),
            "imports": imports,
            "torch": torch_info,
            "nvidiaSmi": smi_future.result(),
            "cudaVersion": os.environ.get("CUDA_VERSION") or None,
        }
    sys.stdout.write("\n" + SENTINEL + json.dumps(result, sort_keys=True) + "\n")
    sys.stdout.flush()


main(sys.argv)
