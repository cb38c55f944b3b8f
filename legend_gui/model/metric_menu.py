"""The metric choices as menus show them: the core metrics first, then one titled section per
group, with the titles the data file gives its groups (``groups``), else readable ones made
from the group's id. Pure Python: the Metric menu and the chart's metric box both use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legend_gui.model.vocab import CORE_GROUP

if TYPE_CHECKING:  # pydantic costs ~100 ms to import: not before the first frame
    from legend_gui.model.schema import Dataset, Metric

#: The core group's title when the data gives it none.
CORE_FALLBACK_TITLE = "Main figures"


@dataclass(frozen=True, slots=True)
class MetricSection:
    """One group of a metric menu: its id, its title, its metrics in the data's order."""

    group: str
    title: str
    metrics: tuple[Metric, ...]


def group_title(dataset: Dataset, group: str) -> str:
    """A group's heading: the data's label for it, else its id made readable
    (``single_cases`` -> "Single cases")."""
    for entry in dataset.groups:
        if entry.id == group:
            return entry.label
    if group == CORE_GROUP:
        return CORE_FALLBACK_TITLE
    return group.replace("_", " ").replace("-", " ").strip().capitalize() or group


def metric_sections(dataset: Dataset, metrics: Iterable[Metric]) -> list[MetricSection]:
    """``metrics`` in sections: core first, then the groups in the order the data lists them
    in ``groups``, then any other group in the order its first metric appears."""
    by_group: dict[str, list[Metric]] = {}
    for metric in metrics:
        by_group.setdefault(metric.group, []).append(metric)
    listed = [entry.id for entry in dataset.groups]
    rank = {group: n for n, group in enumerate(listed)}
    order = sorted(
        by_group,
        key=lambda group: (group != CORE_GROUP, rank.get(group, len(listed))),
    )  # stable: unlisted groups keep their first-use order
    return [
        MetricSection(group, group_title(dataset, group), tuple(by_group[group])) for group in order
    ]
