"""dateline: news articles in, checkable records out."""

__version__ = "0.1.0"
