"""Files of an older format version read as the current one, so they keep opening.

Format 2 (this build) lists a figure's corroborating sources as records, ``{"source": id,
"note": ...}``, so each keeps the note of its own report; format 1 listed their ids only. A
version-1 document is rewritten in place before validation: each id becomes ``{"source": id}``
and the version becomes 2. A version-2 file pays nothing. Pure dict work: no pydantic.
"""

from __future__ import annotations

from typing import Any

from legend_gui.model.vocab import SCHEMA_VERSION


def upgrade_document(document: dict[str, Any]) -> None:
    """Rewrite a version-1 ``document`` as the current version; leave others alone.

    Anything that is not the shape format 1 allows is left as it is, for the validation to
    report in its place.
    """
    if document.get("schema_version") != 1 or isinstance(document["schema_version"], bool):
        return
    document["schema_version"] = SCHEMA_VERSION
    snapshots = document.get("snapshots")
    if not isinstance(snapshots, list):
        return
    for snapshot in snapshots:
        figures = snapshot.get("figures") if isinstance(snapshot, dict) else None
        if not isinstance(figures, list):
            continue
        for figure in figures:
            ids = figure.get("corroborated_by") if isinstance(figure, dict) else None
            if isinstance(ids, list) and ids:
                figure["corroborated_by"] = [
                    {"source": item} if isinstance(item, str) else item for item in ids
                ]
