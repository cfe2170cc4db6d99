"""The drafts pages: public reading, comparison, and the agency's pages (with 404s)."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from danvan.consultations.models import Consultation, DraftVersion
from danvan.consultations.services.drafts import consultation_open, draft_import, draft_read
from danvan.consultations.tests.drafts.conftest import nt, t
from danvan.consultations.tests.drafts.docx_helpers import build_docx
from danvan.consultations.views import drafts as views
from danvan.units.models import User

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
OPENED = dt.datetime(2026, 3, 10, 10, 0, tzinfo=HCM)
COUNTS = (
    "%(parts)s parts, %(chapters)s chapters, %(sections)s sections, %(articles)s articles, "
    "%(clauses)s clauses, %(points)s points."
)
UNCERTAIN = (
    "This period is marked [U] (not yet verified against the legal text) in DOMAIN.md; it is "
    "configurable data: an administrator can correct it with a rule override in the deadline "
    "settings."
)


def DAYS_LEFT_18() -> str:  # noqa: N802
    return nt("%(days)s day left", "%(days)s days left", 18, days=18)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def url(name: str, consultation: Consultation | None = None) -> str:
    kwargs = {"slug": consultation.slug} if consultation else {}
    return reverse(f"consultations:{name}", kwargs=kwargs)


@pytest.fixture
def opened(imported: Consultation, handler: User) -> Consultation:
    with time_machine.travel(OPENED, tick=False):
        return consultation_open(consultation=imported, actor=handler)


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(dt.datetime(2026, 3, 12, 9, 0, tzinfo=HCM), tick=False) as t:
        yield t


# ------------------------------------------------------------------ public pages


def test_public_list_shows_open_consultations_with_countdown(
    client: Client, opened: Consultation, frozen: time_machine.Traveller
) -> None:
    response = client.get(url("drafts_public_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert opened.title in html
    assert DAYS_LEFT_18() in html  # 12/03 → last day 30/03
    assert "30/03/2026" in html


def test_public_list_leaves_out_drafts_and_internal_consultations(
    client: Client, imported: Consultation, committee: object, handler: User
) -> None:
    response = client.get(url("drafts_public_list"))
    assert imported.title not in response.content.decode()
    assert t("No draft is open for comments at the moment.") in response.content.decode()


def test_reading_page_has_toc_anchors_and_the_actions_hook(
    client: Client, opened: Consultation, frozen: time_machine.Traveller
) -> None:
    # given an open consultation, when anyone reads it
    response = client.get(url("drafts_read", opened))
    html = response.content.decode()
    # then every article and clause carries its anchor id, and the TOC links to them
    assert response.status_code == 200
    assert 'id="dieu-5"' in html
    assert 'id="dieu-4.k2.dd"' in html
    assert 'href="#dieu-5"' in html
    assert 'href="#chuong-ii"' in html
    assert "NHỮNG NỘI DUNG NHÂN DÂN THAM GIA Ý KIẾN" in html
    # and the window with its rule is shown
    assert DAYS_LEFT_18() in html
    assert "commune_consultation" in html
    # and each of the seven articles has its section, followed by the participation form
    assert len(re.findall(r'<section class="draft-article"', html)) == 7
    assert response.context["article_actions_template"] == views.ARTICLE_ACTIONS_WRAPPER
    assert len(re.findall(r'data-article-actions data-article="dieu-\d+"', html)) == 7
    # and the phone viewport meta is there (base template)
    assert 'name="viewport"' in html


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("ARTICLE_ACTIONS", "consultations/participation/_missing.html"),
        ("ARTICLE_ACTIONS_LIBRARY", "missing_tags"),
    ],
)
def test_reading_page_works_without_the_participation_area(
    client: Client,
    opened: Consultation,
    monkeypatch: pytest.MonkeyPatch,
    attribute: str,
    value: str,
) -> None:
    # given the participation partial or its tag library not there (yet)
    monkeypatch.setattr(views, attribute, value)
    monkeypatch.setattr(views, "PAGE_ASSETS", "consultations/participation/_missing.html")
    # then the page renders with the empty placeholders
    response = client.get(url("drafts_read", opened))
    assert response.status_code == 200
    assert response.context["article_actions_template"] == views.ARTICLE_ACTIONS_PLACEHOLDER
    assert response.context["page_assets_template"] == views.PAGE_ASSETS_PLACEHOLDER
    assert "data-article-actions" not in response.content.decode()
    assert 'id="dieu-7"' in response.content.decode()


def test_reading_context_hooks_are_merged(
    client: Client, opened: Consultation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from danvan.consultations.selectors import drafts as selectors

    monkeypatch.setattr(selectors, "_reading_hooks", [])

    def hook(
        request: object, consultation: Consultation, version: DraftVersion
    ) -> dict[str, object]:
        return {"my_votes": {"dieu-1": "agree"}, "hook_version": version.number}

    selectors.register_reading_context(hook)
    selectors.register_reading_context(hook)  # twice has no effect
    response = client.get(url("drafts_read", opened))
    assert response.context["my_votes"] == {"dieu-1": "agree"}
    assert response.context["hook_version"] == 1
    assert selectors._reading_hooks == [hook]


def test_a_draft_not_opened_is_404_to_the_public_but_not_to_its_staff(
    client: Client, imported: Consultation, handler: User, other_handler: User
) -> None:
    assert client.get(url("drafts_read", imported)).status_code == 404
    assert login(Client(), other_handler).get(url("drafts_read", imported)).status_code == 404
    response = login(Client(), handler).get(url("drafts_read", imported))
    assert response.status_code == 200
    assert t("Not open yet.") in response.content.decode()


def test_unknown_consultation_is_the_same_404(client: Client) -> None:
    response = client.get(reverse("consultations:drafts_read", kwargs={"slug": "khong-co-abc123"}))
    assert response.status_code == 404


def test_internal_draft_is_read_only_by_the_units_staff(
    client: Client,
    opened: Consultation,
    reception_officer: User,
    other_handler: User,
    citizen: User,
) -> None:
    Consultation.objects.filter(pk=opened.pk).update(
        kind=Consultation.Kind.INTERNAL, audience=Consultation.Audience.STAFF
    )
    assert client.get(url("drafts_read", opened)).status_code == 404
    assert login(Client(), citizen).get(url("drafts_read", opened)).status_code == 404
    assert login(Client(), other_handler).get(url("drafts_read", opened)).status_code == 404
    assert login(Client(), reception_officer).get(url("drafts_read", opened)).status_code == 200
    assert opened.title not in client.get(url("drafts_public_list")).content.decode()


def test_reading_page_without_a_version(
    client: Client, consultation: Consultation, handler: User
) -> None:
    response = login(client, handler).get(url("drafts_read", consultation))
    assert t("The text of the draft has not been imported yet.") in response.content.decode()


# ------------------------------------------------------------------ comparison


@pytest.fixture
def revised(opened: Consultation, handler: User, regulation_md: str) -> Consultation:
    text = regulation_md.replace("ít nhất là 20 ngày", "ít nhất là 30 ngày")
    draft_import(
        consultation=opened,
        draft=draft_read(text=text, text_format="markdown"),
        actor=handler,
        change_note="Kéo dài thời gian lấy ý kiến.",
    )
    return opened


def test_compare_shows_changed_articles_side_by_side_without_colour_alone(
    client: Client, revised: Consultation
) -> None:
    response = client.get(url("drafts_compare", revised))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="dieu-6"' in html
    assert 'id="dieu-1"' not in html  # unchanged articles hidden by default
    removed, added = t("removed"), t("added")
    assert f'<del><span class="visually-hidden">[{removed}: </span>20' in html
    assert f'<ins><span class="visually-hidden">[{added}: </span>30' in html
    assert "Kéo dài thời gian lấy ý kiến." in html
    assert response.context["counts"] == {"unchanged": 6, "changed": 1, "added": 0, "removed": 0}


def test_compare_all_and_one_article(client: Client, revised: Consultation) -> None:
    all_html = client.get(url("drafts_compare", revised) + "?tu=1&den=2&tat-ca=1").content.decode()
    assert 'id="dieu-1"' in all_html
    one = client.get(url("drafts_compare", revised) + "?dieu=dieu-6")
    assert [item.anchor for item in one.context["comparison"]] == ["dieu-6"]
    assert client.get(url("drafts_compare", revised) + "?dieu=dieu-99").status_code == 404


@pytest.mark.parametrize("query", ["?tu=7", "?den=9", "?tu=abc&den=1"])
def test_compare_with_bad_versions(client: Client, revised: Consultation, query: str) -> None:
    response = client.get(url("drafts_compare", revised) + query)
    # a non-number falls back to the default; a number that is no version is 404
    assert response.status_code == (200 if "abc" in query else 404)


def test_compare_needs_a_version(client: Client, consultation: Consultation, handler: User) -> None:
    assert login(client, handler).get(url("drafts_compare", consultation)).status_code == 404


# ------------------------------------------------------------------ the agency's pages


def test_manage_list_shows_own_and_lower_units_only(
    client: Client,
    imported: Consultation,
    province_staff: User,
    other_handler: User,
    handler: User,
) -> None:
    response = login(Client(), handler).get(url("drafts_manage_list"))
    assert imported.title in response.content.decode()
    assert (
        imported.title
        in login(Client(), province_staff).get(url("drafts_manage_list")).content.decode()
    )
    other = login(Client(), other_handler).get(url("drafts_manage_list"))
    assert other.status_code == 200
    assert imported.title not in other.content.decode()


def test_manage_pages_are_404_for_people_without_a_manager_role(
    client: Client, imported: Consultation, citizen: User, reception_officer: User
) -> None:
    for user in (citizen, reception_officer):
        c = login(Client(), user)
        assert c.get(url("drafts_manage_list")).status_code == 404
        assert c.get(url("drafts_create")).status_code == 404
        assert c.get(url("drafts_manage_detail", imported)).status_code == 404


@pytest.mark.parametrize(
    "name", ["drafts_manage_detail", "drafts_import", "drafts_open", "drafts_close"]
)
def test_another_units_staff_gets_404(
    client: Client, imported: Consultation, other_handler: User, name: str
) -> None:
    c = login(client, other_handler)
    method = c.post if name in {"drafts_open", "drafts_close"} else c.get
    assert method(url(name, imported)).status_code == 404
    imported.refresh_from_db()
    assert imported.status == Consultation.Status.DRAFT


def test_anonymous_is_sent_to_login(client: Client, imported: Consultation) -> None:
    response = client.get(url("drafts_manage_detail", imported))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_create_then_import_then_open(
    client: Client, handler: User, regulation_md: str, committee: object
) -> None:
    c = login(client, handler)
    # create
    response = c.post(
        url("drafts_create"),
        {
            "unit": handler.role_assignments.get().unit_id,
            "title": "Dự thảo Quy chế dân chủ ở cơ sở",
            "summary": "Lấy ý kiến Nhân dân.",
            "kind": "commune_matter",
            "audience": "households",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("drafts_import", consultation)
    # preview: nothing saved, structure shown
    response = c.post(
        url("drafts_import", consultation),
        {"text": regulation_md, "text_format": "markdown", "preview": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert nt("%(n)s article found.", "%(n)s articles found.", 7, n=7) in html
    assert 'id="dieu-4.k2.dd"' in html
    assert "#dieu-4" in html
    assert not DraftVersion.objects.exists()
    # save
    response = c.post(
        url("drafts_import", consultation), {"text": regulation_md, "text_format": "markdown"}
    )
    assert response.status_code == 302
    detail = c.get(url("drafts_manage_detail", consultation))
    html = detail.content.decode()
    assert t(COUNTS, parts=0, chapters=3, sections=0, articles=7, clauses=16, points=7) in html
    assert t(UNCERTAIN) not in html  # the commune rule is verified [V]
    # open
    with time_machine.travel(OPENED, tick=False):
        response = c.post(url("drafts_open", consultation), {"last_day": ""})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.closes_at == dt.datetime(2026, 3, 31, 0, 0, tzinfo=HCM)


def test_create_with_bad_input_keeps_it(client: Client, handler: User) -> None:
    c = login(client, handler)
    response = c.post(
        url("drafts_create"),
        {
            "unit": handler.role_assignments.get().unit_id,
            "title": "Dự thảo nội bộ cho mọi người",
            "kind": "internal",
            "audience": "everyone",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        escape(t("An internal draft is for the agency's staff, and only an internal one is."))
        in html
    )
    assert 'value="Dự thảo nội bộ cho mọi người"' in html
    assert not Consultation.objects.exists()


def test_import_text_without_articles_keeps_the_text(
    client: Client, consultation: Consultation, handler: User
) -> None:
    c = login(client, handler)
    letter = "Kính gửi Ủy ban nhân dân xã Khoái Châu.\nĐề nghị sửa đường."
    response = c.post(url("drafts_import", consultation), {"text": letter, "text_format": "text"})
    assert response.status_code == 400
    html = response.content.decode()
    no_articles = t(
        "No article was found in the draft. Each article must begin on its own line with "
        "“Điều” and its number, for example “Điều 1. Phạm vi điều chỉnh”."
    )
    assert no_articles in html
    assert "Kính gửi Ủy ban nhân dân xã Khoái Châu." in html
    assert not DraftVersion.objects.exists()


def test_import_docx_without_articles_puts_its_text_in_the_box(
    client: Client, consultation: Consultation, handler: User
) -> None:
    c = login(client, handler)
    upload = SimpleUploadedFile("bao-cao.docx", build_docx(["Báo cáo sơ kết", "Nội dung."]))
    response = c.post(url("drafts_import", consultation), {"file": upload, "text_format": "text"})
    assert response.status_code == 400
    assert response.context["form"]["text"].value() == "Báo cáo sơ kết\nNội dung."


def test_import_docx_upload_and_preview_then_save(
    client: Client, consultation: Consultation, handler: User, regulation_docx: bytes
) -> None:
    c = login(client, handler)
    upload = SimpleUploadedFile("du-thao.docx", regulation_docx)
    response = c.post(
        url("drafts_import", consultation), {"file": upload, "text_format": "text", "preview": "1"}
    )
    assert response.status_code == 200
    assert "Điều 4. Nội dung Nhân dân" in response.context["form"]["text"].value()
    upload = SimpleUploadedFile("du-thao.docx", regulation_docx)
    response = c.post(url("drafts_import", consultation), {"file": upload, "text_format": "text"})
    assert response.status_code == 302
    version = DraftVersion.objects.get()
    assert (version.source_format, version.source_name) == ("docx", "du-thao.docx")


@override_settings(CONSULTATIONS_DRAFT_MAX_UPLOAD_BYTES=1024)
def test_import_oversized_file(client: Client, consultation: Consultation, handler: User) -> None:
    c = login(client, handler)
    upload = SimpleUploadedFile("du-thao.txt", b"x" * 2048)
    response = c.post(url("drafts_import", consultation), {"file": upload, "text_format": "text"})
    assert response.status_code == 400
    assert (
        t(
            "The file is %(size)s; the largest draft accepted is %(limit)s.",
            size="2 KB",
            limit="1 KB",
        )
        in response.content.decode()
    )


@override_settings(CONSULTATIONS_DRAFT_MAX_TEXT_CHARS=50)
def test_import_oversized_text_keeps_it(
    client: Client, consultation: Consultation, handler: User
) -> None:
    c = login(client, handler)
    text = "Điều 1. Phạm vi điều chỉnh\n" + "Nội dung rất dài. " * 5
    response = c.post(url("drafts_import", consultation), {"text": text, "text_format": "text"})
    assert response.status_code == 400
    message = t(
        "The text has %(length)s characters; the longest accepted is %(limit)s. "
        "Upload it as a Word document instead.",
        length=len(text),
        limit=50,
    )
    assert message in response.content.decode()
    assert response.context["form"]["text"].value() == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "  ", "text_format": "text"}, "Choose a file or paste the text of the draft."),
        (
            {"file": SimpleUploadedFile("a.pdf", b"%PDF"), "text_format": "text"},
            "Upload a Word document (.docx), a Markdown file (.md) or a text file (.txt).",
        ),
    ],
)
def test_import_bad_input(
    client: Client, consultation: Consultation, handler: User, data: dict[str, object], message: str
) -> None:
    response = login(client, handler).post(url("drafts_import", consultation), data)
    assert response.status_code == 400
    assert t(message) in response.content.decode()


def test_import_with_warnings_saves_and_warns(
    client: Client, consultation: Consultation, handler: User
) -> None:
    c = login(client, handler)
    response = c.post(
        url("drafts_import", consultation),
        {"text": "Điều 1. A\nĐiều 1. B", "text_format": "text"},
        follow=True,
    )
    duplicate = t(
        "“%(anchor)s” appears more than once; the later ones were given a "
        "numbered anchor (“%(anchor)s-2”, …). Check the numbering.",
        anchor="dieu-1",
    )
    assert duplicate in response.content.decode()
    assert DraftVersion.objects.get().provisions.filter(anchor="dieu-1-2").exists()


def test_import_after_report_is_refused_on_the_page(
    client: Client, imported: Consultation, handler: User, regulation_md: str
) -> None:
    Consultation.objects.filter(pk=imported.pk).update(status=Consultation.Status.REPORTED)
    response = login(client, handler).post(
        url("drafts_import", imported), {"text": regulation_md, "text_format": "markdown"}
    )
    assert response.status_code == 400
    assert t("The synthesis report is published; the draft can no longer change.") in (
        response.content.decode()
    )


def test_open_with_too_early_a_last_day(
    client: Client, imported: Consultation, handler: User
) -> None:
    c = login(client, handler)
    with time_machine.travel(OPENED, tick=False):
        response = c.post(url("drafts_open", imported), {"last_day": "2026-03-20"})
    assert response.status_code == 400
    message = t(
        "Comments must be accepted at least until the end of %(date)s "
        "(the minimum period of rule %(rule)s).",
        date="30/03/2026",
        rule="commune_consultation",
    )
    assert message in response.content.decode()
    imported.refresh_from_db()
    assert imported.status == Consultation.Status.DRAFT


def test_open_with_a_malformed_date(client: Client, imported: Consultation, handler: User) -> None:
    response = login(client, handler).post(url("drafts_open", imported), {"last_day": "hôm nay"})
    assert response.status_code == 400


def test_close_early_is_refused_with_a_message_then_allowed(
    client: Client, opened: Consultation, handler: User
) -> None:
    c = login(client, handler)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0, tzinfo=HCM), tick=False):
        response = c.post(url("drafts_close", opened), follow=True)
    message = t(
        "The legal minimum period runs until the end of %(date)s; the consultation "
        "cannot be closed before then.",
        date="30/03/2026",
    )
    assert message in response.content.decode()
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, 0, tzinfo=HCM), tick=False):
        response = c.post(url("drafts_close", opened), follow=True)
    assert t("The consultation is closed.") in response.content.decode()
    opened.refresh_from_db()
    assert opened.status == Consultation.Status.CLOSED


def test_detail_shows_the_rule_as_uncertain_configurable_data(
    client: Client, committee: object, handler: User, regulation_md: str
) -> None:
    from danvan.consultations.services.drafts import consultation_create

    consultation = consultation_create(
        unit=handler.role_assignments.get().unit, title="Dự thảo Nghị quyết", actor=handler
    )
    html = login(client, handler).get(url("drafts_manage_detail", consultation)).content.decode()
    assert "consultation_posting" in html
    assert t(UNCERTAIN) in html
    assert t("Import the draft before opening the consultation.") in html
