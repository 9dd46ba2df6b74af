from assets.models.assets import Asset
from assets.models.scope import Scope, ScopeExclusion

__all__ = ["Asset", "Scope", "ScopeExclusion"]
