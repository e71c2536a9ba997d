"""Amending legislation: effects (what an amending text does) and, to come, applying them."""

from .effects import Effect, Effects, Unparsed, extract

__all__ = ["Effect", "Effects", "Unparsed", "extract"]
