"""What the PyInstaller spec leaves out of the bundle, and the helpers that do it.

Imported by ``legend_gui.spec`` (and by ``build.py`` for the environment check). The lists are
the measured "safe excludes" of ../shared/PERFORMANCE.md, checked against what the app really
imports (``python -X importtime -m legend_gui --smoke``); packaging/README.md has the sizes.
Every group can be switched off with ``--trim`` to measure it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

#: Cumulative trimming groups, in the order packaging/README.md measures them.
GROUPS = ("qt-modules", "py-modules", "data", "plugins", "host-libs", "strip")

# PySide6 bindings the app never imports. pyqtgraph imports QtTest inside try/except (it only
# adds a qWait helper) and QtSvg for its SVG exporter; we keep QtSvg (our SVG export uses
# QSvgGenerator), QtOpenGL and QtOpenGLWidgets (pyqtgraph imports both unconditionally).
# Excluding the QtDBus *binding* is fine: libQt6DBus itself stays, QtGui links it.
QT_MODULE_EXCLUDES = [
    f"PySide6.{name}"
    for name in (
        "QtNetwork",
        "QtTest",
        "QtDBus",
        "QtQml",
        "QtQmlFeatures",
        "QtQuick",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtSql",
        "QtXml",
        "QtConcurrent",
        "QtHelp",
        "QtDesigner",
        "QtUiTools",
        "QtSvgWidgets",
        "QtLabsStyleKit",
    )
]

# Python modules nothing imports at run time (checked with sys.modules after --smoke, export and
# validate). Not here on purpose: pydoc (pyqtgraph.parametertree imports it), multiprocessing,
# xml.etree, email (importlib.metadata, used by pydantic), cProfile (pyqtgraph.util).
# asyncio: pydantic never imports it; typing_extensions only for @deprecated on a coroutine.
# _hashlib is CPython's OpenSSL binding (4.7 MB of libcrypto): without it hashlib falls back to
# its built-in md5/sha1/sha2/sha3/blake2, which is all random, uuid and hmac use; ssl goes too.
# unicodedata stays: traceback (our crash log) imports it to lay out non-ASCII source lines.
PY_MODULE_EXCLUDES = [
    "_hashlib",
    "pydoc_data",
    "tkinter",
    "_tkinter",
    "unittest",
    "doctest",
    "pdb",
    "asyncio",
    "ssl",
    "readline",
    "curses",
    "sqlite3",
    "lib2to3",
    "numpy.testing",
    "numpy.random",  # 2.5 MB; pyqtgraph uses it only in pseudoScatter (beeswarm plots)
    "numpy.f2py",
    "numpy.distutils",
    "setuptools",
    "distutils",
    "_distutils_hack",
    "pkg_resources",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "IPython",
    "pyqtgraph.examples",
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    # Development tools that optional imports would pull in: pydantic's mypy plugins (collected
    # with pydantic's submodules) import mypy, with its compiled parser (ast_serialize, librt);
    # numpy.__config__ imports yaml (only to print its build config); pygments brings chardet.
    # With the test-only packages: 9 MB and 108 files the app never imports.
    "pydantic.mypy",
    "pydantic.v1.mypy",
    "mypy",
    "mypyc",
    "ast_serialize",
    "librt",
    "importlinter",
    "grimp",
    "frictionless",
    "pypdf",
    "yaml",
    "pygments",
    "chardet",
]

# The other Qt bindings: PyInstaller refuses to collect two (PITFALLS 2.1); exclude them always.
OTHER_QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2")

_QT_PREFIX = PurePosixPath("PySide6/Qt")
# Plugin folders the app has no use for: evdev/tuio input for embedded devices, EGL device
# integration (eglfs), network information and TLS (no QtNetwork), GLX/EGL for OpenGL windows
# under X11 (the app paints with the raster engine), SQL, printing, QML tooling, Designer.
DROP_PLUGIN_FOLDERS = frozenset(
    {
        "generic",
        "egldeviceintegrations",
        "networkinformation",
        "tls",
        "xcbglintegrations",
        "sqldrivers",
        "qmltooling",
        "designer",
        "vectorimageformats",
    }
)
# In these folders keep only the named plugins (by stem without "lib"): the platforms a desktop
# session can use (X11, Wayland, Windows, macOS) and offscreen for headless export; PNG is
# built into QtGui, SVG and ICO readers are small.
KEEP_ONLY_PLUGINS = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "imageformats": frozenset({"qsvg", "qico"}),
}
# ... and in these, drop the named ones: the GTK 3 theme drags in GTK, cairo and pango (~8 MB);
# without it Qt's built-in GNOME theme still follows the light/dark setting. Wayland: a desktop
# client needs xdg-shell and wayland-egl; the "-server" buffer integrations serve Qt-based
# compositors, and the IVI (cars), fullscreen (kiosk), wl-shell (obsolete) and qt-shell
# (Qt's own compositor) shells are for other kinds of systems.
DROP_PLUGINS = {
    "platformthemes": frozenset({"qgtk3"}),
    "wayland-graphics-integration-client": frozenset(
        {"dmabuf-server", "drm-egl-server", "shm-emulation-server", "vulkan-server"}
    ),
    "wayland-shell-integration": frozenset(
        {"ivi-shell", "fullscreen-shell-v1", "wl-shell-plugin", "qt-shell"}
    ),
}

# Package data nothing reads: pyqtgraph's logo is only set as the window icon when pyqtgraph
# creates the QApplication itself (mkQApp), and the app always creates its own first.
DROP_DATA = (PurePosixPath("pyqtgraph/icons/peegee"),)

# Libraries kept even when no ELF in the bundle names them (loaded with dlopen by Qt).
ALWAYS_KEEP_LIBS = frozenset({"libdbus-1.so.3"})

# Linux: libraries left to the host, like the PySide6 wheel itself does (it ships only Qt and
# ICU and links these from the system), so the frozen app needs what `pip install PySide6`
# needs, which PITFALLS 2.1 already makes a Linux user install (libxcb-cursor0 and friends).
# Bundled copies of them are also the classic cross-distribution failures: an older bundled
# libstdc++ stops the host's Mesa drivers loading (pyinstaller #5573, #6993), bundled
# glib/freetype/fontconfig clash with the host's (fbs removes them), and PyInstaller already
# takes libxcb.so.1, libGL and libEGL from the host. libdbus and its dependencies stay
# bundled (PERFORMANCE.md: removing libdbus is not safe).
HOST_LIB_STEMS = frozenset(
    {
        "libstdc++",
        "libgcc_s",
        "libglib-2.0",
        "libgthread-2.0",
        "libgobject-2.0",
        "libgio-2.0",
        "libgmodule-2.0",
        "libpcre2-8",
        "libfontconfig",
        "libfreetype",
        "libexpat",
        "libpng16",
        "libbrotlicommon",
        "libbrotlidec",
        "libX11",
        "libX11-xcb",
        "libXau",
        "libXdmcp",
        "libXext",
        "libXrender",
        "libxkbcommon",
        "libxkbcommon-x11",
        "libbsd",
        "libmd",
        # Printing: Qt's CUPS plugin needs libcups, which every desktop that prints has; with
        # its TLS, Kerberos and Avahi dependencies it is 8.5 MB (measured). Without it on the
        # host the plugin does not load and the print dialog offers printing to a PDF file.
        "libcups",
        "libavahi-common",
        "libavahi-client",
        "libgnutls",
        "libp11-kit",
        "libunistring",
        "libidn2",
        "libtasn1",
        "libnettle",
        "libhogweed",
        "libgmp",
        "libkrb5",
        "libk5crypto",
        "libgssapi_krb5",
        "libkrb5support",
        "libcom_err",
        "libkeyutils",
    }
)


class EnvironmentProblem(Exception):
    """The build environment would produce a broken or oversized bundle."""


def check_build_environment() -> None:
    """Fail clearly when the venv holds another Qt binding or PySide6 comes from outside it."""
    others = [name for name in OTHER_QT_BINDINGS if importlib.util.find_spec(name) is not None]
    if others:
        raise EnvironmentProblem(
            "this environment has more than one Qt binding installed (PySide6 and "
            + ", ".join(others)
            + "). PyInstaller can bundle only one, and pyqtgraph might pick the wrong one at "
            "run time. Build from a clean venv with only PySide6-Essentials: "
            "'uv sync' in the repository, then 'uv run python packaging/build.py'."
        )
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise EnvironmentProblem("PySide6 is not installed in this environment ('uv sync').")
    origin = Path(spec.origin).resolve()
    prefix = Path(sys.prefix).resolve()
    if not origin.is_relative_to(prefix):
        raise EnvironmentProblem(
            f"PySide6 is imported from {origin.parent}, outside this environment ({prefix}); "
            "a system PySide6 is shadowing the venv's one. Build from the project's venv."
        )


def excludes(groups: Iterable[str]) -> list[str]:
    chosen = set(groups)
    names = list(OTHER_QT_BINDINGS)
    if "qt-modules" in chosen:
        names += QT_MODULE_EXCLUDES
    if "py-modules" in chosen:
        names += PY_MODULE_EXCLUDES
    return names


def _plugin_kept(dest: PurePosixPath) -> bool:
    """``dest`` is a path inside the bundle under ``PySide6/Qt/plugins/``."""
    parts = dest.relative_to(_QT_PREFIX / "plugins").parts
    if len(parts) < 2:
        return True
    folder, stem = parts[0], parts[-1].split(".")[0].removeprefix("lib")
    if folder in DROP_PLUGIN_FOLDERS:
        return False
    if folder in KEEP_ONLY_PLUGINS:
        return stem in KEEP_ONLY_PLUGINS[folder]
    return stem not in DROP_PLUGINS.get(folder, frozenset())


def keep_entry(dest: str, groups: Iterable[str]) -> bool:
    """Whether a bundle entry (its destination path) survives the data and plugin trimming."""
    chosen = set(groups)
    path = PurePosixPath(dest.replace("\\", "/"))
    if "data" in chosen and any(
        path.is_relative_to(folder) for folder in (_QT_PREFIX / "translations", *DROP_DATA)
    ):
        return False
    if "plugins" in chosen and path.is_relative_to(_QT_PREFIX / "plugins"):
        return _plugin_kept(path)
    return True


def is_host_library(dest: str) -> bool:
    name = PurePosixPath(dest).name
    if ".so" not in name:
        return False
    stem = name.split(".so")[0]
    return stem in HOST_LIB_STEMS or stem.startswith("libxcb")


Entry = tuple[str, str, str]


def trim_toc(
    binaries: list[Entry], datas: list[Entry], groups: Iterable[str], workpath: Path
) -> tuple[list[Entry], list[Entry]]:
    """The Analysis' binaries and datas after the chosen groups (except the module excludes)."""
    chosen = set(groups)
    linux = sys.platform.startswith("linux")
    datas = [entry for entry in datas if keep_entry(entry[0], chosen)]
    binaries = [entry for entry in binaries if keep_entry(entry[0], chosen)]
    if "host-libs" in chosen and linux:
        binaries = [entry for entry in binaries if not is_host_library(entry[0])]
    if "plugins" in chosen and linux:
        unneeded = unneeded_libraries((dest, src) for dest, src, _kind in binaries)
        binaries = [entry for entry in binaries if entry[0] not in unneeded]
    if "strip" in chosen:
        cache = workpath / "stripped"
        binaries = [(dest, stripped_copy(src, dest, cache), kind) for dest, src, kind in binaries]
    # PyInstaller links some libraries to the top folder: drop the links whose target went.
    present = {PurePosixPath(dest) for dest, _src, _kind in binaries + datas}
    datas = [
        (dest, src, kind)
        for dest, src, kind in datas
        if kind != "SYMLINK" or PurePosixPath(src) in present
    ]
    return binaries, datas


