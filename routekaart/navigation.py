"""The site's main navigation: the routekaart chapters and the sociale kaart."""

from django.urls import reverse_lazy

MAIN_NAVIGATION = [
    {"label": "Praktijken", "url": reverse_lazy("praktijken:index")},
    {"label": "Stappen", "url": reverse_lazy("stappen:index")},
    {"label": "Rol en kader", "url": reverse_lazy("routekaart:rol_en_kader")},
    {
        "label": "Beleid en uitvoering",
        "url": reverse_lazy("routekaart:hoofdstuk", kwargs={"slug": "naar-beleid-en-uitvoering"}),
    },
    {"label": "Sociale kaart", "url": reverse_lazy("partners:index")},
    {"label": "Bronnen", "url": reverse_lazy("routekaart:bronnen")},
    {"label": "Begrippen", "url": reverse_lazy("routekaart:begrippen")},
]
