"""The one error every treaty reader raises: it names the file, the line and the problem."""

from __future__ import annotations


class TreatyFormatError(ValueError):
    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {problem}")
