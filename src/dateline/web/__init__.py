"""Web UI and JSON API over a store: ``create_app`` builds the FastAPI app."""

from dateline.web.app import create_app

__all__ = ["create_app"]
