"""Build the standalone Legend Viewer with PyInstaller.

    uv run python packaging/build.py              # one-folder app: dist/legend-gui/legend-gui
    uv run python packaging/build.py --onefile    # ... and a single file: dist/onefile/legend-gui
    uv run python packaging/build.py --clean      # forget PyInstaller's cache first

Steps: check the environment (one Qt binding, PySide6 from this venv), write the Windows .ico
and macOS .icns from the committed PNGs into the work folder, run packaging/legend_gui.spec,
then (Linux) put the desktop-entry installer next to the executable and report the size.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = HERE / "legend_gui.spec"
NAME = "legend-gui"
sys.path.insert(0, str(HERE))

import make_icons  # noqa: E402
import pyi_trim  # noqa: E402


def folder_size(folder: Path) -> tuple[float, int]:
    """(MB as ``du -sm`` counts them: allocated blocks, 2**20 bytes; number of files)."""
    blocks, files = 0, 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            files += 1
            blocks += path.lstat().st_blocks * 512
    return blocks / 2**20, files


def executable(folder: Path) -> Path:
    return folder / (NAME + ".exe" if sys.platform == "win32" else NAME)


def write_icons(workpath: Path) -> Path:
    icon_dir = workpath / "icons"
    pngs = [make_icons.png_path(size) for size in make_icons.SIZES]
    missing = [path for path in pngs if not path.exists()]
    if missing:
        raise SystemExit(f"build: missing {missing[0]}; run packaging/make_icons.py")
    make_icons.write_ico(pngs, icon_dir / "legend-gui.ico")
    make_icons.write_icns(pngs, icon_dir / "legend-gui.icns")  # 16-512 px; no 1024 px element
    return icon_dir


def run_pyinstaller(
    distpath: Path, workpath: Path, spec_args: list[str], clean: bool, quiet: bool
) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN" if quiet else "INFO",
        "--distpath",
        str(distpath),
        "--workpath",
        str(workpath),
    ]
    if clean:
        command.append("--clean")
    command += [str(SPEC), "--", *spec_args]
    result = subprocess.run(command, cwd=REPO, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build: PyInstaller failed (exit {result.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the standalone Legend Viewer.")
    parser.add_argument("--onefile", action="store_true", help="also build dist/onefile/legend-gui")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's caches first")
    parser.add_argument("--distpath", type=Path, default=REPO / "dist", help="default: dist/")
    parser.add_argument("--workpath", type=Path, default=REPO / "build", help="default: build/")
    parser.add_argument(
        "--trim",
        default=",".join(pyi_trim.GROUPS),
        help="trimming groups, for measuring them (default: all): " + ", ".join(pyi_trim.GROUPS),
    )
    parser.add_argument("--debug", action="store_true", help="console + bootloader debug output")
    parser.add_argument("--quiet", action="store_true", help="PyInstaller warnings only")
    options = parser.parse_args(argv)

    try:
        pyi_trim.check_build_environment()
    except pyi_trim.EnvironmentProblem as problem:
        print(f"build: {problem}", file=sys.stderr)
        return 1
    if importlib.util.find_spec("PyInstaller") is None:
        print("build: PyInstaller is missing; 'uv sync' installs the dev group", file=sys.stderr)
        return 1

    from legend_gui import __version__

    distpath, workpath = options.distpath.resolve(), options.workpath.resolve()
    if options.clean:
        shutil.rmtree(workpath, ignore_errors=True)
    started = time.perf_counter()
    icon_dir = write_icons(workpath)
    spec_args = ["--trim", options.trim, "--icon-dir", str(icon_dir)]
    if options.debug:
        spec_args.append("--debug")
    run_pyinstaller(distpath, workpath, spec_args, options.clean, options.quiet)
    folder = distpath / NAME
    if sys.platform.startswith("linux"):
        installer = folder / "install-desktop-entry.sh"
        shutil.copy2(HERE / "install-desktop-entry.sh", installer)
        installer.chmod(0o755)
    size, files = folder_size(folder)
    print(
        f"build: Legend Viewer {__version__}: {executable(folder)} "
        f"({size:.0f} MB, {files} files, {time.perf_counter() - started:.0f} s)"
    )
    if options.onefile:
        onefile_dist = distpath / "onefile"
        run_pyinstaller(onefile_dist, workpath, [*spec_args, "--onefile"], False, options.quiet)
        single = executable(onefile_dist)
        print(f"build: single file: {single} ({single.stat().st_size / 2**20:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
