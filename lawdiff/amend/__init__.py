"""Amending legislation: what an amending text does (:mod:`.effects`), and doing it (:mod:`.apply`).

Keeling schedules, which show what was done, are rendering: :mod:`lawdiff.render.keeling`.
"""

from .apply import Applied, Outcome, apply_effects
from .effects import (CROSSHEADING_AMENDED, HEADING_AMENDED, PROVISION_INSERTED, PROVISION_OMITTED,
                      PROVISION_RENUMBERED, PROVISION_SUBSTITUTED, WORDS_BECOME_PARAGRAPH, WORDS_INSERTED,
                      WORDS_OMITTED, WORDS_SUBSTITUTED, Effect, Effects, Unparsed, extract)

__all__ = ["CROSSHEADING_AMENDED", "HEADING_AMENDED", "PROVISION_INSERTED", "PROVISION_OMITTED", "PROVISION_RENUMBERED",
           "PROVISION_SUBSTITUTED", "WORDS_BECOME_PARAGRAPH", "WORDS_INSERTED", "WORDS_OMITTED", "WORDS_SUBSTITUTED",
           "Applied", "Effect", "Effects", "Outcome", "Unparsed", "apply_effects", "extract"]
