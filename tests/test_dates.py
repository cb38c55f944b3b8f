"""Dates read the same everywhere: ``19 Aug 2020``, whatever the locale (issue 14, item 7).

Creating the QApplication sets ``LC_TIME`` from the user's environment, so a date formatted
with ``strftime("%b")`` came out "Aug" from ``legend-gui validate`` and "août" in the window
and its exports. ``format_date`` now takes its month names from a table; these tests switch
``LC_TIME`` to a real non-C locale (an installed one, or one compiled here with ``localedef``)
and check that nothing changes.
"""

from __future__ import annotations

import locale
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from legend_gui.model.formatting import format_date

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: Locales whose March is not "Mar", to compile when none but C/POSIX is installed.
_SOURCES = ("de_DE", "fr_FR", "es_ES", "ru_RU")
_TEST_LOCALE = "xx_LEGEND.UTF-8"


def test_every_month_has_its_english_abbreviation() -> None:
    for month, name in enumerate(MONTHS, start=1):
        assert format_date(date(2020, month, 9)) == f"9 {name} 2020"
    assert format_date(date(2020, 8, 19)) == "19 Aug 2020"
    assert format_date(date(1999, 12, 31)) == "31 Dec 1999"
    assert format_date(None) == "date not shown"


@pytest.fixture(scope="module")
def other_lc_time(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """A locale whose month names are not English: its name and the environment it needs.

    An installed one when there is one; else one compiled with ``localedef`` (its LC_TIME
    only, ≈1 s) into a temporary folder that ``LOCPATH`` points to. Skips when neither exists.
    """
    for name in _installed_locales():
        if _march_in(name, {}) not in (None, "Mar"):
            return name, {}
    localedef = shutil.which("localedef")
    sources = Path("/usr/share/i18n/locales")
    source = next((s for s in _SOURCES if (sources / s).is_file()), None)
    if localedef is None or source is None:
        pytest.skip("no non-C locale is installed, and none can be compiled (no localedef)")
    folder = tmp_path_factory.mktemp("locales")
    definition = folder / "lc_time_only"
    definition.write_text(f'LC_TIME\ncopy "{source}"\nEND LC_TIME\n', encoding="ascii")
    # -c: the definition has LC_TIME only, and localedef warns (exit 1) about the rest.
    subprocess.run(
        [localedef, "-c", "-i", str(definition), "-f", "UTF-8", str(folder / _TEST_LOCALE)],
        capture_output=True,
        check=False,
        timeout=60,
    )
    environment = {"LOCPATH": str(folder)}
    if _march_in(_TEST_LOCALE, environment) in (None, "Mar"):
        pytest.skip(f"localedef could not compile a {source} LC_TIME")
    return _TEST_LOCALE, environment


def _installed_locales() -> list[str]:
    try:
        listed = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, check=False, timeout=30
        ).stdout.split()
    except OSError:
        return []
    return [name for name in listed if name.split(".")[0] not in ("C", "POSIX")]


def _march_in(name: str, environment: dict[str, str]) -> str | None:
    """``%b`` of a March day under ``LC_TIME=name``, or None if the locale cannot be set."""
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    previous = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, name)
        return date(2020, 3, 5).strftime("%b")
    except locale.Error:
        return None
    finally:
        locale.setlocale(locale.LC_TIME, previous)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def lc_time_switched(
    other_lc_time: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    name, environment = other_lc_time
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    previous = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, name)
    try:
        yield name
    finally:
        locale.setlocale(locale.LC_TIME, previous)


def test_format_date_ignores_lc_time(lc_time_switched: str) -> None:
    day = date(2020, 3, 5)
    assert day.strftime("%b") != "Mar", "the locale switch must be real for this test to mean much"
    assert format_date(day) == "5 Mar 2020"
    for month, name in enumerate(MONTHS, start=1):
        assert format_date(date(2020, month, 19)) == f"19 {name} 2020"


def test_chart_dates_ignore_lc_time(lc_time_switched: str) -> None:
    """The chart's subtitle and source line, as the window and every export show them."""
    from legend_gui.model import Catalog, load_dataset
    from legend_gui.model.chart import ChartSettings, bar_chart
    from legend_gui.resources import bundled_dataset

    catalog = Catalog(load_dataset(bundled_dataset()), "bundled")
    settings = ChartSettings(catalog.default_metric(), date(2020, 12, 23))
    chart = bar_chart(catalog, settings)
    assert chart.subtitle.startswith("As announced on 23 Dec 2020"), chart.subtitle


def test_dates_after_the_qapplication_sets_the_locale(
    other_lc_time: tuple[str, dict[str, str]],
) -> None:
    """The real sequence, in a fresh process: LC_TIME comes from the environment, Qt's
    QApplication applies it, and the dates shown are still English and day-first."""
    name, environment = other_lc_time
    script = textwrap.dedent(
        """
        import locale
        from datetime import date

        from PySide6.QtWidgets import QApplication

        app = QApplication([])
        from legend_gui.model import Catalog, load_dataset
        from legend_gui.model.chart import ChartSettings, bar_chart
        from legend_gui.model.formatting import format_date
        from legend_gui.resources import bundled_dataset

        catalog = Catalog(load_dataset(bundled_dataset()), "bundled")
        settings = ChartSettings(catalog.default_metric(), date(2020, 12, 23))
        print(locale.setlocale(locale.LC_TIME))
        print(date(2020, 3, 5).strftime("%b"))
        print(format_date(date(2020, 3, 5)))
        print(bar_chart(catalog, settings).subtitle)
        """
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.update(environment, LANG="C.UTF-8", LC_TIME=name, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lc_time, march, shown, subtitle = result.stdout.splitlines()[-4:]
    assert lc_time == name  # the QApplication switched LC_TIME ...
    assert march != "Mar"  # ... so strftime speaks another language ...
    assert shown == "5 Mar 2020"  # ... and format_date does not,
    assert subtitle.startswith("As announced on 23 Dec 2020")  # nor the chart
