from django.conf import settings

from routekaart.navigation import MAIN_NAVIGATION


def portal(request):
    """Site-wide template context: navigation, quick-exit target and source details."""
    return {
        "main_navigation": MAIN_NAVIGATION,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "veilig_thuis_telefoon": settings.VEILIG_THUIS_TELEFOON,
        "accessibility_contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "source_title": settings.SOURCE_TITLE,
        "source_date": settings.SOURCE_DATE,
    }
