"""The layout of docs/architecture.md, checked on the import graph.

- Apps depend on the apps below them only: the layers contract in pyproject.toml
  ([tool.importlinter]), run by import-linter.
- No circle of imports between modules, in an app or across apps: a circle is held together
  by an import inside a function, and hides which module needs which.
"""

import tomllib
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def test_apps_import_only_the_apps_below_them():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def import_circles(graph) -> list[list[str]]:
    """The strongly connected groups of modules (Tarjan), larger than one module."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_circle_of_imports_between_modules():
    assert import_circles(grimp.build_graph(*PACKAGES)) == []


def test_the_circle_check_finds_a_circle():
    graph = grimp.ImportGraph()
    for module in ("a.one", "a.two", "a.three"):
        graph.add_module(module)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    assert import_circles(graph) == [["a.one", "a.three", "a.two"]]
