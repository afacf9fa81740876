"""Turning the provider SDKs' exceptions into ProviderError.

The ``openai`` and ``anthropic`` SDKs share one exception shape (APIStatusError with a
status code and the HTTP response, APITimeoutError, APIConnectionError), so one function
classifies both; the SDK module is passed in so neither is imported here.
"""

from __future__ import annotations

import json
from types import ModuleType

from examsim.models.adapter import (
    ProviderError,
    classify_status,
    first_line,
    parse_retry_after,
)


def from_sdk_exception(sdk: ModuleType, exc: BaseException,
                       secret: str | None = None) -> ProviderError:
    """The ProviderError for an exception raised by ``sdk`` (openai or anthropic).

    ``secret`` (the API key sent) is blanked out of the reason: a provider or a proxy may
    repeat the key in its error message, and reasons are written to the run log.
    """
    error = _classify(sdk, exc)
    if secret and len(secret) >= 4 and secret in error.reason:
        error = ProviderError(error.reason.replace(secret, "[API key]"),
                              retryable=error.retryable, retry_after=error.retry_after,
                              fatal=error.fatal, status=error.status)
    return error


def _classify(sdk: ModuleType, exc: BaseException) -> ProviderError:
    if isinstance(exc, sdk.APITimeoutError):
        return ProviderError("request timed out", retryable=True)
    if isinstance(exc, sdk.APIConnectionError):
        cause = exc.__cause__ or exc.__context__
        detail = f" ({type(cause).__name__})" if cause is not None else ""
        return ProviderError(f"connection failed{detail}", retryable=True)
    if isinstance(exc, sdk.APIStatusError):
        headers = exc.response.headers
        retry_after = parse_retry_after(headers.get("retry-after"))
        message = _error_message(exc)
        return classify_status(int(exc.status_code), message, retry_after)
    if isinstance(exc, sdk.APIResponseValidationError):
        return ProviderError(f"malformed response: {first_line(exc)}", retryable=True)
    if isinstance(exc, json.JSONDecodeError | ValueError | KeyError | TypeError):
        # A 200 whose body is not the JSON the SDK expects (truncated or garbled).
        return ProviderError(
            f"malformed response body ({type(exc).__name__}: {first_line(exc, 120)})",
            retryable=True,
        )
    return ProviderError(f"{type(exc).__name__}: {first_line(exc)}", retryable=False)


def _error_message(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and error.get("message"):
            return first_line(error["message"])
    return first_line(getattr(exc, "message", "") or exc)
