"""Rules for the ``context`` section that need the whole dataset: references that resolve,
periods that run forwards, one figure per city and metric.

Kept apart from ``checks.py`` (the snapshot rules) so each module has one job; ``checks``
runs these with the others and reports every violation with its JSON path.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from legend_gui.model.schema import ContextFigure, Period

Path = tuple[str | int, ...]
Found = tuple[Path, str]  # a path into the document and what is wrong there


def _backwards(period: Period, path: Path) -> Iterator[Found]:
    if period.end < period.start:
        yield (path, f"the period ends on {period.end}, before it starts on {period.start}")


def context_violations(
    context: list[ContextFigure],
    city_ids: Collection[str],
    metric_ids: Collection[str],
    source_ids: Collection[str],
) -> Iterator[Found]:
    """Every broken rule of the context figures, in file order."""
    first_of: dict[tuple[str, str], int] = {}
    for index, figure in enumerate(context):
        here: Path = ("context", index)
        if figure.city not in city_ids:
            yield ((*here, "city"), f"unknown city id '{figure.city:.80}' (not in 'cities')")
        if figure.metric not in metric_ids:
            yield (
                (*here, "metric"),
                f"unknown metric id '{figure.metric:.80}' (not in 'metrics')",
            )
        if figure.source not in source_ids:
            yield (
                (*here, "source"),
                f"unknown source id '{figure.source:.80}' (not in 'sources')",
            )
        yield from _backwards(figure.period, (*here, "period"))
        for a, alternate in enumerate(figure.alternates):
            if alternate.source not in source_ids:
                yield (
                    (*here, "alternates", a, "source"),
                    f"unknown source id '{alternate.source:.80}' (not in 'sources')",
                )
            if alternate.period is not None:
                yield from _backwards(alternate.period, (*here, "alternates", a, "period"))
        first = first_of.setdefault((figure.city, figure.metric), index)
        if first != index:
            earlier = context[first].period
            same = earlier == figure.period
            what = "the same period" if same else f"{earlier.start} to {earlier.end}"
            yield (
                here,
                f"a second '{figure.metric:.80}' context figure for {figure.city:.80} "
                f"(context[{first}] has {what}); give other counts as alternates, "
                "with their own period if it differs",
            )
