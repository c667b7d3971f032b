"""Start and stop the kit's web servers (JupyterLab, Voila) and a headless Chromium, for the
browser tests and the browser benchmark. Everything runs on 127.0.0.1, on a free port, with a
token, and is stopped at the end; nothing reaches the network."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's chromium (or one named by NOV1962_CHROMIUM); None if there is none."""
    for candidate in (os.environ.get("NOV1962_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early; see {log}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"server did not answer {url} within {seconds} s; see {log}")


@contextmanager
def server(kind: str):
    """Run ``jupyter lab`` or ``voila`` for the kit; yield (base_url, token)."""
    port, token = free_port(), secrets.token_hex(16)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = OUTPUT / f"{kind}.log"
    runtime = Path(tempfile.mkdtemp(prefix=f"nov1962-{kind}-"))
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_CONFIG_DIR": str(runtime / "config"),
           "PYTHONUNBUFFERED": "1"}
    root_flag = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    if kind == "lab":
        # Lab autosaves: serve a copy of the app notebook so no test can write outputs into the kit
        work = runtime / "work" / "notebooks"
        work.mkdir(parents=True)
        shutil.copy(ROOT / "notebooks" / "explorer_app.ipynb", work)
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                   f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work.parent}", *root_flag]
        ready = f"http://127.0.0.1:{port}/api/status?token={token}"
    else:
        command = [sys.executable, "-m", "voila", str(ROOT / "notebooks" / "explorer_app.ipynb"), "--no-browser",
                   f"--port={port}", "--Voila.ip=127.0.0.1", f"--token={token}"]
        ready = f"http://127.0.0.1:{port}/?token={token}"
    with open(log, "w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        _wait(ready, process, log)
        yield f"http://127.0.0.1:{port}", token
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(runtime, ignore_errors=True)


@contextmanager
def browser():
    """A headless Chromium with a fresh profile, driven by Playwright; yields a Browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
