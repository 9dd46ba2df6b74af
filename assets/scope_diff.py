"""Field-by-field differences between two scope versions (for the scope-diff page)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assets.models import Scope
from assets.services.scope import TEXT_FIELDS


@dataclass
class ScopeDiff:
    a: Scope
    b: Scope
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, in a, in b)
    exclusions_added: list = field(default_factory=list)
    exclusions_removed: list = field(default_factory=list)
    exclusions_changed: list = field(default_factory=list)  # (what, justification a, b)
    assets_added: list = field(default_factory=list)
    assets_removed: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any((self.fields, self.exclusions_added, self.exclusions_removed,
                        self.exclusions_changed, self.assets_added, self.assets_removed))


def scope_diff(a: Scope, b: Scope) -> ScopeDiff:
    """What changed from version `a` to version `b`."""
    diff = ScopeDiff(a=a, b=b)
    for name in TEXT_FIELDS:
        before, after = getattr(a, name), getattr(b, name)
        if before != after:
            diff.fields.append((Scope._meta.get_field(name).verbose_name, before, after))
    old = {e.what: e for e in a.exclusions.all()}
    new = {e.what: e for e in b.exclusions.all()}
    diff.exclusions_added = [new[w] for w in sorted(new.keys() - old.keys())]
    diff.exclusions_removed = [old[w] for w in sorted(old.keys() - new.keys())]
    diff.exclusions_changed = [
        (w, old[w].justification, new[w].justification)
        for w in sorted(old.keys() & new.keys()) if old[w].justification != new[w].justification
    ]
    old_assets, new_assets = set(a.assets.all()), set(b.assets.all())
    diff.assets_added = sorted(new_assets - old_assets, key=str)
    diff.assets_removed = sorted(old_assets - new_assets, key=str)
    return diff
