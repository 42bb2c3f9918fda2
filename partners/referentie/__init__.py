"""The CBS reference geography: read and check the files, then write them.

The management command `load_reference_data` is a thin shell around this package.
"""

from .bestanden import computed_aliases, gemeente_slug, load_files
from .indelingen import load_indelingen, present
from .indelingen_opslaan import write_indelingen
from .opslaan import stale_codes, write_all

__all__ = [
    "computed_aliases",
    "gemeente_slug",
    "load_files",
    "load_indelingen",
    "present",
    "stale_codes",
    "write_all",
    "write_indelingen",
]
