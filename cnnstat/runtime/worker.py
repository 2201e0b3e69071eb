"""Running code cnnstat does not trust (a model's module, builder and forward) in a worker
process, so that nothing it does reaches cnnstat's result or exit status.

``run_isolated("cnnstat.torch.isolate:import_text", args, ...)`` calls that function in a
child process and returns the text it returns. The child has:

- a time limit (``timeout`` seconds; then it is killed),
- a memory limit (``RLIMIT_AS``: its address space may grow by ``memory`` bytes),
- stdin from ``/dev/null``, and its stdout and stderr captured in a file: a ``print`` in
  ``forward`` never lands in the spec cnnstat writes to stdout,
- its answer sent back as JSON over a pipe (never a pickle).

Whatever the code does (``sys.exit(0)``, ``os._exit``, ``KeyboardInterrupt``,
``os.abort``, a segfault, a forward that never returns, an argparse at module level that
prints its usage and exits) the caller gets either the text or a ``SpecError`` saying
what happened, with the last lines the code printed; the CLI prints it and exits 2.

Start method: ``fork`` where the platform has it (a few milliseconds; the child inherits
the modules already imported), else ``spawn``. ``CNNSTAT_WORKER_START=spawn`` picks spawn
(benchmarks/isolation_overhead.py compares them). This module imports no torch.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from typing import Any

from cnnstat.errors import SpecError, printable

DEFAULT_TIMEOUT = 120.0  # seconds
MAX_TIMEOUT = 7 * 24 * 3600.0
SHOWN_OUTPUT_LINES = 6


MEMORY_ENV = "CNNSTAT_MEMORY_LIMIT"  # GiB the worker may add to its address space


def default_memory() -> int:
    """Bytes the worker may add to its address space: ``CNNSTAT_MEMORY_LIMIT`` GiB, else
    half the machine's memory, at least 2 GiB (torch itself maps several GiB of address
    space it barely touches)."""
    raw = os.environ.get(MEMORY_ENV)
    if raw:
        try:
            gib = float(raw)
        except ValueError:
            gib = float("nan")
        if not 0 < gib <= 2**20:  # NaN too
            raise SpecError(f"{MEMORY_ENV}={printable(raw[:40])!s} must be a number of GiB "
                            "more than 0 and at most 1,048,576")
        return int(gib * 2**30)
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 16 * 2**30
    return max(2 * 2**30, total // 2)


def memory_message(memory: int) -> str:
    """The model's code reached the worker's memory limit: which, and how to raise it."""
    return (f"the model's code reached the memory limit of the worker that runs it "
            f"({memory / 2**30:,.2f} GiB more than the worker started with); set "
            f"{MEMORY_ENV}=GIB to allow more (the default is half the machine's memory)")


def is_out_of_memory(err: BaseException) -> bool:
    """A ``MemoryError``, or torch's CPU allocator failing (a ``RuntimeError``)."""
    if isinstance(err, MemoryError):
        return True
    text = str(err)
    return isinstance(err, RuntimeError) and ("can't allocate memory" in text
                                              or "not enough memory" in text)


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SpecError(f"{name}={printable(raw[:40])!s} is not a number of seconds") from None
    if not 0 < value <= MAX_TIMEOUT:
        raise SpecError(f"{name} must be from 0 to {MAX_TIMEOUT:,.0f} seconds, not {value:g}")
    return value


def check_timeout(value: float, what: str = "--timeout") -> float:
    if not (value == value) or not 0 < value <= MAX_TIMEOUT:  # NaN, 0, negative, huge
        raise SpecError(f"{what} must be more than 0 and at most {MAX_TIMEOUT:,.0f} seconds, "
                        f"not {value:g}")
    return float(value)


def _start_method() -> str:
    import multiprocessing

    wanted = os.environ.get("CNNSTAT_WORKER_START", "")
    methods = multiprocessing.get_all_start_methods()
    if wanted in methods:
        return wanted
    return "fork" if "fork" in methods else "spawn"


def _limit_memory(extra: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    try:
        with open("/proc/self/statm") as fh:
            now = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        now = 0
    for name, value in (("RLIMIT_AS", now + extra), ("RLIMIT_CORE", 0)):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):
            pass


def _child(conn, func: str, args: tuple, memory: int, log: str) -> None:
    """The worker: output to ``log``, limits set, ``func(*args)`` run, its text or its
    error sent back as JSON. Every way out of the code is caught here."""
    try:
        out = os.open(log, os.O_WRONLY | os.O_APPEND)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        sys.stdin = open(0, closefd=False)
        sys.stdout = open(1, "w", closefd=False, encoding="utf-8", errors="replace")
        sys.stderr = open(2, "w", closefd=False, encoding="utf-8", errors="replace")
        signal.signal(signal.SIGINT, signal.default_int_handler)
        import faulthandler

        faulthandler.disable()  # the parent's (pytest's) handler writes to its own stderr
        _limit_memory(memory)
        if "torch" in sys.modules:  # forked after torch was imported: no thread pool
            sys.modules["torch"].set_num_threads(1)
    except BaseException as err:  # pragma: no cover - the set-up itself failed
        conn.send_bytes(json.dumps({"error": f"the worker could not start: {err}"}).encode())
        return
    try:
        module, _, name = func.partition(":")
        import importlib

        fn = getattr(importlib.import_module(module), name)
        answer = {"text": fn(*args)}
    except SpecError as err:
        answer = {"error": str(err), "located": True}
    except SystemExit as err:
        answer = {"error": f"the model's code called sys.exit({err.code!r}): it exited "
                           "instead of building a model"}
    except KeyboardInterrupt:
        answer = {"error": "the model's code raised KeyboardInterrupt"}
    except RecursionError:
        answer = {"error": "the model's code recursed too deeply (RecursionError)"}
    except BaseException as err:  # anything else the code raised
        answer = {"error": memory_message(memory) if is_out_of_memory(err) else
                  f"the model's code raised {type(err).__name__}: {err}"}
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # pragma: no cover
        pass
    try:
        conn.send_bytes(json.dumps(answer).encode("utf-8", "surrogatepass"))
    except BaseException:  # pragma: no cover - the pipe is gone: the parent reports it
        pass
    os._exit(0)  # no atexit handler or lingering thread of the model's code runs


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


