"""The register's pages through HTTP: access, the list and its CSV, the entry form, links,
deletion, the review of references, and registering from an uploaded or pasted text."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from danvan.directives.models import Directive, Document, DocumentLink, Reference
from danvan.directives.services.register import document_link, document_register
from danvan.directives.tests.conftest import World
from danvan.directives.tests.register.conftest import DIRECTIVE_TEXT
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def vi(message: str) -> str:
    """A message as a Vietnamese officer reads it (the catalogue's wording, or the msgid)."""
    with translation.override("vi"):
        return gettext(message)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"directives:{name}", kwargs=kwargs)


@pytest.fixture
def directive(world: World, officer: User) -> Document:
    """33/CT-TTg registered with its text; 23-QĐ/TW was in the register before it."""
    document_register(
        actor=officer,
        unit=world.commission,
        symbol="23-QĐ/TW",
        issued_on=dt.date(2021, 7, 30),
        title="Ban hành Quy chế công tác dân vận",
    )
    return document_register(
        actor=officer,
        unit=world.commission,
        symbol="33/CT-TTg",
        issued_on=dt.date(2021, 12, 10),
        title="Về tiếp tục tăng cường, đổi mới công tác dân vận",
        full_text=DIRECTIVE_TEXT,
        file_name="ct33.txt",
        file_data=DIRECTIVE_TEXT.encode(),
    ).document


# ------------------------------------------------------------------ access


def _every_url(document: Document) -> list[tuple[str, str]]:
    reference = document.references.first()
    assert reference is not None
    link = DocumentLink.objects.first()
    assert link is not None
    pk = document.pk
    return [
        ("get", url("register_list")),
        ("get", url("register_export")),
        ("get", url("register_create")),
        ("get", url("register_upload")),
        ("get", url("register_detail", pk=pk)),
        ("get", url("register_download", pk=pk)),
        ("get", url("register_edit", pk=pk)),
        ("get", url("register_delete", pk=pk)),
        ("post", url("register_link", pk=pk)),
        ("post", url("register_unlink", pk=pk, link_pk=link.pk)),
        ("get", url("register_references", pk=pk)),
        ("post", url("register_references_refresh", pk=pk)),
        ("post", url("register_references_stubs", pk=pk)),
        ("post", url("register_reference_stub", pk=pk, reference_pk=reference.pk)),
        ("post", url("register_reference_link", pk=pk, reference_pk=reference.pk)),
        ("post", url("register_reference_unlink", pk=pk, reference_pk=reference.pk)),
    ]


READ_PAGES = {"register_list", "register_export", "register_detail", "register_download"}


def test_visitors_sign_in_and_citizens_get_404_on_every_register_page(
    client: Client, world: World, directive: Document
) -> None:
    # given the register holds a document with links and references
    pages = _every_url(directive)
    for method, address in pages:
        # when a visitor who is not signed in opens any register page
        response = getattr(client, method)(address)
        # then they are sent to sign in first (an officer whose session expired)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("units:login")), address
    client.force_login(world.citizen)
    for method, address in pages:
        # when a citizen opens any register page
        response = getattr(client, method)(address)
        # then it does not exist for them (nothing changed)
        assert response.status_code == 404, address
    assert Document.objects.count() == 2


def test_staff_who_direct_nothing_read_but_do_not_change(
    client: Client, reader: User, directive: Document
) -> None:
    client.force_login(reader)
    pages = _every_url(directive)
    read_only = {
        url("register_list"),
        url("register_export"),
        url("register_detail", pk=directive.pk),
        url("register_download", pk=directive.pk),
        url("register_references", pk=directive.pk),
    }
    for method, address in pages:
        response = getattr(client, method)(address)
        expected = 200 if address in read_only else 404
        assert response.status_code == expected, address
    detail = text_of(client.get(url("register_detail", pk=directive.pk)))
    assert url("register_edit", pk=directive.pk) not in detail
    review = text_of(client.get(url("register_references", pk=directive.pk)))
    assert vi("Create the entry") not in review


def test_a_commune_head_registers_for_the_commune_but_does_not_edit_the_province(
    client: Client, commune_head: User, directive: Document
) -> None:
    client.force_login(commune_head)
    assert client.get(url("register_create")).status_code == 200
    assert client.get(url("register_edit", pk=directive.pk)).status_code == 404


