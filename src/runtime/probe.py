# compat-guard runtime probe: one interpreter start that reports what the environment holds.
#
# Usage: python -c <this file's text> BUDGET_SECONDS [DISTRIBUTION ...]
# Prints one line "COMPAT_GUARD_PROBE_RESULT <json>" on stdout (the last such line counts, so that
# anything a sitecustomize prints cannot be mistaken for the result). On stderr it prints progress
# lines starting with "compat-guard probe: " (one when it starts, then one every few seconds), so
# that a long run is never silent and a run killed for time says what it was doing.
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
PROGRESS_PREFIX = "compat-guard probe: "
PROGRESS_SECONDS = 5.0

# importlib.import_module with the name as an argument: a module name read from a distribution's
# metadata is never spliced into source code.
IMPORT_SCRIPT = "import importlib, sys; importlib.import_module(sys.argv[1])"

TORCH_SCRIPT = r"""
import json, torch
info = {"version": str(getattr(torch, "__version__", "")), "cuda": None, "hip": None, "available": False,
        "devices": [], "cudnn": None, "error": None}
version = getattr(torch, "version", None)
cuda_build = getattr(version, "cuda", None)
info["cuda"] = None if cuda_build is None else str(cuda_build)
hip_build = getattr(version, "hip", None)
info["hip"] = None if hip_build is None else str(hip_build)
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

# jax.default_backend() is "gpu" only when a CUDA plugin is installed and a device is visible.
JAX_SCRIPT = r"""
import json, jax
info = {"version": str(getattr(jax, "__version__", "")), "backend": None, "error": None}
try:
    info["backend"] = str(jax.default_backend())
except Exception as error:
    info["error"] = "%s: %s" % (type(error).__name__, error)
print("\n" + json.dumps(info))
"""

# The CUDA runtime CuPy loaded, e.g. 12060 for 12.6: it needs no device, only the CUDA libraries.
CUPY_SCRIPT = r"""
import json, cupy
info = {"version": str(getattr(cupy, "__version__", "")), "runtime": None, "error": None}
try:
    info["runtime"] = int(cupy.cuda.runtime.runtimeGetVersion())
except Exception as error:
    info["error"] = "%s: %s" % (type(error).__name__, error)
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


def probe_library(deadline, script, wanted_timeout):
    """Runs one of the scripts above: its JSON facts with ok/skipped, or why it could not run."""
    timeout = deadline.timeout(wanted_timeout)
    if timeout is None:
        return {"ok": False, "skipped": True, "error": "not tried: the probe's time budget was spent"}
    code, out, err, timed_out = run_child([sys.executable, "-c", script], timeout)
    if code == 0 and not timed_out:
        lines = out.decode("utf-8", "replace").strip().splitlines()
        try:
            info = json.loads(lines[-1])
        except (ValueError, IndexError):
            return {"ok": False, "skipped": False, "error": "the probe's script printed no result"}
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


class Progress(object):
    """Counts the checks as they end and prints, every few seconds, how far the probe is."""

    def __init__(self):
        self.total = 0
        self.done = 0
        self.running = {}  # name -> start time
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.stopped = threading.Event()

    def wrap(self, name, function, *args):
        """The function as a task that counts toward the total; called before the task is submitted."""
        self.total += 1

        def run():
            with self.lock:
                self.running[name] = time.monotonic()
            try:
                return function(*args)
            finally:
                with self.lock:
                    self.running.pop(name, None)
                    self.done += 1
        return run

    def line(self):
        with self.lock:
            now = time.monotonic()
            running = sorted(self.running.items(), key=lambda item: item[1])
            names = ", ".join("%s (%d s)" % (name, now - since) for name, since in running[:4])
            more = " and %d more" % (len(running) - 4) if len(running) > 4 else ""
            text = "%d of %d checks done after %d s" % (self.done, self.total, now - self.started)
        return text + ("; running: " + names + more if names else "")

    def report_until_stopped(self):
        while not self.stopped.wait(PROGRESS_SECONDS):
            say(self.line())


def say(text):
    try:
        sys.stderr.write(PROGRESS_PREFIX + text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nobody is reading stderr: progress is a courtesy


def container_requirements():
    """The NVIDIA_REQUIRE_* variables the NVIDIA container toolkit checks at container start."""
    return dict((name, value) for name, value in os.environ.items()
                if name.startswith("NVIDIA_REQUIRE_") and not name.startswith("NVIDIA_REQUIRE_JETPACK"))


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

    cupy_key = next((key for key in sorted(distributions) if key == "cupy" or key.startswith("cupy-cuda")), None)
    progress = Progress()
    workers = max(2, min(8, os.cpu_count() or 2))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        pip_future = pool.submit(progress.wrap("pip check", pip_check, deadline))
        smi_future = pool.submit(progress.wrap("nvidia-smi", nvidia_smi, deadline))
        # The torch probe imports torch, so it doubles as the import check of the module `torch`.
        torch_future = None
        if "torch" in distributions:
            torch_future = pool.submit(progress.wrap("torch", probe_library, deadline, TORCH_SCRIPT, TORCH_TIMEOUT))
        jax_future = None
        if "jax" in distributions:
            jax_future = pool.submit(progress.wrap("jax backend", probe_library, deadline, JAX_SCRIPT, IMPORT_TIMEOUT))
        cupy_future = None
        if cupy_key is not None:
            cupy_future = pool.submit(progress.wrap("cupy runtime", probe_library, deadline, CUPY_SCRIPT, IMPORT_TIMEOUT))
        import_futures = {}
        for _, module in modules:
            if module not in import_futures and not (module == "torch" and torch_future is not None):
                import_futures[module] = pool.submit(progress.wrap("import " + module, check_import, deadline, module))
        say("started in Python %s (%s); %d checks to run" % (platform.python_version(), sys.executable, progress.total))
        reporter = threading.Thread(target=progress.report_until_stopped)
        reporter.daemon = True
        reporter.start()
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
        cupy_info = cupy_future.result() if cupy_future is not None else None
        if cupy_info is not None:
            cupy_info["package"] = cupy_key
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
            "jax": jax_future.result() if jax_future is not None else None,
            "cupy": cupy_info,
            "cudaVersion": os.environ.get("CUDA_VERSION") or None,
            "nvidiaRequire": container_requirements(),
            "nvidiaDisableRequire": os.environ.get("NVIDIA_DISABLE_REQUIRE"),
        }
    progress.stopped.set()
    say(progress.line())
    sys.stdout.write("\n" + SENTINEL + json.dumps(result, sort_keys=True) + "\n")
    sys.stdout.flush()


main(sys.argv)