_SIGNALS = {"SIGABRT": "aborted (os.abort, or a crash in native code)",
            "SIGKILL": "killed (out of memory, or by another process)",
            "SIGSEGV": "crashed with a segmentation fault in native code",
            "SIGBUS": "crashed (bus error) in native code",
            "SIGTERM": "terminated by a signal (SIGTERM)",
            "SIGINT": "interrupted (SIGINT)"}


def _allocation_failed(log: str) -> bool:
    """Did the worker's last output say that memory could not be allocated?"""
    text = _tail(log).lower()
    return any(words in text for words in ("memory allocation", "out of memory",
                                           "cannot allocate memory", "memoryerror"))


def _tail(log: str) -> str:
    """The last lines the code printed, escaped and cut, for an error message."""
    try:
        with open(log, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 4096))
            data = fh.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [printable(s.strip(), newlines=False)[:200] for s in data.splitlines() if s.strip()]
    if not lines:
        return ""
    shown = lines[-SHOWN_OUTPUT_LINES:]
    return "; its last output: " + " | ".join(shown)


def run_isolated(func: str, args: tuple, *, what: str, timeout: float = DEFAULT_TIMEOUT,
                 memory: int | None = None, file: str | None = None,
                 echo_output: bool = True) -> Any:
    """``func`` (``"package.module:function"``) called with ``args`` in a worker process;
    its return value (JSON-able). Anything else it does is a ``SpecError`` about ``what``
    (located at ``file`` when given). ``echo_output``: what the code printed on success is
    shown on stderr, escaped, never on stdout."""
    import multiprocessing

    memory = default_memory() if memory is None else memory
    ctx = multiprocessing.get_context(_start_method())
    fd, log = tempfile.mkstemp(prefix="cnnstat-worker-", suffix=".log")
    os.close(fd)
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, func, args, memory, log), daemon=True)
    start = time.monotonic()

    def failure(message: str) -> SpecError:
        return SpecError(f"{what}: {message}{_tail(log)}" if file is None else
                         f"{message}{_tail(log)}", file=file)

    try:
        try:
            proc.start()
        except OSError as err:
            raise SpecError(f"{what}: cannot start a worker process: {err.strerror}") from None
        send.close()
        from multiprocessing.connection import wait

        data = None
        while data is None:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise failure(f"the model's code did not finish in {timeout:g} s and was "
                              "stopped (a forward that never returns?); --timeout SECONDS, "
                              "or CNNSTAT_TIMEOUT, allows more time")
            ready = wait([receive], left)
            if not ready:
                continue
            try:
                data = receive.recv_bytes()
            except (EOFError, OSError):
                proc.join(5)
                code = proc.exitcode
                if code is not None and code < 0:
                    name = _signal_name(-code)
                    how = _SIGNALS.get(name, f"killed by {name}")
                    raise failure(f"the worker running the model's code was {how}") from None
                if _allocation_failed(log):  # a native library (OpenBLAS) gave up
                    raise failure(memory_message(memory)) from None
                raise failure("the model's code ended the worker process (os._exit"
                              f"({code})) before a model was built") from None
        try:
            answer = json.loads(data.decode("utf-8", "surrogatepass"))
        except ValueError:
            raise failure("the worker sent back something that is not an answer") from None
        if not isinstance(answer, dict):
            raise failure("the worker sent back something that is not an answer")
        if "error" in answer:
            message = str(answer["error"])
            if answer.get("located"):
                raise SpecError(message + _tail(log))
            raise failure(message)
        if echo_output:
            _echo(log)
        return answer.get("text")
    finally:
        if proc.is_alive():
            proc.kill()
        if proc.pid is not None:
            proc.join(5)
        receive.close()
        try:
            os.unlink(log)
        except OSError:
            pass


def _echo(log: str) -> None:
    """What the model's code printed while it succeeded: on stderr, escaped, at most 20
    lines (the spec on stdout stays the spec)."""
    try:
        with open(log, "rb") as fh:
            data = fh.read(64 * 1024).decode("utf-8", "replace")
    except OSError:
        return
    lines = [s for s in data.splitlines() if s.strip()]
    if not lines:
        return
    shown = lines[:20]
    more = f" (and {len(lines) - 20} more lines)" if len(lines) > 20 else ""
    sys.stderr.write("output of the model's code (kept out of the result)" + more + ":\n"
                     + "".join("  " + printable(s, newlines=False)[:300] + "\n"
                               for s in shown))
