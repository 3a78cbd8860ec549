"""The batch's progress bar on stderr (tqdm): done / failed / remaining and the time left."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from treaty_align.batch.worker import DocumentOutcome


class TqdmProgress:
    """A tqdm bar over the documents to run; failures are printed as one line each.

    ``bar`` None draws the bar only when ``stream`` is a terminal (a nightly job's log gets the
    failure lines and no carriage-return noise); ``quiet`` silences the failure lines too.
    """

    def __init__(self, stream: TextIO | None = None, bar: bool | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.bar_wanted = self.stream.isatty() if bar is None else bar
        self.quiet = quiet
        self._bar: Any = None
        self.done = 0
        self.failed = 0
        self.pending = 0

    def start(self, pending: int, skipped: int) -> None:
        """Open the bar over ``pending`` documents (``skipped`` were already done)."""
        from tqdm import tqdm

        # no monitor thread: worker processes are forked from this one after this point
        tqdm.monitor_interval = 0
        self.pending = pending
        if skipped and not self.quiet:
            self.stream.write(f"treaty-align: {skipped} document(s) already done, skipped (--resume)\n")
        self._bar = tqdm(total=pending, file=self.stream, disable=not self.bar_wanted or self.quiet,
                         unit="doc", dynamic_ncols=True, desc="batch")
        self._postfix()

    def _postfix(self) -> None:
        if self._bar is not None:
            left = self.pending - self.done - self.failed
            self._bar.set_postfix_str(f"done {self.done}, failed {self.failed}, left {left}", refresh=False)

    def finished(self, outcome: DocumentOutcome) -> None:
        """Advance the bar; print a failed document's id and error."""
        if outcome.status == "done":
            self.done += 1
        else:
            self.failed += 1
            if not self.quiet:
                line = f"treaty-align: {outcome.doc_id}: failed: {outcome.error}"
                if self._bar is not None and not self._bar.disable:
                    self._bar.write(line, file=self.stream)
                else:
                    self.stream.write(line + "\n")
        if self._bar is not None:
            self._postfix()
            self._bar.update(1)

    def close(self) -> None:
        """Close the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
