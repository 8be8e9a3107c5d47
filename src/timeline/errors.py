"""The errors a user can act on. Anything else escaping the CLI is a bug and keeps its traceback."""

from __future__ import annotations


class TimelineError(Exception):
    """Root of the errors a user can fix; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, where: str, problem: str, fix: str) -> None:
        super().__init__(f"{where}: {problem}; {fix}")
        self.where = where
        self.problem = problem
        self.fix = fix

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        # Errors cross process boundaries when articles are read by worker processes.
        return type(self), (self.where, self.problem, self.fix)


class UsageError(TimelineError):
    exit_code = 2


class RuleError(TimelineError):
    """A rule file is malformed; `where` names the file and the key path."""

    exit_code = 3


class StoreError(TimelineError):
    """The event log cannot be used as it is."""

    exit_code = 4


class ArticleError(TimelineError):
    """One article cannot be read; the build reports it and goes on with the others."""

    exit_code = 1


class LockedError(TimelineError):
    """Another build holds the lock (EX_TEMPFAIL, so cron wrappers retry)."""

    exit_code = 75