# ------------------------------------------------------------------ the list


def test_list_searches_without_diacritics_and_filters(
    officer_client: Client, directive: Document
) -> None:
    # when the officer searches "chi thi 33" without diacritics
    page = text_of(officer_client.get(url("register_list"), {"q": "chi thi 33"}))
    # then the directive is listed, the Politburo decision is not
    assert "33/CT-TTg" in page
    assert "23-QĐ/TW" not in page
    # and the filters work (an unknown year is ignored rather than failing)
    party = text_of(officer_client.get(url("register_list"), {"family": "party", "year": "1900"}))
    assert "23-QĐ/TW" in party
    assert "33/CT-TTg" not in party
    nothing = text_of(officer_client.get(url("register_list"), {"q": "khong co gi ca"}))
    assert vi("No document matches. Try fewer words, or the number alone.") in nothing
    assert vi("Register from a file or text") in nothing


def test_list_pages_through_many_documents(officer_client: Client, add_document: Any) -> None:
    for number in range(1, 53):
        add_document(f"{number}/QĐ-UBND", issued_on=dt.date(2025, 1, 1) + dt.timedelta(number))
    first = officer_client.get(url("register_list"), {"issuer": "UBND"})
    second = officer_client.get(url("register_list"), {"issuer": "UBND", "trang": "2"})
    assert "trang=2" in text_of(first)
    assert "issuer=UBND" in text_of(first)
    assert "1/QĐ-UBND" in text_of(second)  # the oldest comes last
    assert "52/QĐ-UBND" not in text_of(second)


def test_an_empty_register_says_so(officer_client: Client) -> None:
    assert vi("The register is empty.") in text_of(officer_client.get(url("register_list")))


def test_csv_export_lists_the_filtered_documents(
    officer_client: Client, directive: Document, add_document: Any
) -> None:
    add_document("5/KH-UBND", issued_on=dt.date(2026, 1, 5), title="=HYPERLINK(1)")
    response = officer_client.get(url("register_export"), {"q": "chi thi"})
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff")
    assert "33/CT-TTg" in body
    assert "10/12/2021" in body
    assert "Thủ tướng Chính phủ" in body
    assert "5/KH-UBND" not in body
    everything = officer_client.get(url("register_export")).content.decode("utf-8")
    assert "'=HYPERLINK(1)" in everything


# ------------------------------------------------------------------ one entry


def test_detail_shows_details_links_both_ways_references_and_follow_up(
    world: World, officer: User, officer_client: Client, directive: Document
) -> None:
    # given the directive replaces an older one and is followed up by the commission
    decision = Document.objects.get(symbol="23-QĐ/TW")
    Directive.objects.create(document=directive, unit=world.commission, title="Theo dõi CT 33")
    # when its page and the decision's page are opened
    page = text_of(officer_client.get(url("register_detail", pk=directive.pk)))
    decision_page = text_of(officer_client.get(url("register_detail", pk=decision.pk)))
    # then
    assert "Thủ tướng Chính phủ (TTg)" in page
    assert url("register_download", pk=directive.pk) in page
    assert "114-KL/TW" in page
    assert vi("not in the register") in page
    assert "Theo dõi CT 33" in page
    assert world.commission.name in page
    follow_up = Directive.objects.get(title="Theo dõi CT 33")
    assert url("tasks_directive_detail", pk=follow_up.pk) in page
    assert f"{url('tasks_directive_create')}?van-ban={directive.pk}" in page
    assert "Thực hiện Quyết định số 23-QĐ/TW" in page  # the full text
    assert vi("This document is implemented by") in decision_page
    assert "33/CT-TTg" in decision_page
    assert vi("Cited by") in decision_page


