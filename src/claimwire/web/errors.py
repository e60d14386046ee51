"""The one error shape of the API: ``{"error": {"code", "message", "status"}}``.

Codes are stable: ``validation_error`` and ``invalid_option`` (422), ``not_found`` (404),
``method_not_allowed`` (405), ``body_too_large`` (413), ``read_only`` (403),
``unsupported_media_type`` (415), ``article_rejected`` (422), ``internal_error`` (500);
the guards of :mod:`claimwire.web.guard` add ``bad_host`` (400), ``bad_token`` (401),
``submission_off``, ``reviews_off``, ``not_loopback``, ``cross_origin`` and
``csrf_failed`` (403); submissions add ``submission_too_large`` (413),
``time_budget_exceeded`` (422), ``busy`` and ``extraction_unavailable`` (503, with
``Retry-After``: no extraction worker could load the pipeline). Pages get the
same error as a small HTML page; no answer ever carries a stack trace.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ArticleError, ClaimwireError, TimeBudgetExceeded, WorkerError

logger = logging.getLogger(__name__)

WORKER_RETRY_AFTER = 30
"""Seconds a client is told to wait when no extraction worker could be started."""

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "busy",
}


class ApiError(Exception):
    """An error answered with the API's error shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_body(error: ApiError) -> dict[str, dict[str, object]]:
    """The JSON body of an error."""
    body: dict[str, object] = {"code": error.code, "message": error.message, "status": error.status}
    if error.details:
        body["details"] = error.details
    return {"error": body}


def wants_html(request: Request) -> bool:
    """A page (not ``/api``, ``/static`` or the OpenAPI document) was asked for."""
    path = request.url.path
    return not (path.startswith(("/api", "/static", "/openapi")))


def respond(request: Request, error: ApiError) -> Response:
    """The error as JSON for the API, as an HTML page for pages (as JSON when the page
    cannot be drawn: never a stack trace)."""
    if wants_html(request):
        try:
            templates = request.app.state.context.templates  # the app's AppContext
            response: Response = templates.TemplateResponse(
                request,
                "error.html",
                {"error": error, "section": "error", "json_url": None},
                status_code=error.status,
                headers=error.headers,
            )
            return response
        except Exception:  # the error page itself failed: answer the JSON shape instead
            logger.exception("the error page could not be drawn")
    return JSONResponse(error_body(error), status_code=error.status, headers=error.headers)


def install(app: FastAPI) -> None:
    """Answer every error of ``app`` with the one error shape."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> Response:
        return respond(request, error)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        status = error.status_code
        message = str(error.detail) if error.detail else "error"
        if status == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        return respond(request, ApiError(status, HTTP_CODES.get(status, "http_error"), message))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        details = [
            {
                "location": ".".join(str(part) for part in item.get("loc", ())),
                "message": item.get("msg", ""),
            }
            for item in error.errors()
        ]
        message = "; ".join(f"{item['location']}: {item['message']}" for item in details)
        return respond(
            request,
            ApiError(422, "validation_error", message or "invalid request", details=details),
        )

    @app.exception_handler(ArticleError)
    async def article_error(request: Request, error: ArticleError) -> Response:
        return respond(request, ApiError(422, "article_rejected", error.message))

    @app.exception_handler(TimeBudgetExceeded)
    async def time_budget(request: Request, error: TimeBudgetExceeded) -> Response:
        message = f"{error.message} (claimwire serve --submit-time-budget sets it)"
        return respond(request, ApiError(422, "time_budget_exceeded", message))

    @app.exception_handler(WorkerError)
    async def worker_error(request: Request, error: WorkerError) -> Response:
        return respond(
            request,
            ApiError(
                503,
                "extraction_unavailable",
                f"{error.message}; the server's log says why; send it again later",
                headers={"Retry-After": str(WORKER_RETRY_AFTER)},
            ),
        )

    @app.exception_handler(ClaimwireError)
    async def claimwire_error(request: Request, error: ClaimwireError) -> Response:
        return respond(request, ApiError(422, "invalid_option", error.message))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        logger.exception("internal error on %s", request.url.path)
        return respond(
            request, ApiError(500, "internal_error", "internal error; see the server log")
        )
