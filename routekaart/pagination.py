def page_number(raw) -> int:
    """The `pagina` GET parameter as a page number; anything odd means page 1."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)
