"""The two commands' promises before any set-up, and the packaging they rely on.

`make run` must stop at once, with the message the README documents, on a busy port or an
unsupported interpreter; the supported versions are stated once per file that needs them and
must agree; and every Python package in the tree is installed.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PYENV_VERSIONS = Path(os.environ.get("PYENV_ROOT", "/root/.pyenv")) / "versions"


def makefile_variable(name: str) -> str:
    match = re.search(rf"^{name} := (.*)$", (REPO / "Makefile").read_text(), re.MULTILINE)
    assert match, f"{name} is not set in the Makefile"
    return match.group(1).strip()


def supported_minors() -> list[str]:
    return makefile_variable("SUPPORTED_PYTHONS").split()


def make(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def unsupported_interpreter() -> str:
    """A real Python outside the supported range (pyenv's, or this machine's older ones)."""
    supported = set(supported_minors())
    candidates = sorted(PYENV_VERSIONS.glob("3.*/bin/python")) if PYENV_VERSIONS.is_dir() else []
    candidates += [Path(p) for p in (shutil.which("python3.10"), shutil.which("python3.9")) if p]
    for candidate in candidates:
        result = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if result.returncode == 0 and result.stdout.strip() not in supported:
            return str(candidate)
    pytest.skip("no unsupported Python interpreter on this machine")


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def test_supported_versions_agree_everywhere():
    """The Makefile's list, pyproject's requires-python and classifiers, and the versions
    CI smokes (the suite itself runs on the interpreter that runs these tests)."""
    minors = supported_minors()
    low, high = minors[0], minors[-1]
    next_minor = f"3.{int(high.split('.')[1]) + 1}"
    assert PYPROJECT["project"]["requires-python"] == f">={low},<{next_minor}"
    classifiers = {
        c.rsplit(" :: ", 1)[1]
        for c in PYPROJECT["project"]["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    }
    assert sorted(classifiers) == minors
    ci = (REPO / ".ci" / "run").read_text()
    smoke = re.search(r"^SMOKE_PYTHONS=\"([^\"]*)\"", ci, re.MULTILINE)
    assert smoke, ".ci/run does not name the Python versions it smokes"
    assert sorted({low, *smoke.group(1).split()}) == minors
    assert f"{sys.version_info[0]}.{sys.version_info[1]}" in minors


def test_every_python_package_in_the_tree_is_installed():
    """pyproject lists packages by hand (site/ is installed as cms_site): a new package
    folder that is not listed would be missing from a real (non-editable) install."""
    package_dir = PYPROJECT["tool"]["setuptools"]["package-dir"]
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    in_tree = set()
    for name, folder in package_dir.items():
        for init in (REPO / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / folder)
            in_tree.add(".".join((name, *relative.parts)))
    assert in_tree == listed


@needs_make
def test_make_run_on_a_busy_port_stops_before_any_set_up(tmp_path):
    venv = tmp_path / "venv"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # A venv that does not exist: had the check come after the set-up, make would build it.
        result = make("run", f"PORT={port}", f"VENV={venv}")
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
    assert not venv.exists()


@needs_make
def test_make_with_an_unsupported_python_says_which_versions_work(tmp_path):
    python = unsupported_interpreter()
    venv = tmp_path / "venv"
    result = make("install", f"PYTHON={python}", f"VENV={venv}")
    assert result.returncode != 0
    assert "which is not supported" in result.stderr
    assert f"supports Python {', '.join(supported_minors())}" in result.stderr
    assert "make install PYTHON=python3.12" in result.stderr
    assert not venv.exists(), "the check must come before the virtualenv is created"


@needs_make
def test_make_with_a_missing_python_says_so(tmp_path):
    venv = tmp_path / "venv"
    result = make("run", "PYTHON=python-that-does-not-exist", "PORT=0", f"VENV={venv}")
    assert result.returncode != 0
    assert "PYTHON=python-that-does-not-exist was not found" in result.stderr
    assert "make run PYTHON=python3.12" in result.stderr
    assert not venv.exists()


@needs_make
def test_a_venv_built_by_another_interpreter_is_rebuilt(tmp_path):
    """The recorded interpreter decides: a .venv made by another Python is removed before
    anything is installed into it (here the new interpreter is unsupported, so make stops
    right after saying so, and the old .venv is left alone)."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / ".interpreter").write_text("3.11 /some/other/python3.11\n")
    python = shutil.which("python3") or sys.executable
    version = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if version not in supported_minors():
        pytest.skip(f"python3 here is {version}")
    # A stand-in for `python -m venv` that records the call instead of building a venv: the
    # rebuild must remove the old folder first, then create a new one with the chosen Python.
    fake = tmp_path / "python"
    fake.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        f'  echo "venv $3" >> {tmp_path}/calls; exit 3\n'
        "fi\n"
        f'exec {python} "$@"\n'
    )
    fake.chmod(0o755)
    result = make("install", f"PYTHON={fake}", f"VENV={venv}")
    assert f"{venv} was built with 3.11 /some/other/python3.11; rebuilding it" in result.stdout
    assert (tmp_path / "calls").read_text() == f"venv {venv}\n"
    assert not (venv / "bin").exists()
