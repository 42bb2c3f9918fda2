"""The CBS reference geography: read and check the files, then write them.

The management command `load_reference_data` is a thin shell around this package.
"""

from .bestanden import computed_aliases, gemeente_slug, load_files
from .opslaan import stale_codes, write_all

__all__ = ["computed_aliases", "gemeente_slug", "load_files", "stale_codes", "write_all"]