def test_the_file_is_downloaded(officer_client: Client, directive: Document) -> None:
    response = officer_client.get(url("register_download", pk=directive.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == DIRECTIVE_TEXT  # type: ignore[attr-defined]
    assert "attachment" in response["Content-Disposition"]
    decision = Document.objects.get(symbol="23-QĐ/TW")
    assert officer_client.get(url("register_download", pk=decision.pk)).status_code == 404


# ------------------------------------------------------------------ the entry form


def _form(**values: Any) -> dict[str, Any]:
    data = {
        "symbol": "",
        "issued_on": "",
        "party_term": "",
        "doc_type": "",
        "issuer_name": "",
        "title": "",
        "full_text": "",
        "submission_key": "a" * 32,
    }
    data.update(values)
    return data


def test_an_unrecognised_symbol_is_refused_and_kept(officer_client: Client) -> None:
    response = officer_client.post(
        url("register_create"), _form(symbol="QĐ số mười hai", issued_on="05/03/2026")
    )
    page = text_of(response)
    assert response.status_code == 400
    assert 'value="QĐ số mười hai"' in page
    assert 'value="05/03/2026"' in page
    assert "127-QĐ/TW" in page  # the shapes expected are shown
    assert not Document.objects.exists()


def test_check_the_symbol_shows_what_it_says_without_saving(officer_client: Client) -> None:
    response = officer_client.post(
        url("register_create"), _form(symbol="127-QD/TW", issued_on="03/05/2024", check="1")
    )
    page = text_of(response)
    assert response.status_code == 200
    assert 'value="127-QĐ/TW"' in page
    assert vi("Party document") in page
    assert not Document.objects.exists()


def test_entering_a_document_by_hand(officer_client: Client) -> None:
    # when the form is sent twice with the same one-time key (a double click)
    data = _form(symbol="575/QD-UBND", issued_on="01/03/2025", title="Kế hoạch dân vận")
    first = officer_client.post(url("register_create"), data)
    second = officer_client.post(url("register_create"), data)
    # then one entry is made, and both lead to it
    document = Document.objects.get()
    assert document.symbol == "575/QĐ-UBND"
    assert first["Location"] == second["Location"] == url("register_detail", pk=document.pk)
    follow = text_of(officer_client.get(second["Location"]))
    assert vi("This form had already been sent: the entry was made once.") in follow


def test_entering_a_document_with_its_text_leads_to_the_review(officer_client: Client) -> None:
    text_file = SimpleUploadedFile("ct.txt", b"noi dung", content_type="text/plain")
    response = officer_client.post(
        url("register_create"),
        {**_form(symbol="33/CT-TTg", issued_on="10/12/2021", full_text=DIRECTIVE_TEXT),
         "file": text_file},
    )  # fmt: skip
    document = Document.objects.get(symbol="33/CT-TTg")
    assert response["Location"] == url("register_references", pk=document.pk)
    assert document.references.count() == 4
    assert document.file


def test_a_duplicate_gets_a_message_linking_the_existing_entry(
    officer_client: Client, directive: Document
) -> None:
    response = officer_client.post(
        url("register_create"), _form(symbol="33/CT-TTG", issued_on="10/12/2021")
    )
    page = text_of(response)
    assert response.status_code == 400
    assert url("register_detail", pk=directive.pk) in page
    assert 'value="33/CT-TTG"' in page or 'value="33/CT-TTg"' in page
    assert Document.objects.filter(symbol="33/CT-TTg").count() == 1


def test_a_file_of_another_kind_is_refused(officer_client: Client) -> None:
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = officer_client.post(
        url("register_create"),
        {**_form(symbol="5/KH-UBND", issued_on="05/01/2026"), "file": upload},
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_editing_an_entry(officer_client: Client, directive: Document) -> None:
    page = text_of(officer_client.get(url("register_edit", pk=directive.pk)))
    assert 'value="33/CT-TTg"' in page
    assert 'value="10/12/2021"' in page
    data = _form(
        symbol="33/CT-TTg",
        issued_on="10/12/2021",
        title="Tiêu đề mới",
        full_text=directive.full_text,
        remove_file="on",
    )
    checked = officer_client.post(url("register_edit", pk=directive.pk), {**data, "check": "1"})
    assert checked.status_code == 200
    response = officer_client.post(url("register_edit", pk=directive.pk), data)
    assert response["Location"] == url("register_detail", pk=directive.pk)
    directive.refresh_from_db()
    assert directive.title == "Tiêu đề mới"
    assert not directive.file
    bad = officer_client.post(url("register_edit", pk=directive.pk), {**data, "symbol": "x"})
    assert bad.status_code == 400
    duplicate = officer_client.post(
        url("register_edit", pk=directive.pk),
        {**data, "symbol": "23-QĐ/TW", "issued_on": "30/07/2021"},
    )
    assert duplicate.status_code == 400


def test_deleting_an_entry_nothing_points_at(officer_client: Client, directive: Document) -> None:
    decision = Document.objects.get(symbol="23-QĐ/TW")
    # the decision is cited and linked: its page says why it stays
    blocked = text_of(officer_client.get(url("register_delete", pk=decision.pk)))
    assert vi("This entry cannot be deleted while other records point at it:") in blocked
    refused = officer_client.post(url("register_delete", pk=decision.pk))
    assert refused.status_code == 302
    assert Document.objects.filter(pk=decision.pk).exists()
    # the directive, which nothing points at, may be deleted
    assert officer_client.get(url("register_delete", pk=directive.pk)).status_code == 200
    response = officer_client.post(url("register_delete", pk=directive.pk))
    assert response["Location"] == url("register_list")
    assert not Document.objects.filter(pk=directive.pk).exists()


# ------------------------------------------------------------------ links


def test_linking_by_symbol_both_ways(
    officer_client: Client, directive: Document, add_document: Any
) -> None:
    old = add_document("16/2008/CT-TTg", issued_on=dt.date(2008, 5, 30))
    plan = add_document("12/KH-UBND", issued_on=dt.date(2022, 1, 5))
    link = url("register_link", pk=directive.pk)
    # this directive replaces 16/2008/CT-TTg (typed without Đ or case care)
    response = officer_client.post(link, {"relation": "out:replaces", "other": "16/2008/ct-ttg"})
    assert response.status_code == 302
    assert DocumentLink.objects.filter(source=directive, target=old, kind="replaces").exists()
    # the plan implements this directive
    officer_client.post(link, {"relation": "in:implements", "other": "12/KH-UBND"})
    assert DocumentLink.objects.filter(source=plan, target=directive, kind="implements").exists()
    page = text_of(officer_client.get(url("register_detail", pk=directive.pk)))
    assert "16/2008/CT-TTg" in page
    assert "12/KH-UBND" in page


def test_linking_explains_what_is_wrong(
    officer_client: Client, directive: Document, add_document: Any
) -> None:
    link = url("register_link", pk=directive.pk)
    missing = officer_client.post(link, {"relation": "out:cites", "other": "99/QĐ-UBND"})
    assert missing.status_code == 400
    assert "99/QĐ-UBND" in text_of(missing)
    bad = officer_client.post(link, {"relation": "out:cites", "other": "không phải"})
    assert bad.status_code == 400
    itself = officer_client.post(link, {"relation": "out:cites", "other": "33/CT-TTg"})
    assert itself.status_code == 400
    add_document("575/QĐ-UBND", issued_on=dt.date(2024, 3, 1))
    of_2025 = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1))
    several = officer_client.post(link, {"relation": "out:cites", "other": "575/QĐ-UBND"})
    assert several.status_code == 400
    assert "2024, 2025" in text_of(several)
    chosen = officer_client.post(
        link, {"relation": "out:cites", "other": "575/QĐ-UBND", "other_year": "2025"}
    )
    assert chosen.status_code == 302
    assert DocumentLink.objects.filter(source=directive, target=of_2025, kind="cites").exists()
    decision = Document.objects.get(symbol="23-QĐ/TW")
    contradiction = officer_client.post(
        url("register_link", pk=decision.pk), {"relation": "out:implements", "other": "33/CT-TTg"}
    )
    assert contradiction.status_code == 400


def test_removing_a_link_from_either_end(
    officer: User, officer_client: Client, directive: Document
) -> None:
    decision = Document.objects.get(symbol="23-QĐ/TW")
    link = DocumentLink.objects.get(source=directive, target=decision)
    response = officer_client.post(url("register_unlink", pk=decision.pk, link_pk=link.pk))
    assert response.status_code == 302
    assert not DocumentLink.objects.exists()
    other = document_link(source=decision, target=directive, kind="cites", actor=officer)
    third = Document.objects.create(
        family="state", doc_type="plan", number="1", symbol="1/KH-X", identity_key="x"
    )
    assert (
        officer_client.post(url("register_unlink", pk=third.pk, link_pk=other.pk)).status_code
        == 404
    )


# ------------------------------------------------------------------ the review page


def test_review_page_shows_each_reference_and_its_status(
    officer_client: Client, directive: Document
) -> None:
    page = text_of(officer_client.get(url("register_references", pk=directive.pk)))
    assert vi("Linked to") in page
    assert "23-QĐ/TW" in page
    assert vi("Not in the register") in page
    assert "114-KL/TW" in page
    assert vi("Two different dates:") in page
    assert "31/07/2021" in page
    assert vi("To check") in page
    assert "30/07/2021" in page
    assert vi("Create the entry") in page


def test_create_entry_and_create_all_missing(officer_client: Client, directive: Document) -> None:
    # when "create entry" is pressed for the replaced directive
    reference = directive.references.get(symbol="16/2008/CT-TTg")
    response = officer_client.post(
        url("register_reference_stub", pk=directive.pk, reference_pk=reference.pk)
    )
    # then a stub is made, linked with its relation, and the page returns to the row
    assert response["Location"].endswith(f"#trich-dan-{reference.pk}")
    stub = Document.objects.get(symbol="16/2008/CT-TTg")
    assert stub.is_stub
    assert DocumentLink.objects.filter(source=directive, target=stub, kind="replaces").exists()
    # and "create all missing" enters the other two
    officer_client.post(url("register_references_stubs", pk=directive.pk))
    assert not directive.references.filter(target=None).exists()
    assert Document.objects.filter(is_stub=True).count() == 3
    page = text_of(officer_client.get(url("register_references", pk=directive.pk)))
    assert vi("Not in the register") not in page


def test_choosing_among_several_entries_and_undoing(
    officer: User, officer_client: Client, add_document: Any
) -> None:
    of_2024 = add_document("575/QĐ-UBND", issued_on=dt.date(2024, 3, 1))
    add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1))
    plan = document_register(
        actor=officer,
        unit=None,
        symbol="9/KH-UBND",
        issued_on=dt.date(2026, 1, 5),
        full_text="Căn cứ Quyết định số 575/QĐ-UBND của UBND tỉnh.",
    ).document
    reference = plan.references.get()
    review = url("register_references", pk=plan.pk)
    page = text_of(officer_client.get(review))
    assert vi("Several entries carry this symbol: choose one.") in page
    link = url("register_reference_link", pk=plan.pk, reference_pk=reference.pk)
    assert officer_client.post(link, {"target": "abc"}).status_code == 404
    wrong = officer_client.post(link, {"target": str(plan.pk)})
    assert wrong.status_code == 302
    assert Reference.objects.get().target is None
    officer_client.post(link, {"target": str(of_2024.pk)})
    assert Reference.objects.get().target == of_2024
    officer_client.post(url("register_reference_unlink", pk=plan.pk, reference_pk=reference.pk))
    assert Reference.objects.get().target is None
    other = url("register_reference_stub", pk=plan.pk, reference_pk=reference.pk + 1000)
    assert officer_client.post(other).status_code == 404


