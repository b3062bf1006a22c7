"""The test suite cleans up after itself: uploads go to a per-process temporary folder that is
removed when the session ends (one folder per pytest-xdist worker, so workers never share)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

REPO = Path(__file__).resolve().parent.parent


def test_uploads_go_to_a_folder_of_this_process():
    media_root = Path(settings.MEDIA_ROOT)
    assert media_root.parent == Path(tempfile.gettempdir())
    assert media_root.name == f"equity-cms-test-media-{os.getpid()}"
    name = default_storage.save("hygiene/probe.txt", ContentFile(b"probe"))
    assert (media_root / name).read_bytes() == b"probe"


def test_a_test_run_leaves_no_media_folder_behind():
    """Run the test above in a pytest of its own: it writes an upload, and once that session
    has ended its folder is gone."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            f"{Path(__file__).relative_to(REPO)}::test_uploads_go_to_a_folder_of_this_process",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    assert "1 passed" in output
    assert not (Path(tempfile.gettempdir()) / f"equity-cms-test-media-{process.pid}").exists()
