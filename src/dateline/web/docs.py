"""The ``/docs`` page: the app's OpenAPI schema as a list of operations, served offline."""

from __future__ import annotations

from typing import Any

from dateline.web.common import View


def api_docs(schema: dict[str, Any]) -> View:
    """Every operation of ``schema``, the ``/api`` ones first, with its parameters."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False),
                 "description": p.get("description") or p.get("schema", {}).get("description")
                 or "", "schema": _schema_text(p.get("schema", {}))}
                for p in op.get("parameters", [])
            ]
            body = "requestBody" in op
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tags": op.get("tags", []), "params": params, "body": body})
    ops.sort(key=lambda o: (not o["path"].startswith("/api"), o["path"], o["method"]))
    return View({"info": schema.get("info", {}), "ops": ops}, "api_docs.html")


def _schema_text(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    out = schema.get("type", "") + (f" ({schema['format']})" if "format" in schema else "")
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength",
                                           "pattern") if k in schema]
    return out + (f" — {', '.join(limits)}" if limits else "")
