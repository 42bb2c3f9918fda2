"""The sociale kaart: reference geography and the partner organisations that serve it.

- `geografie`: provincies, veiligheidsregio's, Veilig Thuis-regio's, gemeenten and
  the working-area levels;
- `querysets`: publication, checks and "who serves this area" queries;
- `indelingen`: GGD-regio's, politie-eenheden, arrondissementen, jeugdregio's, and the
  woonplaatsen and postcodes that lead to a gemeente;
- `organisaties`: organisation types, organisations, contact persons, facilities and
  the regions of regional editors.
"""

from .geografie import Gemeente, Niveau, Provincie, Veiligheidsregio, VeiligThuisRegio
from .indelingen import Arrondissement, GGDRegio, Jeugdregio, PolitieEenheid, Postcode, Woonplaats
from .organisaties import (
    Contactpersoon,
    Gecontroleerd,
    Organisatie,
    Organisatietype,
    Redacteur,
    Voorziening,
    with_practice_tags,
)
from .querysets import GecontroleerdQuerySet, OrganisatieQuerySet

__all__ = [
    "Arrondissement",
    "GGDRegio",
    "Jeugdregio",
    "PolitieEenheid",
    "Postcode",
    "Woonplaats",
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
    "with_practice_tags",
]
