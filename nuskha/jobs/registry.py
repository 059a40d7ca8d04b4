"""The job functions nuskha knows, by dotted name, with how often each may be tried."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class JobFunction:
    name: str
    function: Callable[..., Any]
    max_attempts: int
    title: str


_REGISTRY: dict[str, JobFunction] = {}


def job_function(
    max_attempts: int = 3, title: str = ""
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as a job: it is called as function(progress, **arguments)."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        name = f"{function.__module__}.{function.__qualname__}"
        doc_title = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else name
        _REGISTRY[name] = JobFunction(name, function, max_attempts, title or doc_title)
        return function

    return register


def get_job_function(name: str) -> JobFunction:
    """The registered job of that name; importing its module registers it if need be."""
    if name not in _REGISTRY:
        import_string(name)  # raises ImportError for an unknown name
    if name not in _REGISTRY:
        raise LookupError(f"{name} is not a registered job function")
    return _REGISTRY[name]


def is_registered(name: str) -> bool:
    try:
        get_job_function(name)
    except (ImportError, LookupError):
        return False
    return True


def registered_jobs() -> list[JobFunction]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)