def test_reading_the_text_again_finds_documents_registered_since(
    officer_client: Client, directive: Document
) -> None:
    response = officer_client.post(url("register_references_refresh", pk=directive.pk))
    assert response.status_code == 302
    assert directive.references.count() == 4


# ------------------------------------------------------------------ from a file or a text


def _upload(**values: Any) -> dict[str, Any]:
    data = {
        "text": "",
        "pending": "",
        "symbol": "",
        "issued_on": "",
        "party_term": "",
        "doc_type": "",
        "issuer_name": "",
        "title": "",
        "submission_key": "u" * 32,
    }
    data.update(values)
    return data


def test_upload_reads_the_header_then_registers_and_links(
    officer_client: Client, add_document: Any
) -> None:
    # given the decision the directive implements is in the register
    decision = add_document("23-QĐ/TW", issued_on=dt.date(2021, 7, 30))
    form = officer_client.get(url("register_upload"))
    assert 'name="submission_key"' in text_of(form)
    # when the officer uploads the .txt and presses "Read the text"
    upload = SimpleUploadedFile("ct33.txt", DIRECTIVE_TEXT.encode(), content_type="text/plain")
    read = officer_client.post(url("register_upload"), {**_upload(read="1"), "file": upload})
    page = text_of(read)
    # then the details are filled in from the header, the file is kept, the citations listed
    assert read.status_code == 200
    assert 'value="33/CT-TTg"' in page
    assert 'value="10/12/2021"' in page
    assert "Về tiếp tục tăng cường" in page
    assert vi("Read from the text: check it.") in page
    assert "114-KL/TW" in page
    pending = read.context["pending"]
    assert pending.name == "ct33.txt"
    assert not Document.objects.filter(symbol="33/CT-TTg").exists()
    # when "Register" is pressed with the (checked) details and the kept file
    details = {
        key: read.context["form"][key].value() or ""
        for key in ("symbol", "issued_on", "title", "doc_type", "pending")
    }
    registered = officer_client.post(url("register_upload"), {**_upload(register="1"), **details})
    # then the directive is registered with its text and file, and references are linked
    document = Document.objects.get(symbol="33/CT-TTg")
    assert registered["Location"] == url("register_references", pk=document.pk)
    assert document.doc_type == "directive"
    assert document.full_text.startswith("THỦ TƯỚNG CHÍNH PHỦ")
    with document.file.open("rb") as handle:
        assert handle.read() == DIRECTIVE_TEXT.encode()
    assert document.references.get(symbol="23-QĐ/TW").target == decision
    assert DocumentLink.objects.filter(source=document, target=decision).exists()
    follow = text_of(officer_client.get(registered["Location"]))
    assert vi("Linked to") in follow
    # and sending the same form again (Back, then Register) makes nothing new
    again = officer_client.post(url("register_upload"), {**_upload(register="1"), **details})
    assert again["Location"] == registered["Location"]
    assert Document.objects.filter(symbol="33/CT-TTg").count() == 1


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_upload_of_word_and_pdf_files(
    officer_client: Client, directive_docx: bytes, text_pdf: bytes, kind: str
) -> None:
    data = directive_docx if kind == "docx" else text_pdf
    upload = SimpleUploadedFile(f"ct33.{kind}", data)
    details = _upload(
        register="1",
        symbol="33/CT-TTg",
        issued_on="10/12/2021",
        doc_type="directive",
        title="Về công tác dân vận",
    )
    response = officer_client.post(url("register_upload"), {**details, "file": upload})
    document = Document.objects.get(symbol="33/CT-TTg")
    assert response["Location"] == url("register_references", pk=document.pk)
    assert "23-QĐ/TW" in document.full_text
    assert str(document.file.name).endswith(f".{kind}")
    assert document.references.count() == 4


