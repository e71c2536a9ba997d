"""Amending legislation: what an amending text does (:mod:`.effects`), and doing it (:mod:`.apply`)."""

from .apply import Applied, Outcome, apply_effects
from .effects import Effect, Effects, Unparsed, extract

__all__ = ["Applied", "Effect", "Effects", "Outcome", "Unparsed", "apply_effects", "extract"]
