#!/bin/sh
# Install Legend Viewer's menu entry and icons for the current user (Linux; no root needed).
#
#   packaging/install-desktop-entry.sh [PATH/TO/legend-gui]   # from the repository
#   ./install-desktop-entry.sh [PATH/TO/legend-gui]           # from a built dist/legend-gui/
#   ... --uninstall                                             # remove what this installed
#
# Without a path, Exec points at the built app: dist/legend-gui/legend-gui in the repository,
# or the legend-gui next to this script in a built folder. Files go under $XDG_DATA_HOME
# (default ~/.local/share): applications/legend-gui.desktop and
# icons/hicolor/{NxN,scalable}/apps/legend-gui.{png,svg}.
set -eu

usage() {
    echo "usage: $0 [--uninstall] [PATH/TO/legend-gui]" >&2
    exit 2
}

uninstall=0
target=""
for arg in "$@"; do
    case "$arg" in
        --uninstall) uninstall=1 ;;
        -h | --help) usage ;;
        -*) echo "$0: unknown option: $arg" >&2; usage ;;
        *) [ -z "$target" ] || usage; target=$arg ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
if [ -d "$here/_internal/legend_gui/resources" ]; then  # copied into a built folder
    resources="$here/_internal/legend_gui/resources"
    default_exec="$here/legend-gui"
elif [ -d "$here/../resources" ]; then  # packaging/ in the repository
    resources=$(cd "$here/../resources" && pwd)
    default_exec="$(cd "$here/.." && pwd)/dist/legend-gui/legend-gui"
else
    echo "$0: cannot find the icons (resources/) next to this script" >&2
    exit 1
fi

data_home=${XDG_DATA_HOME:-"$HOME/.local/share"}
apps="$data_home/applications"
hicolor="$data_home/icons/hicolor"
sizes="16 24 32 48 64 128 256 512"

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -f -t "$hicolor" || true
    fi
}

if [ "$uninstall" -eq 1 ]; then
    rm -f "$apps/legend-gui.desktop" "$hicolor/scalable/apps/legend-gui.svg"
    for n in $sizes; do
        rm -f "$hicolor/${n}x${n}/apps/legend-gui.png"
    done
    refresh
    echo "removed the Legend Viewer menu entry and icons from $data_home"
    exit 0
fi

exe=${target:-$default_exec}
case "$exe" in
    /*) ;;
    *) exe="$(pwd)/$exe" ;;
esac
if [ ! -x "$exe" ] || [ -d "$exe" ]; then
    echo "$0: no executable at $exe" >&2
    echo "build it first (uv run python packaging/build.py) or give its path" >&2
    exit 1
fi

# Exec quoting (Desktop Entry spec, "The Exec key"): inside double quotes escape \ " ` $ with a
# backslash, then the string rule doubles every backslash; a literal % is written %%.
quoted=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g' -e 's/["`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
# TryExec is a plain string (not Exec-quoted): only the string rule applies.
plain=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g')

mkdir -p "$apps" "$hicolor/scalable/apps"
for n in $sizes; do
    if [ -f "$resources/icons/legend-gui-$n.png" ]; then
        mkdir -p "$hicolor/${n}x${n}/apps"
        cp "$resources/icons/legend-gui-$n.png" "$hicolor/${n}x${n}/apps/legend-gui.png"
    fi
done
cp "$resources/legend-gui.svg" "$hicolor/scalable/apps/legend-gui.svg"

tmp="$apps/.legend-gui.desktop.$$"
# A sed replacement treats \ and & specially: escape them (and the | delimiter) once more.
sed_quoted=$(printf '%s' "$quoted" | sed -e 's/[\\&|]/\\&/g')
sed_plain=$(printf '%s' "$plain" | sed -e 's/[\\&|]/\\&/g')
sed -e "s|^Exec=legend-gui |Exec=\"$sed_quoted\" |" \
    -e "/^Exec=/a TryExec=$sed_plain" \
    "$resources/legend-gui.desktop" >"$tmp"
mv "$tmp" "$apps/legend-gui.desktop"

if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate --no-hints "$apps/legend-gui.desktop"
fi
refresh
echo "installed $apps/legend-gui.desktop (Exec: $exe) and icons under $hicolor"