def test_a_scanned_pdf_loses_nothing(officer_client: Client, scanned_pdf: bytes) -> None:
    # when the officer uploads a scan with the details typed in
    upload = SimpleUploadedFile("ban-quet.pdf", scanned_pdf, content_type="application/pdf")
    details = _upload(register="1", symbol="33/CT-TTg", issued_on="10/12/2021", title="Về dân vận")
    refused = officer_client.post(url("register_upload"), {**details, "file": upload})
    page = text_of(refused)
    # then a clear message says so, and the details and the file are kept
    assert refused.status_code == 400
    assert "ban-quet.pdf" in page
    assert refused.context["form"].errors["text"]
    assert 'value="33/CT-TTg"' in page
    assert 'value="10/12/2021"' in page
    pending = refused.context["pending"]
    assert pending is not None
    assert pending.name == "ban-quet.pdf"
    assert not Document.objects.exists()
    # when the text is pasted and the form sent again, without choosing the file again
    retry = officer_client.post(
        url("register_upload"), {**details, "pending": pending.token, "text": DIRECTIVE_TEXT}
    )
    # then the document is registered with the pasted text and the scanned file
    assert retry.status_code == 302, text_of(retry)[-3000:]
    document = Document.objects.get()
    assert retry["Location"] == url("register_references", pk=document.pk)
    assert document.full_text == DIRECTIVE_TEXT.strip()
    with document.file.open("rb") as handle:
        assert handle.read() == scanned_pdf


