"""The package layout's rules: no import cycles, no module that has grown past one concern,
and the reusable apps never depending on the project.

The import graph is read from the source with ``ast`` (nothing is imported): a module's
imports are those its body runs when it is imported (class bodies and ``if``/``try`` blocks
included), not those inside functions, which run later. An edge goes to the module imported
(``from .links import X`` → ``equity.blocks.links``), as import-linter's graph has it.
"""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Import name → folder: ``site/`` is installed as ``cms_site`` (pyproject.toml).
PACKAGES = {"equity": "equity", "newsroom": "newsroom", "home": "home", "cms_site": "site"}
REUSABLE_APPS = ("equity", "newsroom")
# Imports inside a function that close a cycle, each with the reason it is deferred. Any other
# (a cycle hidden by moving an import into a function) fails: restructure the modules instead.
DEFERRED_IMPORTS = {
    ("equity.headless.changes", "equity.headless.sources"): "register() connects a model "
    "registered after the pipeline's receivers are connected",
    ("equity.headless.publication", "equity.headless.sources"): "connect(), the pipeline's "
    "one entry point for AppConfig.ready",
    ("equity.headless.publication", "equity.models"): "the content version is a model row "
    "(PublicationRecord), and the page models use the pipeline's publication mixin",
}
MAX_LINES = 350
# Modules over MAX_LINES for a reason other than mixing concerns, each with its reason.
LONG_MODULES_ALLOWED: set[str] = set()


def module_files() -> dict[str, Path]:
    """``{dotted module name: file}`` of every module of the project's packages."""
    modules = {}
    for name, folder in PACKAGES.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            parts = list(path.relative_to(REPO / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join([name, *parts])] = path
    return modules


def runtime_statements(body):
    """The statements of ``body`` that run when the module is imported: not function bodies,
    not ``if TYPE_CHECKING:`` blocks."""
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from runtime_statements(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers"):
            yield from runtime_statements(getattr(node, field, []) or [])


def imported_names(module: str, path: Path, node) -> list[str]:
    """The dotted names an import statement names, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
        source = f"{base}.{node.module}" if node.module else base
    else:
        source = node.module
    return [f"{source}.{alias.name}" for alias in node.names] + [source]


def import_graph(*, runtime_only: bool = True) -> dict[str, set[str]]:
    """``{module: modules of the project it imports}``; with ``runtime_only`` false, imports
    inside functions count too."""
    files = module_files()
    graph = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        nodes = runtime_statements(tree.body) if runtime_only else ast.walk(tree)
        targets = set()
        for node in nodes:
            names = imported_names(module, path, node)
            if isinstance(node, ast.ImportFrom):
                # ``from pkg import name``: the submodule ``pkg.name`` when there is one,
                # else ``pkg`` itself.
                *members, source = names
                found = [name for name in members if name in files]
                names = found if len(found) == len(members) else [*found, source]
            for name in names:
                # ``import a.b.c`` of a module, or the nearest enclosing module of a name.
                while name and name not in files:
                    name = name.rpartition(".")[0]
                if name and name != module:
                    targets.add(name)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, …, a]``) per strongly connected group of modules (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [one_cycle(graph, group) for group in groups]


def one_cycle(graph, group: set[str]) -> list[str]:
    """A path from the group's first module back to itself, through the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & group):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")


def test_the_graph_reads_the_imports_it_should():
    """The graph itself: relative, package and submodule imports resolve to modules."""
    graph = import_graph()
    assert "equity.blocks.links" in graph["equity.blocks.landing"]
    assert "equity.headless.links" in graph["equity.blocks.links"]
    assert "equity.blocks" in graph["equity.models.landing_page"]
    assert "newsroom.models.releases" in graph["newsroom.models.queries"]
    assert (
        "equity.blocks.links" in graph["newsroom.blocks"]
        or "equity.blocks" in (graph["newsroom.blocks"])
    )
    # The cycle finder names a cycle as a path back to its start.
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b", "a"]]


def test_no_import_cycles():
    """A cycle means two modules cannot be understood (or imported) one without the other."""
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" → ".join(cycle) for cycle in found)


def test_no_cycles_hidden_in_functions():
    """An import moved into a function still ties two modules together: counting those too,
    only the listed ``DEFERRED_IMPORTS`` may close a cycle."""
    graph = import_graph(runtime_only=False)
    for (source, target), _reason in DEFERRED_IMPORTS.items():
        assert target in graph[source], f"{source} no longer imports {target}: drop the entry"
        graph[source].discard(target)
    found = cycles(graph)
    assert found == [], "import cycles: " + "; ".join(" → ".join(cycle) for cycle in found)


def test_no_module_mixes_concerns_past_350_lines():
    """A module past ``MAX_LINES`` (migrations apart) holds more than one concern: split it
    into a package with a module per concern."""
    too_long = {}
    for path in module_files().values():
        relative = path.relative_to(REPO).as_posix()
        if "/migrations/" in relative or relative in LONG_MODULES_ALLOWED:
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            too_long[relative] = lines
    assert too_long == {}


@pytest.mark.parametrize("app", REUSABLE_APPS)
def test_reusable_apps_never_import_the_project(app):
    """The reusable apps must install into any Wagtail project: no imports of the project
    (``cms_site``, ``home``) nor of its benchmark or tests, even inside a function."""
    project = ("cms_site", "home", "bench", "tests")
    offenders = []
    for path in sorted((REPO / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.level:
                continue  # relative: inside the app
            offenders += [
                f"{path.relative_to(REPO)}: {name}"
                for name in imported_names("", path, node)
                if name.split(".")[0] in project
            ]
    assert offenders == []
