"""The library's own error types: everything a user can cause raises one of these."""

from __future__ import annotations


class TreatyAlignError(Exception):
    """Base class of every error treaty-align raises on purpose.

    The CLI turns it into one line on stderr and exit code 2; its message says what is wrong
    and, where possible, what to do about it.
    """


class InputError(TreatyAlignError):
    """A file cannot be read, decoded or recognised as a treaty."""


class EncoderError(TreatyAlignError):
    """A sentence encoder cannot be loaded or used (missing extra, model not on disk, ...)."""


class OptionError(TreatyAlignError):
    """Options that contradict each other or name something that does not exist."""
