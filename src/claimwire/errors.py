"""claimwire's exceptions and exit codes.

Misuse (a wrong option, a missing model, an unreadable config) raises a
:class:`ClaimwireError` with a stable code and a message that says what to do. A bad
*article* never raises: it becomes a :class:`claimwire.models.Problem` and the batch goes on.
"""

from __future__ import annotations

from enum import IntEnum

from .vocab import ProblemCode


class ExitCode(IntEnum):
    """Exit codes of the ``claimwire`` command (documented in docs/cli.md)."""

    OK = 0
    PARTIAL = 1
    """Some articles or lines could not be processed; every good one was."""
    USAGE = 2
    """A wrong option or argument (an unparseable --published, a missing file)."""
    NO_INPUT = 3
    """Nothing could be processed: every input was empty, binary, too large or broken."""
    SETUP = 4
    """claimwire is not installed completely (no spaCy English pipeline)."""


class ClaimwireError(Exception):
    """Base of claimwire's exceptions: ``code`` is stable, ``str()`` says what to do."""

    code = "E000"
    exit_code = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ModelNotFoundError(ClaimwireError):
    """No spaCy English pipeline can be loaded."""

    code = "E001"
    exit_code = ExitCode.SETUP


class InvalidOptionError(ClaimwireError, ValueError):
    """An option or argument has a value claimwire cannot use."""

    code = "E002"


class InputNotFoundError(ClaimwireError, FileNotFoundError):
    """A path given as input does not exist."""

    code = "E003"


class ArticleError(ClaimwireError):
    """One article cannot be processed at all (empty, binary, over the size limit).

    Raised by :func:`claimwire.extract` for a single article; batch functions record it
    as a Problem and go on.
    """

    code = "E004"
    exit_code = ExitCode.NO_INPUT

    def __init__(self, problem_code: ProblemCode, message: str) -> None:
        super().__init__(message)
        self.problem_code = problem_code


class MissingComponentError(ClaimwireError):
    """A component's results were asked for on a document it did not process.

    A pipeline that lacks a component (or runs it after the one reading it) must fail
    loudly, not yield nothing: add the component, in the order of
    ``claimwire.nlp.pipeline.COMPONENTS``, or read its results only when it ran.
    """

    code = "E005"


class ResourceError(ClaimwireError, ValueError):
    """A data file of ``claimwire/resources`` is malformed (a key missing or of the wrong
    type, a value outside its vocabulary): the message names the file and the key. Fix the
    file (a packaging or editing error, not a bad input)."""

    code = "E006"


class TimeBudgetExceeded(ClaimwireError):
    """Processing an article overran its time budget (checked between pipeline components
    and inside the long loops of the components). Caught by the extraction, which reports
    the article as ``time_budget_exceeded`` and goes on; raise ``--time-budget`` to allow
    more."""

    code = "E007"


class MemoryLimitExceeded(ClaimwireError):
    """Processing an article would take (estimated from its length) or took (measured
    between pipeline components) more memory than its limit. Caught by the extraction,
    which reports the article as ``memory_limit_exceeded`` and goes on; raise
    ``memory_limit`` to allow more."""

    code = "E008"


class WorkerError(ClaimwireError):
    """An extraction worker process could not load the pipeline: it stopped (out of memory,
    killed) or took longer than its start-up allowance. The message says which."""

    code = "E009"
    exit_code = ExitCode.SETUP


class MissingExtraError(ClaimwireError):
    """An optional dependency is not installed (the message names the extra to install)."""

    code = "E110"
    exit_code = ExitCode.SETUP
