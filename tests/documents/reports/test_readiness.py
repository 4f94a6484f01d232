"""Ready to finalize: what the report lacks is listed, and finalization is refused while an item remains that is
not waived; the symbol, the date of issue and a text to archive cannot be waived."""

import pytest
from django.urls import reverse

from documents.reports.models import Report, Waiver
from documents.reports.services import ReportError, finalize_report, open_corrigendum
from meetings.sessions.services import create_session

pytestmark = pytest.mark.django_db


def draft(session) -> str:
    return reverse("reports:report", kwargs={"code": session.code})


def test_a_new_sessions_report_cannot_be_finalized_before_it_has_a_symbol_a_date_and_a_text(
    client, small_session, cast
):
    secretariat = cast["secretariat"]
    session = create_session(
        committee=small_session.committee,
        values={"number": 3, "code": "TST/G/3", "time_zone": "UTC"},
        by=secretariat,
    )
    report = Report.objects.get(session=session)
    with pytest.raises(ReportError, match="The report has no symbol yet.*no drafted text"):
        finalize_report(report=report, by=cast["rapporteur"])

    client.force_login(secretariat)
    client.post(reverse("reports:symbol", kwargs={"code": session.code}))
    report.refresh_from_db()
    assert report.document.symbol.startswith("TST/G/3/")
    shown = client.get(draft(session)).content.decode()
    assert f"Symbol: {report.document.symbol}" in shown
    assert "The report has no date of issue yet." in shown

    landed = client.post(reverse("reports:symbol", kwargs={"code": session.code}), {"issued_on": "2026-05-04"})
    report.document.refresh_from_db()
    assert str(report.document.issued_on) == "2026-05-04"
    assert landed.status_code == 302

    refused = client.post(
        reverse("reports:waive", kwargs={"code": session.code}), {"item": "text", "reason": "None yet."}, follow=True
    )
    assert "cannot be waived" in refused.content.decode()
    assert not Waiver.objects.exists()


def test_a_waiver_needs_a_reason_is_kept_and_lets_the_report_be_finalized(client, small_session, cast):
    secretariat, rapporteur = cast["secretariat"], cast["rapporteur"]
    small_session.proceedings.filter(kind="organization_of_work").delete()
    report = Report.objects.get(session=small_session)
    client.force_login(rapporteur)
    page = client.get(draft(small_session)).content.decode()
    assert "Organization of work" in page.split('id="readiness"')[1]
    assert 'disabled aria-describedby="readiness-title">Finalize the report' in page
    with pytest.raises(ReportError, match="Missing: Organization of work"):
        finalize_report(report=report, by=rapporteur)

    client.force_login(secretariat)
    waive = reverse("reports:waive", kwargs={"code": small_session.code})
    empty = client.post(waive, {"item": "step:organization_of_work", "reason": "  "}, follow=True)
    assert "Say why the report may be finalized without it." in empty.content.decode()
    client.post(waive, {"item": "step:organization_of_work", "reason": "The Group kept the proposed timetable."})

    waiver = Waiver.objects.get(report=report)
    assert (waiver.item, waiver.version, waiver.waived_by) == ("step:organization_of_work", 1, secretariat)
    assert waiver.history.first().reason == "The Group kept the proposed timetable."
    shown = client.get(draft(small_session)).content.decode()
    assert "The Group kept the proposed timetable." in shown
    assert "Waived by" in shown

    archived = finalize_report(report=report, by=rapporteur)
    assert [(entry.language, entry.format) for entry in archived] == [("en", "docx"), ("en", "pdf"), ("en", "akn")]


def test_a_corrigendum_asks_for_its_own_waivers(small_session, cast):
    from documents.reports.services import waive

    small_session.proceedings.filter(kind="adoption_of_report").delete()
    report = Report.objects.get(session=small_session)
    waive(report=report, item="step:adoption_of_report", reason="Not held.", by=cast["secretariat"])
    finalize_report(report=report, by=cast["rapporteur"])
    open_corrigendum(report=report, by=cast["secretariat"])

    with pytest.raises(ReportError, match="Adoption of the report"):
        finalize_report(report=report, by=cast["rapporteur"])


def test_the_waiver_is_withdrawn_and_the_item_blocks_again(client, small_session, cast):
    small_session.proceedings.filter(kind="adoption_of_report").delete()
    report = Report.objects.get(session=small_session)
    client.force_login(cast["secretariat"])
    waive = reverse("reports:waive", kwargs={"code": small_session.code})
    client.post(waive, {"item": "step:adoption_of_report", "reason": "x"})
    waiver = Waiver.objects.get()
    url = reverse("reports:withdraw_waiver", kwargs={"code": small_session.code, "pk": waiver.pk})
    assert "The waiver is withdrawn." in client.post(url, follow=True).content.decode()
    with pytest.raises(ReportError, match="Adoption of the report"):
        finalize_report(report=report, by=cast["rapporteur"])
