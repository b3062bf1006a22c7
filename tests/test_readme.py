"""The README tells the truth: its examples run, and its facts match the code.

Every shell example in the quick start and the two API sections is run (API calls with curl
against a live server holding the demo content, `make` lines as dry runs, `manage.py` lines
through the command's own argument parser); the configuration table names every environment
variable the settings read; the demo's numbers and the preview statuses are the real ones.
"""

import ast
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()
README_BASE_URL = "http://127.0.0.1:8000"


def section(title: str) -> str:
    """The text of the README's `## <title>` section, up to the next `## ` heading."""
    match = re.search(
        rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.DOTALL | re.MULTILINE
    )
    assert match, f"the README has no '## {title}' section"
    return match.group(1)


def shell_lines(text: str) -> list[str]:
    """Each command line of the ```sh blocks in ``text``, comments and blank lines left out."""
    lines = []
    for block in re.findall(r"^ *```sh\n(.*?)^ *```", text, re.DOTALL | re.MULTILINE):
        for line in block.splitlines():
            if shlex.split(line, comments=True):
                lines.append(line.strip())
    return lines


def check_manage_py_command(argv: list[str]) -> None:
    """A `manage.py` line names a real command and its arguments parse."""
    assert argv[1] == "manage.py", argv
    name, *args = argv[2:]
    commands = get_commands()
    assert name in commands, f"no manage.py command {name!r}"
    command = load_command_class(commands[name], name)
    command.create_parser("manage.py", name).parse_args(args)


def test_the_quick_start_is_on_the_first_screen():
    """The two commands come before any other section, within the first 40 lines."""
    first_screen = "\n".join(README.splitlines()[:40])
    assert "## Quick start" in first_screen
    assert "make run" in first_screen and "make test" in first_screen


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_quick_start_examples_parse():
    """`make` lines are dry-run (`make -n`: the targets and variables exist, nothing is
    built); `manage.py` lines name a real command whose parser accepts the arguments."""
    lines = shell_lines(section("Quick start"))
    assert any(line.startswith("make run") for line in lines)
    for line in lines:
        argv = shlex.split(line, comments=True)
        while "=" in argv[0]:  # VARIABLE=value prefixes
            argv.pop(0)
        if argv[0] == "make":
            dry_run = line.replace("make ", "make -n --no-print-directory ", 1)
            result = subprocess.run(
                ["bash", "-c", dry_run], cwd=REPO, capture_output=True, text=True, timeout=30
            )
            assert result.returncode == 0, (line, result.stderr)
        elif argv[0].endswith("python"):
            check_manage_py_command(argv)
        else:
            pytest.fail(f"unexpected command in the quick start: {line}")