def elf_needed(path: str | Path) -> list[str]:
    """The DT_NEEDED names of an ELF file (``[]`` for anything that is not ELF)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return []
    if data[:4] != b"\x7fELF":
        return []
    bits64, little = data[4] == 2, data[5] == 1
    end = "<" if little else ">"
    if bits64:
        (shoff,) = struct.unpack_from(end + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        sh_format, dyn_format = end + "IIQQQQIIQQ", end + "qQ"
    else:
        (shoff,) = struct.unpack_from(end + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        sh_format, dyn_format = end + "IIIIIIIIII", end + "iI"
    sections = [struct.unpack_from(sh_format, data, shoff + i * shentsize) for i in range(shnum)]
    names = []
    for section in sections:
        if section[1] != 6:  # SHT_DYNAMIC
            continue
        offset, size, link = section[4], section[5], section[6]
        strtab = sections[link][4]
        step = struct.calcsize(dyn_format)
        for pos in range(offset, offset + size, step):
            tag, value = struct.unpack_from(dyn_format, data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                stop = data.index(b"\0", strtab + value)
                names.append(data[strtab + value : stop].decode())
    return names


def _is_plain_library(dest: PurePosixPath) -> bool:
    """A shared library that is in the bundle only because something links to it."""
    name = dest.name
    if dest.is_relative_to(_QT_PREFIX / "plugins"):
        return False
    if ".cpython-" in name or (".abi3.so" in name and not name.startswith("lib")):
        return False  # a Python extension module: imported, not linked
    if name.startswith("libpython"):
        return False
    return name.startswith("lib") and ".so" in name


def unneeded_libraries(binaries: Iterable[tuple[str, str]]) -> set[str]:
    """Destinations of Linux shared libraries nothing left in the bundle links to.

    ``binaries`` are (destination, source) pairs. The roots are the Python extension modules,
    the Qt plugins and libpython; a library is needed when a root reaches it through DT_NEEDED.
    """
    entries = [(PurePosixPath(dest), src) for dest, src in binaries]
    by_name: dict[str, list[PurePosixPath]] = {}
    for dest, _src in entries:
        by_name.setdefault(dest.name, []).append(dest)
    sources = {dest: src for dest, src in entries}
    seen: set[PurePosixPath] = set()
    todo = [dest for dest, _src in entries if not _is_plain_library(dest)]
    todo += [dest for dest, _src in entries if dest.name in ALWAYS_KEEP_LIBS]
    while todo:
        dest = todo.pop()
        if dest in seen:
            continue
        seen.add(dest)
        for needed in elf_needed(sources[dest]):
            todo.extend(by_name.get(needed, ()))
    return {str(dest) for dest, _src in entries if dest not in seen}


def stripped_copy(src: str, dest: str, cache: Path) -> str:
    """A ``strip --strip-unneeded`` copy of ``src`` (cached by content), or ``src`` itself.

    numpy's bundled libraries (``numpy.libs/``: OpenBLAS, gfortran) are never stripped:
    PyInstaller's own ``--strip`` breaks them (PERFORMANCE.md).
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return src
    if PurePosixPath(dest).parts[0] == "numpy.libs" or not is_elf(src):
        return src
    data = Path(src).read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    out = cache / digest / Path(src).name
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        result = subprocess.run(
            ["strip", "--strip-unneeded", "-o", str(tmp), src],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:  # not fatal: ship it unstripped
            tmp.unlink(missing_ok=True)
            return src
        tmp.replace(out)
    return str(out)


def is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(4) == b"\x7fELF"
    except OSError:
        return False
