"""The data model: schema, loading with readable errors, and queries. Pure Python, never Qt."""

from legend_gui.model.errors import DatasetError, Problem
from legend_gui.model.loading import MAX_FILE_BYTES, load_dataset, parse_dataset
from legend_gui.model.queries import Catalog, DataWarning, SeriesPoint, TimelinePoint, rate_per_100k
from legend_gui.model.schema import SCHEMA_VERSION, Dataset, Qualifier, Scope

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "Catalog",
    "DataWarning",
    "Dataset",
    "DatasetError",
    "Problem",
    "Qualifier",
    "Scope",
    "SeriesPoint",
    "TimelinePoint",
    "load_dataset",
    "parse_dataset",
    "rate_per_100k",
]
