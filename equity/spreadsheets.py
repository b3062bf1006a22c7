"""Spreadsheet exports that a spreadsheet program cannot turn into formulas.

A CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs skip before reading one of those) is run as a formula when the file is opened
("CSV injection"): a resource titled ``=HYPERLINK("https://evil.example", "Open")`` becomes a
live link, and worse. Wagtail's XLSX export already stores such values as text; its CSV
export writes them raw. ``neutralise_formula`` prefixes them with an apostrophe, the
convention spreadsheet programs read as "this is text" (OWASP's recommendation).
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` made safe for a CSV cell: a string starting with a formula prefix gets a
    leading ``'``; anything else (numbers, dates, ``None``, other strings) is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


_original_write_csv_row = SpreadsheetExportMixin.write_csv_row


def _write_formula_safe_csv_row(self, writer, row_dict):
    # Wagtail's preprocessing first (lists joined, dates formatted), then neutralised.
    return writer.writerow(
        {
            field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def install() -> None:
    """Make every CSV export of the admin formula-safe: Wagtail's snippet and model listings,
    its reports and form submissions, and wagtail-modeladmin all write rows through
    ``SpreadsheetExportMixin.write_csv_row``. Idempotent."""
    SpreadsheetExportMixin.write_csv_row = _write_formula_safe_csv_row


def uninstall() -> None:
    """Undo ``install`` (for tests that show the fault)."""
    SpreadsheetExportMixin.write_csv_row = _original_write_csv_row
