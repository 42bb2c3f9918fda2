"""The sociale kaart: reference geography and the partner organisations that serve it.

- `geografie`: provincies, veiligheidsregio's, Veilig Thuis-regio's, gemeenten and
  the working-area levels;
- `querysets`: publication, checks and "who serves this area" queries;
- `organisaties`: organisation types, organisations, contact persons, facilities and
  the regions of regional editors.
"""

from .geografie import Gemeente, Niveau, Provincie, Veiligheidsregio, VeiligThuisRegio
from .organisaties import (
    Contactpersoon,
    Gecontroleerd,
    Organisatie,
    Organisatietype,
    Redacteur,
    Voorziening,
)
from .querysets import GecontroleerdQuerySet, OrganisatieQuerySet

__all__ = [
    "Contactpersoon",
    "Gecontroleerd",
    "GecontroleerdQuerySet",
    "Gemeente",
    "Niveau",
    "Organisatie",
    "OrganisatieQuerySet",
    "Organisatietype",
    "Provincie",
    "Redacteur",
    "VeiligThuisRegio",
    "Veiligheidsregio",
    "Voorziening",
]
