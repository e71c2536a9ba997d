"""Amending legislation: what an amending text does (:mod:`.effects`), and doing it (:mod:`.apply`).

Keeling schedules, which show what was done, are rendering: :mod:`lawdiff.render.keeling`.
The package is also the API call of its name: ``lawdiff.amend(target, amending)`` is
:func:`lawdiff.api.amend`.

    >>> import lawdiff
    >>> done = lawdiff.amend("example:surveillance-act", "example:surveillance-act-amending")
    >>> len(done.outcomes), lawdiff.amend.extract is lawdiff.amend.effects.extract
    (3, True)
"""

from __future__ import annotations

from ..lazy import exports

_EFFECT_TYPES = ("CROSSHEADING_AMENDED", "HEADING_AMENDED", "PROVISION_INSERTED", "PROVISION_OMITTED",
                 "PROVISION_RENUMBERED", "PROVISION_SUBSTITUTED", "WORDS_BECOME_PARAGRAPH", "WORDS_INSERTED",
                 "WORDS_OMITTED", "WORDS_SUBSTITUTED")
_NAMES = {"Applied": "apply", "Outcome": "apply", "apply_effects": "apply", "Effect": "effects", "Effects": "effects",
          "Unparsed": "effects", "extract": "effects", **{name: "effects" for name in _EFFECT_TYPES}}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)
