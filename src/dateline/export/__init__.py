"""Writers of records: JSON Lines, CSV, Parquet, GDELT 2.0 Events and PLOVER.

Each takes an iterable of ``Record`` and streams it; ``export.formats`` keeps
them by format name (what ``dateline export --format`` chooses from).
"""

from dateline.export.csv import write_csv
from dateline.export.gdelt import write_gdelt
from dateline.export.jsonl import write_jsonl
from dateline.export.parquet import write_parquet
from dateline.export.plover import write_plover

__all__ = ["write_csv", "write_gdelt", "write_jsonl", "write_parquet", "write_plover"]
