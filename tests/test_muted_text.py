"""Secondary text in the detail and sources panes takes its colour from the palette, and a
colour-like string in the data is shown as it is (it was once string-replaced)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from legend_gui.model import Catalog, load_dataset
from legend_gui.ui.detail import muted_colour

NOTE = "Colour #6e7781, kept as written"


def fragment_colours(document: QTextDocument) -> dict[str, str]:
    """Each text fragment of ``document`` with its foreground colour."""
    colours: dict[str, str] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            colours[fragment.text()] = fragment.charFormat().foreground().color().name()
            it += 1
        block = block.next()
    return colours


def test_muted_text_follows_the_palette_and_data_is_never_rewritten(
    make_window, bundled_path: Path, tmp_path: Path
) -> None:
    data = json.loads(bundled_path.read_text(encoding="utf-8"))
    data["sources"][0]["note"] = NOTE
    path = tmp_path / "noted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(Catalog(load_dataset(path), str(path)))
    window.show_sources_tab()
    pane = window.sources_pane
    assert NOTE in pane.toPlainText()

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = fragment_colours(pane.document())
    assert light[NOTE] == muted_colour(app.palette())

    window.set_dark(True)
    try:
        dark = fragment_colours(pane.document())
        assert dark[NOTE] == muted_colour(app.palette())
        assert dark[NOTE] != light[NOTE]
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert NOTE in pane.toPlainText()
    finally:
        window.set_dark(False)
