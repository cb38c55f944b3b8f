"""Render the app icon's PNG sizes from ``resources/legend-gui.svg``; write ``.ico``/``.icns``.

    uv run python packaging/make_icons.py            # re-render resources/icons/*.png

The PNGs are committed, so neither running the app nor building it needs this step; run it
after editing the SVG. ``write_ico`` and ``write_icns`` are pure Python (they only pack the
committed PNGs) and are used by ``build.py`` at build time.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SVG = REPO / "resources" / "legend-gui.svg"
ICONS = REPO / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_path(size: int, folder: Path = ICONS) -> Path:
    return folder / f"legend-gui-{size}.png"


def render_pngs(svg: Path = SVG, folder: Path = ICONS, sizes: Iterable[int] = SIZES) -> list[Path]:
    """Draw ``svg`` at each size with Qt's SVG renderer (offscreen; no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = png_path(size, folder)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(out), "PNG"):
            raise SystemExit(f"make_icons: could not write {out}")
        written.append(out)
    return written


def _png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def write_ico(pngs: Iterable[Path], out: Path) -> Path:
    """A Windows ``.ico`` whose entries are the PNGs themselves (valid since Windows Vista)."""
    images = []
    for path in pngs:
        data = path.read_bytes()
        width, height = _png_size(data)
        if width <= 256 and height <= 256:  # ICO entries stop at 256 px
            images.append((width, height, data))
    images.sort()
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for width, height, data in images:
        entries.append(
            struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), offset)
        )
        blobs.append(data)
        offset += len(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + b"".join(entries) + b"".join(blobs))
    return out


# ICNS element types that hold PNG data, by pixel size (the @2x types repeat a size).
_ICNS_TYPES = {
    16: (b"icp4",),
    32: (b"icp5", b"ic11"),
    64: (b"icp6", b"ic12"),
    128: (b"ic07",),
    256: (b"ic08", b"ic13"),
    512: (b"ic09", b"ic14"),
    1024: (b"ic10",),
}


def write_icns(pngs: Iterable[Path], out: Path) -> Path:
    """A macOS ``.icns`` of PNG elements (the format ``iconutil`` writes since OS X 10.7)."""
    body = b""
    for path in sorted(pngs, key=lambda p: _png_size(p.read_bytes())):
        data = path.read_bytes()
        width, _height = _png_size(data)
        for kind in _ICNS_TYPES.get(width, ()):
            body += kind + struct.pack(">I", 8 + len(data)) + data
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for the PNGs")
    parser.add_argument("--ico", type=Path, help="also write a Windows .ico here")
    parser.add_argument("--icns", type=Path, help="also write a macOS .icns here")
    options = parser.parse_args(argv)
    pngs = render_pngs(options.svg, options.out)
    for path in pngs:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    if options.ico:
        print(write_ico(pngs, options.ico))
    if options.icns:
        print(write_icns(pngs, options.icns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
