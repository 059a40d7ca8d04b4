"""How the API says no: one JSON shape, {"detail": "…"}, for every error it answers.

ApiError carries a status and an English message; urls.py registers the handlers that turn
it, and ninja's own validation errors, into that shape. A request the API cannot read is a
400 (ninja's default would be 422), so clients meet one status for every bad request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError


class ErrorSchema(Schema):
    detail: str


class ApiError(Exception):
    """An answer other than 200, with the reason in plain English for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def describe_validation_errors(errors: list[dict[str, Any]]) -> str:
    """ninja's list of pydantic errors as one readable sentence per parameter."""
    parts = []
    for error in errors:
        # loc is (source, [schema argument,] parameter, [index]): the parameter is what
        # the client wrote, so name it alone.
        names = [part for part in error.get("loc", ())[1:] if isinstance(part, str)]
        name = names[-1] if names else "request"
        parts.append(f"{name}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "The request could not be read."


def register_error_handlers(api: NinjaAPI) -> None:
    def on_api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
        return api.create_response(request, {"detail": error.message}, status=error.status)

    def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": describe_validation_errors(error.errors), "errors": error.errors},
            status=400,
        )

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation_error)


ERRORS = {400: ErrorSchema, 404: ErrorSchema}
