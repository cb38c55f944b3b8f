"""The data model: schema, loading with readable errors, and queries. Pure Python, never Qt.

Names are imported on first use (PEP 562): the window imports light modules such as
``model.chart`` before its first frame, the schema afterwards, and pydantic only to validate a
file it has not validated before (``validated_cache``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "DatasetError": "errors",
    "Problem": "errors",
    "MAX_FILE_BYTES": "loading",
    "load_dataset": "loading",
    "load_dataset_fast": "fastload",
    "parse_dataset": "loading",
    "Catalog": "queries",
    "DataWarning": "data_warnings",
    "DatedFigure": "index",
    "SeriesPoint": "ranking",
    "TimelinePoint": "chart",
    "rate_per_100k": "rates",
    "SCHEMA_VERSION": "schema",
    "Dataset": "schema",
    "Qualifier": "vocab",
    "Scope": "vocab",
}

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "Catalog",
    "DataWarning",
    "Dataset",
    "DatasetError",
    "DatedFigure",
    "Problem",
    "Qualifier",
    "Scope",
    "SeriesPoint",
    "TimelinePoint",
    "load_dataset",
    "load_dataset_fast",
    "parse_dataset",
    "rate_per_100k",
]

if TYPE_CHECKING:
    from legend_gui.model.chart import TimelinePoint
    from legend_gui.model.data_warnings import DataWarning
    from legend_gui.model.errors import DatasetError, Problem
    from legend_gui.model.fastload import load_dataset_fast
    from legend_gui.model.index import DatedFigure
    from legend_gui.model.loading import MAX_FILE_BYTES, load_dataset, parse_dataset
    from legend_gui.model.queries import Catalog
    from legend_gui.model.ranking import SeriesPoint
    from legend_gui.model.rates import rate_per_100k
    from legend_gui.model.schema import SCHEMA_VERSION, Dataset
    from legend_gui.model.vocab import Qualifier, Scope


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'legend_gui.model' has no attribute {name!r}")
    value = getattr(import_module(f"legend_gui.model.{module}"), name)
    globals()[name] = value
    return value