def curl(argv: list[str], base_url: str) -> tuple[int, bytes]:
    """Run a README curl line against ``base_url``; its status and body."""
    argv = [arg.replace(README_BASE_URL, base_url) for arg in argv]
    result = subprocess.run(
        [*argv, "--silent", "--show-error", "--write-out", "\n%{http_code}"],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, (argv, result.stderr)
    body, _, status = result.stdout.rpartition(b"\n")
    return int(status), body


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.django_db(transaction=True)
def test_api_examples_answer_on_a_live_server(live_server, tmp_path):
    """Each curl line answers 200 with JSON on the demo content. The README says to take
    the landing page's id "from the list": the test does the same, then uses it for the
    lines written with the demo's id."""
    call_command("load_demo_content", verbosity=0)
    lines = shell_lines(section("API")) + shell_lines(section("API for apps"))
    curl_lines = [line for line in lines if line.startswith("curl ")]
    assert len(curl_lines) >= 5
    landing_id = None
    for line in lines:
        argv = shlex.split(line, comments=True)
        if argv[0] == "curl":
            if landing_id is not None:
                argv = [re.sub(r"/pages/\d+/", f"/pages/{landing_id}/", arg) for arg in argv]
            status, body = curl(argv, live_server.url)
            assert status == 200, (line, body[:300])
            data = json.loads(body)
            if "type=equity.EquityLandingPage" in line:
                # The demo's landing page, in each of its languages.
                types = {item["meta"]["type"] for item in data["items"]}
                assert data["items"] and types == {"equity.EquityLandingPage"}
                landing_id = data["items"][0]["id"]
            elif "/pages/" in line:
                assert data["id"] == landing_id and data["meta"]["type"] == (
                    "equity.EquityLandingPage"
                )
        elif argv[0].endswith("python"):
            check_manage_py_command(argv)
            if argv[2] == "export_openapi":  # run it too: the document it writes is read next
                output = tmp_path / argv[argv.index("--output") + 1]
                call_command("export_openapi", "--output", str(output))
                assert json.loads(output.read_text())["openapi"].startswith("3.")
        else:  # third-party generators (npx …): not run here, but they must be well-formed
            assert argv[0] == "npx", line


def test_the_webhook_verification_example_accepts_a_genuine_signature():
    """The receiver's Python example is correct code for the documented header."""
    import hashlib
    import hmac

    block = re.search(r"```python\n(.*?)```", section("API for apps"), re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    body = b'{"event": "page.published"}'
    header = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert namespace["is_genuine"]("s3cret", body, header)
    assert not namespace["is_genuine"]("s3cret", body + b" ", header)


def test_preview_statuses_are_the_documented_ones(client, db):
    """README: no `token` or `content_type` is a 400, an empty or forged token a 403."""
    text = section("API for apps")
    assert "without `token` or `content_type` is a 400" in text
    assert "an empty, forged\nor expired token" in text and "a 403" in text
    url = "/api/v3/preview/"
    assert client.get(url, {"content_type": "equity.equitylandingpage"}).status_code == 400
    assert client.get(url, {"token": "anything"}).status_code == 400
    for token in ("", "forged:token"):
        params = {"content_type": "equity.equitylandingpage", "token": token}
        assert client.get(url, params).status_code == 403, token


@pytest.mark.django_db
def test_demo_numbers_in_the_readme_are_the_demos():
    """The roadmap's progress and the resource sections, as the README describes them."""
    from wagtail.models import Locale

    from equity.models import EquityLandingPage, EquityRoadmapPage

    call_command("load_demo_content", verbosity=0)
    english = Locale.get_default()  # the README describes the English demo
    roadmap = EquityRoadmapPage.objects.live().get(locale=english)
    progress = roadmap.progress
    complete, total = progress["complete"], progress["total"]
    assert f'"{complete} of {total} actions complete"' in README
    priorities = len(roadmap.priorities)
    assert f"({priorities} priorities, {total} actions, {complete} complete)" in README

    landing = EquityLandingPage.objects.live().get(locale=english)
    items = [
        item.block_type
        for block in landing.body
        if block.block_type == "resource_section"
        for item in block.value["items"]
    ]
    assert items and set(items) == {"library_resource"}


def environment_variables_read_by_settings() -> set[str]:
    """Names passed to os.environ.get / os.environ[...] / env_bool / env_list in settings."""
    names = set()
    for module in (REPO / "site" / "settings").glob("*.py"):
        if module.name == "test.py":  # the test settings read nothing from the environment
            continue
        for node in ast.walk(ast.parse(module.read_text())):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func)
                in {"os.environ.get", "env_bool", "env_list", "os.getenv"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
            elif (
                isinstance(node, ast.Subscript)
                and ast.unparse(node.value) == "os.environ"
                and isinstance(node.slice, ast.Constant)
            ):
                names.add(node.slice.value)
    return names


def test_every_environment_variable_is_in_the_configuration_table():
    table = [line for line in section("Configuration").splitlines() if line.startswith("| `")]
    documented = {name for line in table for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line)}
    read = environment_variables_read_by_settings()
    assert {"SECRET_KEY", "TIME_ZONE", "CACHE_MAX_AGE_API", "SECURE_HSTS_PRELOAD"} <= read
    assert read - documented == set(), "read by the settings but not in the README's table"


def test_python_versions_in_the_readme_match_the_makefile():
    minors = re.search(r"^SUPPORTED_PYTHONS := (.*)$", (REPO / "Makefile").read_text(), re.M)
    versions = minors.group(1).split()
    quick_start = section("Quick start")
    assert f"Python {', '.join(versions[:-1])} or {versions[-1]}" in quick_start
    assert sys.version_info[:2] >= tuple(int(p) for p in versions[0].split("."))


def layout_entries() -> dict[str, str]:
    """``{path: its description}`` from the code block of the README's Layout section: an
    entry starts in the first column, its description continues on indented lines."""
    block = re.search(r"```\n(.*?)```", section("Layout"), re.DOTALL).group(1)
    entries: dict[str, str] = {}
    path = None
    for line in block.splitlines():
        if line and not line[0].isspace():
            path, _, description = line.partition(" ")
            entries[path] = description
        elif path is not None:
            entries[path] += " " + line.strip()
    return entries


def test_every_path_the_layout_names_exists():
    """Entries, the files each entry's description names (in its folder) and the folders it
    names (from the repository's root) are all in the tree."""
    missing = []
    for path, description in layout_entries().items():
        if not (REPO / path).exists():
            missing.append(path)
        if path.endswith("/"):
            for name in re.findall(r"\b[\w-]+\.(?:py|html|md)\b", description):
                if not (REPO / path / name).exists():
                    missing.append(f"{path}{name}")
        for folder in re.findall(
            r"(?<![\w.])(?:tests|site|equity|newsroom|home)/[\w/]+", description
        ):
            if not (REPO / folder).exists():
                missing.append(folder)
    assert missing == []


def test_every_package_is_in_the_layout():
    """The other way round: each Python package of the apps and the project (migrations
    apart) is an entry of the Layout, or contains one."""
    entries = list(layout_entries())
    unlisted = []
    for folder in ("site", "home", "equity", "newsroom"):
        for init in (REPO / folder).rglob("__init__.py"):
            package = init.parent.relative_to(REPO).as_posix() + "/"
            if "migrations" in package:
                continue
            if not any(entry.startswith(package) for entry in entries):
                unlisted.append(package)
    assert unlisted == []
