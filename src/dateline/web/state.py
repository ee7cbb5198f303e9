"""What the web app keeps between requests: store connections, templates, a cache, the pipeline.

``WebState`` is made once by ``app.create_app`` and reached from a request
with ``common.state``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from fastapi.templating import Jinja2Templates

from dateline.config import Settings
from dateline.errors import StoreError
from dateline.store import open_store
from dateline.store.base import Store
from dateline.store.migrations import LATEST
from dateline.store.query.labels import article_label, iso_day
from dateline.web.highlight import snippet_html
from dateline.web.links import page_url, path_part, safe_href
from dateline.web.process import WebPipeline, build_pipeline

log = logging.getLogger(__name__)
T = TypeVar("T")

WEB_DIR = Path(str(files("dateline.web")))


class StorePool:
    """One store connection per thread, all closed together."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = url
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        # Migrate once, up front; a read-only server never writes, not even the schema.
        first = open_store(url, migrate=not read_only)
        version = first.schema_version()
        if read_only and version < LATEST:
            first.close()
            raise StoreError(
                f"{url} has schema version {version}, this dateline needs {LATEST}: serve it"
                " once without --read-only (or run an ingest) to migrate it"
            )
        self._local.store = first
        self._all.append(first)

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url, migrate=False)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                try:
                    s.close()
                except Exception:  # closing is best effort
                    log.debug("closing a store failed", exc_info=True)
            self._all.clear()


class AggregateCache:
    """Results of costly aggregate queries, kept while the store's articles stay the same.

    The key includes the store's version (number of articles and highest row
    key), so a save, by this app or by an ingest running beside it, makes the
    next request recompute. Each thread's store gives the same version.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    @staticmethod
    def version(store: Store) -> tuple[Any, ...]:
        # both cheap at any size: a count kept on write and the end of the key index
        return (store.count("articles"), store.scalar("SELECT max(pk) FROM articles"))

    def get(self, store: Store, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        full = (self.version(store), *key)
        with self._lock:
            if full in self._data:
                return self._data[full]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if len(self._data) >= self.size:
                self._data.clear()
            self._data[full] = value
        return value


class WebState:
    """What the routes share: the stores, templates, settings and the paste pipeline."""

    def __init__(self, store_url: str, read_only: bool, settings: Settings) -> None:
        # first: a configuration no command accepts stops the app before anything opens
        self._pipeline = build_pipeline(settings)
        self.settings = settings
        self.store_url = store_url
        self.read_only = read_only
        self.stores = StorePool(store_url, read_only)
        self.templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
        self.templates.env.globals["read_only"] = read_only
        self.templates.env.globals["page_url"] = page_url
        self.templates.env.filters["safe_href"] = safe_href
        self.templates.env.filters["path_part"] = path_part
        self.templates.env.filters["article_label"] = article_label
        self.templates.env.filters["iso_day"] = iso_day
        self.templates.env.filters["snippet_html"] = snippet_html
        self.cache = AggregateCache()

    def pipeline(self) -> WebPipeline:
        return self._pipeline
