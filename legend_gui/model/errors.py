"""One error type for everything wrong with a data file, holding readable problems."""

from __future__ import annotations

from dataclasses import dataclass

#: How many problems a message lists before it says "and N more": a list of 4,000 identical
#: complaints helps nobody, the first twenty show the pattern.
MAX_SHOWN_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where it is and what is wrong, in plain English."""

    file: str
    message: str
    location: str = ""  # a JSON path such as "snapshots[2].figures[5].value"
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        if self.location:
            where += f": {self.location}"
        return f"{where}: {self.message}"


class DatasetError(Exception):
    """A data file could not be loaded. ``problems`` lists every problem found (capped)."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        if not problems:
            raise ValueError("DatasetError needs at least one problem")
        self.problems = problems[:MAX_SHOWN_PROBLEMS]
        self.total = max(total if total is not None else len(problems), len(self.problems))
        super().__init__(self.summary())

    @property
    def file(self) -> str:
        return self.problems[0].file

    def lines(self) -> list[str]:
        """One line per problem, the last one saying how many were left out."""
        shown = [str(problem) for problem in self.problems]
        hidden = self.total - len(self.problems)
        if hidden > 0:
            shown.append(f"… and {hidden:,} more problem{'s' if hidden != 1 else ''}")
        return shown

    def summary(self) -> str:
        return "\n".join(self.lines())

    def for_dialog(self, shown: int = 3) -> tuple[str, str]:
        """The first ``shown`` lines for a message box's text, and its Show Details: every
        line when there are more, else "" (details that repeat the message help nobody)."""
        lines = self.lines()
        return "\n".join(lines[:shown]), (self.summary() if len(lines) > shown else "")
