"""The one error of the curation."""

from __future__ import annotations


class CurationError(Exception):
    """The facts break an assumption of these rules; fix the facts or the rules, not the JSON."""
