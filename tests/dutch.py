"""Whether an admin page is Dutch: none of the English it used to show, the Dutch expected."""

import html as html_lib
import re

# English that Django 5.2, django-axes, django-otp or django-import-export showed here.
ENGLISH = (
    "Model name",
    "Add link",
    "Change or view list link",
    "After you’ve created a user",
    "This password is too short",
    "Access attempt",
    "Access failure",
    "Access log",
    "Axes",
    "Otp_",
    "TOTP device",
    "Static device",
    "This exporter will export",
    "This importer will import",
    "Select all",
    "Search by user",
    "created at",
    "last used at",
    "Attempt Time",
    "Locked Out",
    "Can add ",
    "Can change ",
    "Can view ",
    "Django administration",
    "Django-beheer",
)


def visible_text(response):
    """The page's text without tags, scripts or styles, entities decoded."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))


def assert_dutch(response, *dutch):
    assert response.status_code == 200, response
    text = visible_text(response)
    english = [s for s in ENGLISH if s.lower() in text.lower()]
    assert english == [], english
    for expected in dutch:
        assert expected in text
