"""The house rules on which way imports run (STYLE.md, "The house").

Every import in the local apps is read from the source (function-level ones too,
since a lazy import is still a dependency), and the directions the house forbids
fail here: billing knows no content and no access rule, the access rule knows no
content app, the forum knows no other content app, the privacy guard knows
nothing above it, and no import cycle spans two apps.
"""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "community",
    "memberships",
    "forum",
    "sessions",
    "courses",
    "consultations",
    "consultation_billing",
)
CONTENT_APPS = ("forum", "sessions", "courses", "consultations")
# The shared pieces every app may use (STYLE.md: "roles, mail, infra"); they
# import no app above them.
INFRASTRUCTURE = (
    "community.roles",
    "community.mail",
    "community.admin_policy",
    "community.data_rights",
    "community.schedules",
    "community.time_zones",
)


def _local_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts).removesuffix(".__init__")
            modules[name] = path
    return modules


MODULES = _local_modules()


def _owner(name: str) -> str | None:
    """The local module an imported dotted name lives in (a name may be a class)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for module, path in MODULES.items():
        for name in _imports(path):
            if name.split(".")[0] in APPS:
                target = _owner(name)
                if target and target != module:
                    graph[module].add(target)
    return graph


GRAPH = _graph()


def _edges(source_prefix: str):
    for module, targets in GRAPH.items():
        if module == source_prefix or module.startswith(source_prefix + "."):
            for target in targets:
                yield module, target


def _under(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_graph_sees_the_imports_it_must_judge():
    # A walker that found nothing would pass every rule below.
    assert "memberships.rules" in GRAPH["community.access"]
    assert "forum.templatetags.forum_hooks" in GRAPH["sessions.forum_hooks"]


def test_billing_knows_no_access_rule_and_no_content():
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges("memberships")
        if _under(target, "community", *CONTENT_APPS)
        and not _under(target, *INFRASTRUCTURE)
    ]
    assert wrong == []


def test_consultations_know_no_payment_app():
    # Payment gates triage through consultations.payment_gate's hook only.
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges("consultations")
        if _under(target, "consultation_billing")
    ]
    assert wrong == []


def test_the_access_rule_knows_no_content_app():
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges("community.access")
        if _under(target, *CONTENT_APPS)
    ]
    assert wrong == []


@pytest.mark.parametrize("other", ["sessions", "courses", "consultations"])
def test_the_forum_knows_no_other_content_app(other):
    wrong = [f"{s} -> {t}" for s, t in _edges("forum") if _under(t, other)]
    assert wrong == []


def test_shared_infrastructure_knows_no_app_above_it():
    wrong = [
        f"{source} -> {target}"
        for source in INFRASTRUCTURE
        for _, target in _edges(source)
        if not _under(target, *INFRASTRUCTURE)
    ]
    assert wrong == []


def test_the_privacy_guard_knows_nothing_above_it():
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges("community.privacy")
        if not _under(target, "community.privacy")
    ]
    assert wrong == []


def test_no_import_cycle_spans_two_apps():
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len({m.split(".")[0] for m in component}) > 1:
                cycles.append(sorted(component))

    for module in MODULES:
        if module not in index:
            visit(module)
    assert cycles == []


def test_forum_templates_name_no_other_app():
    other_app = re.compile(r"coaching_sessions|session_questions|consultations:")
    wrong = [
        str(path.relative_to(ROOT))
        for folder in (
            "forum",
            "forum_conversation",
            "forum_moderation",
            "forum_search",
        )
        for path in (ROOT / "templates" / folder).rglob("*.html")
        if other_app.search(path.read_text())
    ]
    assert wrong == []
