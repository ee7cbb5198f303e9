"""What the routes share: the request's state and store, and the HTML-or-JSON answer.

Every page has a JSON twin: the same URL with ``.json``, or an ``Accept``
header asking for JSON over HTML; ``/api`` routes always answer JSON.
``app`` builds the application from ``api`` and ``pages``; both import this
module, never ``app``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from dateline.export.cells import table_rows
from dateline.store.base import Store
from dateline.web.state import WebState

JSON_SUFFIX = ".json"
CSV_SUFFIX = ".csv"


def state(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    return state(request).stores.get()


StoreDep = Annotated[Store, Depends(get_store)]


def wants_csv(request: Request) -> bool:
    """The CSV twin of a list page: a ``.csv`` path or ``?format=csv``."""
    return (request.url.path.endswith(CSV_SUFFIX)
            or request.query_params.get("format") == "csv")


def wants_json(request: Request) -> bool:
    """The JSON twin: a ``.json`` path, or an Accept header that asks for JSON over HTML."""
    if request.url.path.endswith(JSON_SUFFIX) or request.url.path.startswith("/api/"):
        return True
    return accepts_json(request)


def accepts_json(request: Request) -> bool:
    """An Accept header that asks for JSON over HTML."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def strip_json(value: str) -> tuple[str, bool]:
    """A path parameter without its ``.json`` suffix, and whether it had one."""
    if value.endswith(JSON_SUFFIX):
        return value[: -len(JSON_SUFFIX)], True
    return value, False


def render_json(data: dict[str, Any], status_code: int = 200) -> Response:
    return JSONResponse(data, status_code=status_code)


def render(
    request: Request, template: str, data: dict[str, Any], status_code: int = 200,
    context: dict[str, Any] | None = None, as_json: bool | None = None,
) -> Response:
    """``data`` as JSON for the JSON twin (``as_json``; by default when asked for), else
    ``template`` with ``data`` and ``context``."""
    if wants_json(request) if as_json is None else as_json:
        return render_json(data, status_code)
    ctx = {**data, **(context or {})}
    return state(request).templates.TemplateResponse(
        request, template, ctx, status_code=status_code
    )


Lazy = Callable[[], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class View:
    """What one page shows, gathered once for its HTML, its JSON twin and its ``/api`` route.

    ``data`` is the ``/api`` answer; the JSON twin is ``data`` with ``twin``'s
    keys added (a query echo, chart counts), the HTML page ``template`` rendered
    with the twin and ``context`` (template-only values). ``twin`` and
    ``context`` are called only when they are used.
    """

    data: dict[str, Any]
    template: str = ""
    twin: Lazy | None = None
    context: Lazy | None = None
    #: A list page's CSV twin: the columns of its ``items`` (empty: not a list page).
    csv_columns: tuple[str, ...] = ()
    csv_name: str = "items"

    def twin_data(self) -> dict[str, Any]:
        return {**(self.twin() if self.twin else {}), **self.data}


def render_csv(view: View) -> Response:
    """The ``items`` of a list view as a CSV download (text cells guarded against formulas)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(view.csv_columns)
    w.writerows(table_rows(view.data.get("items", []), view.csv_columns))
    return Response(
        out.getvalue(), media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{view.csv_name}.csv"'},
    )


def respond(request: Request, view: View, as_json: bool | None = None) -> Response:
    """The view's CSV twin when asked for and it is a list; else its JSON twin when
    ``as_json`` (by default: when asked for), else its page."""
    if view.csv_columns and wants_csv(request):
        return render_csv(view)
    data = view.twin_data()
    if wants_json(request) if as_json is None else as_json:
        return render_json(data)
    return render(request, view.template, data, context=view.context() if view.context else None,
                  as_json=False)


def respond_by_path(request: Request, value: str, make: Callable[[str], View]) -> Response:
    """``make(value)``'s page; when there is none (404) and ``value`` ends in ``.json``,
    the JSON twin of ``make`` on ``value`` without the suffix.

    A ``value`` that is found is a page even when it ends in ``.json`` (an id such as
    ``feed/item.json``): its JSON twin is then at ``value.json``.
    """
    try:
        view = make(value)
    except HTTPException as e:
        name, suffixed = strip_json(value)
        if e.status_code != 404 or not suffixed:
            raise
        return respond(request, make(name), as_json=True)
    return respond(request, view, as_json=accepts_json(request))


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    """An error as ``{message, detail}`` JSON, or as the HTML error page."""
    if wants_json(request):
        body: dict[str, Any] = {"message": message}
        body["detail"] = detail if detail is not None else message
        return JSONResponse(body, status_code=status)
    return state(request).templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "problems": detail or []},
        status_code=status,
    )
