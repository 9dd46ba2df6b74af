from controls.models.catalogue import Control, Framework
from controls.models.soa import SoAEntry

__all__ = ["Control", "Framework", "SoAEntry"]