def test_pasting_a_text_without_file(officer_client: Client) -> None:
    response = officer_client.post(
        url("register_upload"), _upload(register="1", text=DIRECTIVE_TEXT)
    )
    # nothing was typed: the details are read and shown for checking first
    assert response.status_code == 200
    message = "Some details were read from the text: check them, then press “Register”."
    assert vi(message) in text_of(response)
    assert not Document.objects.exists()
    form = response.context["form"]
    details = {key: form[key].value() or "" for key in ("symbol", "issued_on", "title", "doc_type")}
    done = officer_client.post(
        url("register_upload"), {**_upload(register="1", text=DIRECTIVE_TEXT), **details}
    )
    assert done.status_code == 302
    assert not Document.objects.get().file


@pytest.mark.parametrize(
    ("files", "values", "field"),
    [
        ({}, {}, None),
        ({"file": SimpleUploadedFile("trong.txt", b"")}, {}, "file"),
        ({"file": SimpleUploadedFile("cu.doc", b"\xd0\xcf")}, {}, "file"),
        ({}, {"text": "Văn bản không có số hiệu."}, "symbol"),
        ({}, {"text": DIRECTIVE_TEXT, "issued_on": "31/02/2021"}, "issued_on"),
    ],
)
def test_upload_refusals_say_what_to_do(
    officer_client: Client, files: dict[str, Any], values: dict[str, str], field: str | None
) -> None:
    response = officer_client.post(
        url("register_upload"), {**_upload(register="1", **values), **files}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[field or "__all__"]
    assert not Document.objects.exists()


def test_upload_of_a_duplicate_links_the_existing_entry(
    officer_client: Client, directive: Document
) -> None:
    details = _upload(
        register="1",
        symbol="33/CT-TTg",
        issued_on="10/12/2021",
        title="x",
        doc_type="directive",
        text=DIRECTIVE_TEXT,
    )
    response = officer_client.post(url("register_upload"), details)
    assert response.status_code == 400
    assert url("register_detail", pk=directive.pk) in text_of(response)


def test_a_kept_file_token_of_someone_else_is_ignored(
    client: Client, officer_client: Client, world: World, commune_head: User
) -> None:
    upload = SimpleUploadedFile("ct33.txt", DIRECTIVE_TEXT.encode())
    read = officer_client.post(url("register_upload"), {**_upload(read="1"), "file": upload})
    token = read.context["pending"].token
    other = Client()
    other.force_login(commune_head)
    response = other.post(url("register_upload"), _upload(read="1", pending=token))
    assert response.status_code == 400
    assert response.context["pending"] is None


# ------------------------------------------------------------------ less common paths


def test_a_text_citing_nothing_says_so(officer_client: Client) -> None:
    response = officer_client.post(
        url("register_create"),
        _form(symbol="5/TB-UBND", issued_on="05/01/2026", full_text="Thông báo lịch tiếp dân."),
        follow=True,
    )
    assert vi("The text cites no other document that could be recognised.") in text_of(response)


def test_a_file_over_the_limit_is_refused(officer_client: Client, settings: Any) -> None:
    settings.DIRECTIVES_DOCUMENT_MAX_UPLOAD_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("lon.txt", b"x" * (1024 * 1024 + 1))
    response = officer_client.post(url("register_upload"), {**_upload(read="1"), "file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert response.context["pending"] is None


def test_a_reference_that_cannot_become_an_entry_shows_why(
    officer_client: Client, directive: Document
) -> None:
    broken = Reference.objects.create(document=directive, symbol="???", symbol_key="???")
    response = officer_client.post(
        url("register_reference_stub", pk=directive.pk, reference_pk=broken.pk), follow=True
    )
    assert "???" in text_of(response)
    assert not Document.objects.filter(symbol="???").exists()


def test_resending_a_registered_upload_with_its_file_keeps_nothing(
    officer_client: Client,
) -> None:
    details = _upload(
        register="1", symbol="33/CT-TTg", issued_on="10/12/2021", title="x", doc_type="directive"
    )
    for _attempt in range(2):
        upload = SimpleUploadedFile("ct33.txt", DIRECTIVE_TEXT.encode())
        response = officer_client.post(url("register_upload"), {**details, "file": upload})
        assert response.status_code == 302
    assert Document.objects.count() == 1
    assert officer_client.get(response["Location"]).status_code == 200


def test_an_upload_racing_with_its_double_gets_the_first_entry(
    monkeypatch: pytest.MonkeyPatch, officer_client: Client
) -> None:
    from danvan.directives.views import register as views

    details = _upload(
        register="1",
        symbol="33/CT-TTg",
        issued_on="10/12/2021",
        title="x",
        doc_type="directive",
        text=DIRECTIVE_TEXT,
    )
    first = officer_client.post(url("register_upload"), details)
    monkeypatch.setattr(views, "document_by_submission", lambda key: None)
    second = officer_client.post(url("register_upload"), details, follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert vi("This form had already been sent: the entry was made once.") in text_of(second)
    assert Document.objects.count() == 1
