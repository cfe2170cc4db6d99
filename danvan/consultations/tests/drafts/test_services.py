"""Creating consultations, importing drafts and versions (with the database)."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from danvan.audit.models import AuditEntry
from danvan.consultations.models import Consultation, DraftVersion, Provision
from danvan.consultations.selectors.drafts import (
    article_texts,
    version_comparison,
    version_counts,
    version_tree,
    walk,
)
from danvan.consultations.services.draft_diff import Change
from danvan.consultations.services.drafts import (
    consultation_create,
    draft_import,
    draft_read,
    warning_messages,
)
from danvan.consultations.tests.drafts.conftest import t
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db

REPORTED = "The synthesis report is published; the draft can no longer change."
NO_ARTICLES = (
    "No article was found in the draft. Each article must begin on its own line with "
    "“Điều” and its number, for example “Điều 1. Phạm vi điều chỉnh”."
)
UPLOAD_FORMATS = "Upload a Word document (.docx), a Markdown file (.md) or a text file (.txt)."
UNCLOSED_QUOTE = (
    "A quotation mark (“) is opened and never closed, so the rest of the text was "
    "read as a quotation."
)
OVERSIZED_TEXT = (
    "The text has %(length)s characters; the longest accepted is %(limit)s. "
    "Upload it as a Word document instead."
)
DUPLICATE = (
    "“%(anchor)s” appears more than once; the later ones were given a "
    "numbered anchor (“%(anchor)s-2”, …). Check the numbering."
)
UNCLOSED_WARNING = "A quotation mark (“) is opened and never closed; check the end of the draft."


# ------------------------------------------------------------------ create


def test_create_gives_a_draft_with_a_public_code_and_the_kinds_rule(
    committee: Unit, handler: User
) -> None:
    # given a handler of the commune committee
    # when they create a consultation on a commune matter
    consultation = consultation_create(
        unit=committee,
        title="Dự thảo Quy chế dân chủ ở cơ sở — xã Đông Kết",
        kind=Consultation.Kind.COMMUNE_MATTER,
        audience=Consultation.Audience.HOUSEHOLDS,
        actor=handler,
    )
    # then it is a draft with the commune rule and an unguessable ASCII slug
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.rule_code == "commune_consultation"
    assert consultation.slug.startswith("du-thao-quy-che-dan-chu-o-co-so-xa-dong-ket-")
    assert len(consultation.slug.rsplit("-", 1)[1]) == 6
    assert consultation.created_by == handler
    assert AuditEntry.objects.filter(verb="consultation.create").count() == 1


def test_create_for_a_legal_document_uses_the_posting_rule(committee: Unit, head: User) -> None:
    consultation = consultation_create(unit=committee, title="Dự thảo Nghị quyết", actor=head)
    assert consultation.rule_code == "consultation_posting"
    assert consultation.audience == Consultation.Audience.EVERYONE


def test_two_consultations_with_one_title_get_different_slugs(
    committee: Unit, handler: User
) -> None:
    first = consultation_create(unit=committee, title="Dự thảo", actor=handler)
    second = consultation_create(unit=committee, title="Dự thảo", actor=handler)
    assert first.slug != second.slug


def test_province_staff_may_create_for_a_commune_below(
    committee: Unit, province_staff: User
) -> None:
    consultation = consultation_create(unit=committee, title="Dự thảo", actor=province_staff)
    assert consultation.unit == committee


@pytest.mark.parametrize("who", ["other_handler", "reception_officer", "citizen"])
def test_create_is_refused_to_others(
    committee: Unit, who: str, request: pytest.FixtureRequest
) -> None:
    actor = request.getfixturevalue(who)
    with pytest.raises(ApplicationError):
        consultation_create(unit=committee, title="Dự thảo", actor=actor)
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("kind", "audience"),
    [
        (Consultation.Kind.INTERNAL, Consultation.Audience.EVERYONE),
        (Consultation.Kind.LEGAL_DOCUMENT, Consultation.Audience.STAFF),
        (Consultation.Kind.LEGAL_DOCUMENT, Consultation.Audience.HOUSEHOLDS),
    ],
)
def test_audience_must_fit_the_kind(
    committee: Unit, handler: User, kind: str, audience: str
) -> None:
    with pytest.raises(ApplicationError):
        consultation_create(
            unit=committee, title="Dự thảo", kind=kind, audience=audience, actor=handler
        )


# ------------------------------------------------------------------ import


def test_import_stores_the_tree_with_parents_positions_and_anchors(
    imported: Consultation,
) -> None:
    # given the commune regulation imported once
    version = imported.versions.get()
    # then version 1 holds every provision once, in reading order, with its parent
    assert version.number == 1
    assert version.source_format == DraftVersion.Format.MARKDOWN
    assert "Căn cứ Luật Thực hiện dân chủ ở cơ sở" in version.preamble
    rows = list(version.provisions.order_by("position"))
    assert [row.position for row in rows] == list(range(len(rows)))
    point = version.provisions.get(anchor="dieu-4.k2.dd")
    assert point.label == "Điểm đ"
    chain = []
    cursor = point.parent
    while cursor is not None:
        chain.append(cursor.anchor)
        cursor = cursor.parent
    assert chain == ["dieu-4.k2", "dieu-4", "chuong-ii"]
    assert version_counts(version) == {
        "part": 0,
        "chapter": 3,
        "section": 0,
        "article": 7,
        "clause": 16,  # Art 2: 3, Art 3: 3, Art 4: 3, Art 5: 5, Art 7: 2
        "point": 7,
    }
    assert version.change_log == t("First version: %(count)s articles.", count=7)
    entry = AuditEntry.objects.get(verb="consultation.draft_import")
    assert entry.data["articles"] == 7


def test_tree_read_back_matches_the_text(imported: Consultation) -> None:
    version = imported.versions.get()
    roots = version_tree(version)
    assert [node.anchor for node in roots] == ["chuong-i", "chuong-ii", "chuong-iii"]
    anchors = [node.anchor for node in walk(roots)]
    assert anchors.index("dieu-4.k2.dd") == anchors.index("dieu-4.k2.d") + 1
    texts = article_texts(version)
    assert texts["dieu-4"][2].splitlines()[0] == (
        "Điều 4. Nội dung Nhân dân tham gia ý kiến trước khi cơ quan có thẩm quyền quyết định"
    )
    assert "đ) Dự án có ảnh hưởng trực tiếp" in texts["dieu-4"][2]


def test_docx_import(consultation: Consultation, handler: User, regulation_docx: bytes) -> None:
    draft = draft_read(data=regulation_docx, filename="Du thao quy che.docx")
    version = draft_import(consultation=consultation, draft=draft, actor=handler)
    assert version.source_format == DraftVersion.Format.DOCX
    assert version.source_name == "Du thao quy che.docx"
    assert version.provisions.filter(level=Provision.Level.ARTICLE).count() == 7


def test_second_import_is_version_two_with_a_change_log(
    imported: Consultation, handler: User, regulation_md: str
) -> None:
    # given a revision: Article 6 says 30 days, Article 7 removed, an Article 8 added
    revised = regulation_md.replace("ít nhất là 20 ngày", "ít nhất là 30 ngày")
    revised = revised.split("**Điều 7.")[0] + (
        "**Điều 8. Hiệu lực thi hành**\n\nQuy chế này có hiệu lực kể từ ngày ký.\n"
    )
    # when it is imported with a note
    version = draft_import(
        consultation=imported,
        draft=draft_read(text=revised, text_format="markdown"),
        actor=handler,
        change_note="Tiếp thu ý kiến của Mặt trận Tổ quốc xã.",
    )
    # then it is version 2, and its change log names what changed
    assert version.number == 2
    assert version.change_log == (
        "Tiếp thu ý kiến của Mặt trận Tổ quốc xã.\n\n"
        f"{t('Compared with version %(number)s:', number=1)}\n"
        f"{t('Added')}: Điều 8.\n"
        f"{t('Amended')}: Điều 6.\n"
        f"{t('Removed')}: Điều 7."
    )
    # and the comparison marks the changed word
    comparison = {
        item.anchor: item for item in version_comparison(imported.versions.get(number=1), version)
    }
    assert comparison["dieu-6"].change is Change.CHANGED
    assert [s.text for s in comparison["dieu-6"].diff.new if s.op == "added"] == ["30"]
    assert comparison["dieu-1"].change is Change.UNCHANGED
    # and version 1 is untouched
    assert imported.versions.get(number=1).provisions.filter(anchor="dieu-7").exists()
    assert imported.current_version == version


def test_same_text_again_says_nothing_changed(
    imported: Consultation, handler: User, regulation_md: str
) -> None:
    version = draft_import(
        consultation=imported,
        draft=draft_read(text=regulation_md, text_format="markdown"),
        actor=handler,
    )
    assert version.change_log.endswith(t("No article changed."))


def test_import_refused_to_another_units_staff(
    consultation: Consultation, other_handler: User, regulation_md: str
) -> None:
    with pytest.raises(ApplicationError):
        draft_import(
            consultation=consultation,
            draft=draft_read(text=regulation_md, text_format="markdown"),
            actor=other_handler,
        )
    assert not DraftVersion.objects.exists()


def test_import_refused_after_the_report(
    imported: Consultation, handler: User, regulation_md: str
) -> None:
    Consultation.objects.filter(pk=imported.pk).update(status=Consultation.Status.REPORTED)
    with pytest.raises(ApplicationError, match=re.escape(t(REPORTED))):
        draft_import(
            consultation=imported,
            draft=draft_read(text=regulation_md, text_format="markdown"),
            actor=handler,
        )
    assert imported.versions.count() == 1


# ------------------------------------------------------------------ reading a draft


def test_no_article_is_a_clear_error_that_keeps_the_text() -> None:
    # given a letter, not a draft
    letter = "Kính gửi Ủy ban nhân dân xã.\nTôi đề nghị sửa đường liên thôn."
    # when it is read, then the error says what an article looks like, and keeps the text
    with pytest.raises(ApplicationError) as error:
        draft_read(text=letter)
    assert error.value.message == t(NO_ARTICLES)
    assert error.value.extra["text"] == letter


def test_docx_without_articles_keeps_its_text() -> None:
    from danvan.consultations.tests.drafts.docx_helpers import build_docx

    data = build_docx(["Báo cáo tình hình", "Không có điều khoản nào."])
    with pytest.raises(ApplicationError) as error:
        draft_read(data=data, filename="bao-cao.docx")
    assert error.value.extra["text"] == "Báo cáo tình hình\nKhông có điều khoản nào."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "The draft is empty."),
        (
            {"data": b"PK-not-really", "filename": "a.docx"},
            "This file cannot be read as a Word document (.docx).",
        ),
        ({"data": b"x", "filename": "a.pdf"}, UPLOAD_FORMATS),
        ({"text": "“Trích\nĐiều 1. A"}, UNCLOSED_QUOTE),
    ],
)
def test_bad_drafts(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ApplicationError) as error:
        draft_read(**kwargs)  # type: ignore[arg-type]
    assert t(message) in error.value.message


@override_settings(CONSULTATIONS_DRAFT_MAX_UPLOAD_BYTES=1024 * 1024)
def test_oversized_file_names_the_limit() -> None:
    with pytest.raises(ApplicationError) as error:
        draft_read(data=b"x" * (1024 * 1024 + 100_000), filename="big.txt")
    assert error.value.message == t(
        "The file is %(size)s; the largest draft accepted is %(limit)s.",
        size="1,1 MB",
        limit="1 MB",
    )


@override_settings(CONSULTATIONS_DRAFT_MAX_TEXT_CHARS=100)
def test_oversized_text_names_the_limit() -> None:
    with pytest.raises(ApplicationError) as error:
        draft_read(text="Điều 1. " + "a" * 992)
    assert error.value.message == t(OVERSIZED_TEXT, length="1.000", limit="100")


def test_too_many_provisions_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from danvan.consultations.services import draft_parser

    monkeypatch.setattr(draft_parser, "MAX_PROVISIONS", 1)
    with pytest.raises(ApplicationError) as error:
        draft_read(text="Điều 1. A\nĐiều 2. B")
    assert error.value.message == t("The draft has more than %(count)s provisions.", count="1")


def test_docx_bomb_message(monkeypatch: pytest.MonkeyPatch, regulation_docx: bytes) -> None:
    from danvan.consultations.services import draft_parser

    monkeypatch.setattr(draft_parser, "MAX_UNZIPPED_BYTES", 10)
    original = draft_parser.docx_lines
    monkeypatch.setattr(
        draft_parser, "docx_lines", lambda data: original(data, max_unzipped_bytes=10)
    )
    with pytest.raises(ApplicationError) as error:
        draft_read(data=regulation_docx, filename="a.docx")
    assert error.value.message == t("The Word document unpacks to more than %(size)s.", size="1 KB")


def test_warnings_in_words() -> None:
    draft = draft_read(text="Điều 1. A\nĐiều 1. B\n“mở ngoặc")
    assert len(warning_messages(draft.parsed)) == 2
    assert warning_messages(draft.parsed) == [t(DUPLICATE, anchor="dieu-1"), t(UNCLOSED_WARNING)]


def test_names_of_rows(imported: Consultation) -> None:
    version = imported.versions.get()
    assert str(imported) == imported.title
    assert str(version) == f"{imported.title} v1"
    assert str(version.provisions.get(anchor="dieu-4.k2.dd")) == "Điểm đ"


def test_nobody_without_a_manager_role_manages_anything(
    imported: Consultation, citizen: User, reception_officer: User, province_staff: User
) -> None:
    from danvan.consultations.selectors.drafts import consultations_managed_by

    assert list(consultations_managed_by(citizen)) == []
    assert list(consultations_managed_by(reception_officer)) == []
    assert list(consultations_managed_by(province_staff)) == [imported]
