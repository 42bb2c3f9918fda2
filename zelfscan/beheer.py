"""Editing a zelfscan in the admin: one screen per step, scoped to the editor's regions.

Reached through ZelfscanAdmin.get_urls, so the admin's login, 2FA and staff checks
apply. The region check runs on GET and POST alike: a forged POST for a region outside
the editor's regions is refused before anything is read from it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .forms import BeoordelingFormSet
from .items import stappen_met_punten
from .models import Beoordeling, Zelfscan
from .services import editor_role, may_edit, scan_for_editing


def stap_bewerken(model_admin, request, scan_id, nummer):
    scan = get_object_or_404(Zelfscan.objects.select_related("regio"), pk=scan_id)
    if not may_edit(request.user, scan.regio):
        raise PermissionDenied("Deze zelfscan hoort bij een regio buiten uw regio's.")
    steps = stappen_met_punten()
    stap = next((s for s in steps if s.nummer == nummer), None)
    if stap is None:
        raise Http404("Onbekende stap.")
    scan = scan_for_editing(scan.regio)
    punten = {p.key: p for p in stap.punten}
    order = {key: i for i, key in enumerate(punten)}
    queryset = Beoordeling.objects.filter(scan=scan).filter(
        pk__in=[b.pk for b in scan.beoordelingen.all() if b.item_key in punten]
    )
    kwargs = {"form_kwargs": {"regio": scan.regio, "punten": punten}, "queryset": queryset}
    if request.method == "POST":
        formset = BeoordelingFormSet(request.POST, **kwargs)
        if formset.is_valid():
            with transaction.atomic():
                today, role = timezone.localdate(), editor_role(request.user)
                for form in formset.forms:
                    beoordeling = form.save(commit=False)
                    beoordeling.beoordeeld_op, beoordeling.beoordeeld_door = today, role
                    beoordeling._history_user = request.user
                    beoordeling.save()
                    form.save_m2m()
            messages.success(request, f"Stap {stap.nummer} van de zelfscan is opgeslagen.")
            following = [s for s in steps if s.nummer > nummer and s.punten]
            if following and "_volgende" in request.POST:
                return redirect(_step_url(scan, following[0].nummer))
            return redirect(reverse("admin:zelfscan_zelfscan_change", args=[scan.pk]))
        messages.error(request, "Niet opgeslagen: verbeter de punten hieronder.")
    else:
        formset = BeoordelingFormSet(**kwargs)
    forms = sorted(formset.forms, key=lambda f: order.get(f.instance.item_key, 0))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Zelfscan {scan.regio.organisatie_naam}: stap {stap.nummer}, {stap.naam}",
        "scan": scan,
        "stap": stap,
        "stappen": [s for s in steps if s.punten],
        "formset": formset,
        "forms": forms,
        "opts": Zelfscan._meta,
        "stap_url": lambda n: _step_url(scan, n),
    }
    return TemplateResponse(request, "admin/zelfscan/stap.html", context)


def _step_url(scan, nummer):
    return reverse("admin:zelfscan_zelfscan_stap", args=[scan.pk, nummer])
