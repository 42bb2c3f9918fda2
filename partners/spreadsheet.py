"""Spreadsheet cells and files for the partner import and export.

Widgets that validate and clean one cell each (text, keys, choices, dates,
related records by slug or code), the guard against spreadsheet formula
injection, and reading an uploaded CSV or XLSX file into a dataset.
"""

import re
from datetime import date, datetime

import tablib
from django.core.exceptions import ValidationError
from import_export import widgets
from import_export.formats import base_formats

# --- Spreadsheet formula injection -------------------------------------------

_NEEDS_ESCAPE = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def escape_formula(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would treat as a formula.

    Values that already start with apostrophes before such a character get one
    more, so unescape_formula() can always take exactly one off again.
    """
    return "'" + value if _NEEDS_ESCAPE.match(value) else value


def unescape_formula(value: str) -> str:
    """Undo escape_formula(); "'s-Hertogenbosch" and other text stay as they are."""
    return value[1:] if _ESCAPED.match(value) else value


# --- Widgets: each raises ValueError with a Dutch message on bad input -----------


def cell_text(value):
    """A cell as text: empty cells are "", whole numbers from XLSX lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TextWidget(widgets.Widget):
    def __init__(self, validator=None, required=False):
        super().__init__(coerce_to_string=True)
        self.validator = validator
        self.required = required

    def clean(self, value, row=None, **kwargs):
        value = cell_text(value)
        if self.required and not value.strip():
            raise ValueError("Dit veld is verplicht.")
        if self.validator is not None:
            try:
                self.validator(value)
            except ValidationError as e:
                raise ValueError(" ".join(e.messages)) from None
        return value

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class KeyWidget(TextWidget):
    """Slugs and codes: surrounding spaces are dropped."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(cell_text(value).strip(), row=row, **kwargs)


class ChoiceWidget(KeyWidget):
    def __init__(self, choices, required=False):
        super().__init__(required=required)
        self.values = [value for value, _ in choices]

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row=row, **kwargs)
        if value and value not in self.values:
            raise ValueError(
                f"'{value}' is geen geldige waarde; kies uit: {', '.join(self.values)}."
            )
        return value


class DateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value).strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"'{text}' is geen datum; schrijf jjjj-mm-dd, bijvoorbeeld 2025-03-31."
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    def __init__(self, model, field, label, required=False):
        super().__init__(model, field=field)
        self.label = label
        self.required = required

    def clean(self, value, row=None, **kwargs):
        key = cell_text(value).strip()
        if not key:
            if self.required:
                raise ValueError("Dit veld is verplicht.")
            return None
        try:
            return self.model.objects.get(**{self.field: key})
        except self.model.DoesNotExist:
            raise ValueError(f"Onbekend {self.label}: '{key}'.") from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)


class KeysWidget(widgets.ManyToManyWidget):
    """Several slugs or codes in one cell, separated by ';', written sorted."""

    def __init__(self, model, field, label):
        super().__init__(model, separator=";", field=field)
        self.label = label

    def keys(self, value):
        return [k.strip() for k in cell_text(value).split(";") if k.strip()]

    def clean(self, value, row=None, **kwargs):
        keys = self.keys(value)
        if not keys:
            return self.model.objects.none()
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        known = {getattr(obj, self.field) for obj in found}
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise ValueError(f"Onbekende {self.label}: {', '.join(unknown)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ";".join(sorted(getattr(obj, self.field) for obj in value.all()))


# --- Formats ---------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """',' or ';' (what Dutch Excel writes), judged by the header line."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


class CSV(base_formats.CSV):
    """CSV in UTF-8 with ',' or ';' between the columns."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        kwargs.setdefault("delimiter", sniff_delimiter(in_stream))
        return super().create_dataset(in_stream, **kwargs)


FORMATS = {".csv": CSV, ".xlsx": base_formats.XLSX}


def read_dataset(content: bytes, suffix: str) -> tablib.Dataset:
    """Parse an uploaded or local file; ValueError with a Dutch message if it can't be read."""
    format_class = FORMATS.get(suffix.lower())
    if format_class is None:
        raise ValueError(f"Onbekend bestandstype '{suffix}'; gebruik .csv of .xlsx.")
    if format_class is CSV:
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(
                "Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'."
            ) from None
    try:
        return format_class(encoding="utf-8-sig").create_dataset(content)
    except Exception as e:  # tablib and openpyxl raise many kinds on a broken file
        raise ValueError(f"Het bestand kan niet gelezen worden ({type(e).__name__}).") from None


# --- The resource ----------------------------------------------------------------
