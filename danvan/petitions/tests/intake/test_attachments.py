"""Attachments: type by content, size and count limits, private storage, guarded download."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.petitions.models import Case
from danvan.petitions.models.intake import Attachment
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import (
    Submission,
    attachment_inspect,
    attachments_inspect,
    intake_submit,
)
from danvan.petitions.tests.intake.conftest import EXE, PDF, PNG, docx_bytes, odt_bytes, upload
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "data", "extension", "content_type"),
    [
        ("don.pdf", PDF, "pdf", "application/pdf"),
        ("anh-hien-truong.png", PNG, "png", "image/png"),
        (
            "don-kien-nghi.docx",
            docx_bytes(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("don.odt", odt_bytes(), "odt", "application/vnd.oasis.opendocument.text"),
        ("ghi-chu.txt", "Kiến nghị về đường điện\r\n".encode(), "txt", "text/plain"),
        # The name lies; the content decides: a PNG called .pdf is stored as a PNG.
        ("anh.pdf", PNG, "png", "image/png"),
    ],
)
def test_accepted_types_are_recognised_by_their_content(
    name: str, data: bytes, extension: str, content_type: str
) -> None:
    # when
    inspected = attachment_inspect(upload=upload(name, data, content_type="application/x-junk"))
    # then
    assert inspected.extension == extension
    assert inspected.content_type == content_type
    assert inspected.size == len(data)
    assert inspected.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("don-kien-nghi.pdf", EXE),  # a program renamed .pdf
        ("tai-lieu.pdf", b"PK\x03\x04" + b"\x00" * 60),  # a bare zip archive
        ("ghi-chu.txt", b"abc\x00\x01\x02binary"),  # binary bytes in a .txt
        ("ghi-chu.txt", b"\xff\xfe\xfa not utf-8"),
    ],
)
def test_other_content_is_refused_whatever_its_name(name: str, data: bytes) -> None:
    with pytest.raises(ValidationError) as error:
        attachment_inspect(upload=upload(name, data))
    assert error.value.code == "file_type"
    assert name in error.value.messages[0]


def test_size_limit_and_empty_files(settings: object) -> None:
    # given a limit of 1 KB
    settings.DANVAN = {**settings.DANVAN, "ATTACHMENT_MAX_BYTES": 1024}  # type: ignore[attr-defined]
    # then a file of 1025 bytes is refused, one of 1024 accepted
    with pytest.raises(ValidationError) as error:
        attachment_inspect(upload=upload("to.txt", b"a" * 1025))
    assert error.value.code == "too_large"
    assert attachment_inspect(upload=upload("vua.txt", b"a" * 1024)).size == 1024
    with pytest.raises(ValidationError) as empty:
        attachment_inspect(upload=upload("rong.txt", b""))
    assert empty.value.code == "empty"


def test_number_of_files_is_limited_and_every_problem_reported(settings: object) -> None:
    settings.DANVAN = {**settings.DANVAN, "ATTACHMENT_MAX_FILES": 2}  # type: ignore[attr-defined]
    files = [upload(f"{i}.pdf", PDF) for i in range(2)] + [upload("x.pdf", EXE)]
    with pytest.raises(ValidationError) as error:
        attachments_inspect(uploads=files)
    codes = sorted(e.code or "" for e in error.value.error_list)
    assert codes == ["file_type", "too_many"]
    assert len(attachments_inspect(uploads=files[:2])) == 2


def test_file_names_lose_folders_and_control_characters() -> None:
    inspected = attachment_inspect(upload=upload("..\\..\\Đơn\x07 khiếu nại.pdf", PDF))
    assert inspected.name == "Đơn khiếu nại.pdf"


def _case_with_file(unit: Unit, data: bytes = PDF, name: str = "đơn.pdf") -> Case:
    case, _ = intake_submit(
        submission=Submission(
            kind=Case.Kind.PETITION,
            subject="Đèn đường hỏng",
            content="Đèn đường thôn An Vĩ hỏng hai tuần nay.",
            unit=unit,
            petitioner=Petitioner(name="Trần Thị Bình", address="Thôn An Vĩ"),
        ),
        idempotency_key="web:file-test",
        files=[attachment_inspect(upload=upload(name, data))],
    )
    return case


def test_files_are_stored_privately_under_random_names(
    commune_committee: Unit, private_media: Path
) -> None:
    # when
    case = _case_with_file(commune_committee)
    # then
    attachment = case.attachments.get()
    path = private_media / "attachments" / attachment.stored_name[:2] / attachment.stored_name
    assert path.read_bytes() == PDF
    assert len(attachment.stored_name) == 32
    assert "đơn" not in attachment.stored_name
    assert attachment.original_name == "đơn.pdf"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_failed_submission_leaves_no_file_behind(
    commune_committee: Unit, private_media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the audit log fails after the file was written
    def boom(**_: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr("danvan.petitions.services.intake.audit_record", boom)
    # when
    with pytest.raises(RuntimeError):
        _case_with_file(commune_committee)
    # then nothing remains: no case, no row, no file
    assert not Case.objects.exists()
    assert not Attachment.objects.exists()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


def _download(client: Client, case: Case, attachment: Attachment) -> object:
    return client.get(
        reverse(
            "petitions:intake_attachment_download",
            kwargs={"code": case.tracking_code, "pk": attachment.pk},
        )
    )


def test_staff_of_the_unit_download_with_safe_headers(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given
    case = _case_with_file(commune_committee, name="Đơn kiến nghị.pdf")
    attachment = case.attachments.get()
    client.force_login(handler)
    # when
    response = _download(client, case, attachment)
    # then
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"  # type: ignore[index]
    assert response["X-Content-Type-Options"] == "nosniff"  # type: ignore[index]
    disposition = response["Content-Disposition"]  # type: ignore[index]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%C4%90%C6%A1n%20ki%E1%BA%BFn%20ngh%E1%BB%8B.pdf" in disposition
    assert "no-store" in response["Cache-Control"]  # type: ignore[index]
    assert AuditEntry.objects.filter(verb="attachment.download", actor_id=handler.pk).exists()


def test_everyone_else_gets_the_same_404(
    client: Client,
    commune_committee: Unit,
    other_handler: User,
    citizen: User,
    handler: User,
) -> None:
    # given
    case = _case_with_file(commune_committee)
    attachment = case.attachments.get()
    url_other_pk = reverse(
        "petitions:intake_attachment_download",
        kwargs={"code": case.tracking_code, "pk": attachment.pk + 1000},
    )
    # then: staff of another unit, a citizen, a wrong id, a wrong code
    for user in (other_handler, citizen):
        client.force_login(user)
        assert _download(client, case, attachment).status_code == 404  # type: ignore[attr-defined]
    client.force_login(handler)
    assert client.get(url_other_pk).status_code == 404
    bad = reverse(
        "petitions:intake_attachment_download", kwargs={"code": "DV0000000000", "pk": attachment.pk}
    )
    assert client.get(bad).status_code == 404
    # and someone not signed in is sent to the login page
    client.logout()
    response = _download(client, case, attachment)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert reverse("units:login") in response["Location"]  # type: ignore[index]


def test_sealed_attachments_open_only_for_the_custodian(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given a sealed file (as sent with a denunciation)
    case = _case_with_file(commune_committee)
    attachment = case.attachments.get()
    Attachment.objects.filter(pk=attachment.pk).update(is_sealed=True)
    custodian = User.objects.create_user(username="dothimai", full_name="Đỗ Thị Mai")
    RoleAssignment.objects.create(
        user=custodian, unit=commune_committee, role=RoleAssignment.Role.CUSTODIAN
    )
    # then the handler gets 404 and the custodian the file, recorded as sealed
    client.force_login(handler)
    assert _download(client, case, attachment).status_code == 404  # type: ignore[attr-defined]
    client.force_login(custodian)
    assert _download(client, case, attachment).status_code == 200  # type: ignore[attr-defined]
    entry = AuditEntry.objects.get(verb="attachment.download")
    assert entry.data == {"case": case.tracking_code, "sealed": True}


def test_the_attachment_list_for_case_pages_hides_sealed_names(
    commune_committee: Unit,
) -> None:
    from django.template.loader import render_to_string

    from danvan.petitions.selectors.intake import case_attachments

    # given a case with an ordinary file and a sealed one named after the denouncer
    case = _case_with_file(commune_committee, name="ảnh.pdf")
    Attachment.objects.create(
        case=case,
        original_name="Đơn của Nguyễn Thị Tố Giác.pdf",
        stored_name="b" * 32,
        content_type="application/pdf",
        extension="pdf",
        size=10,
        sha256="0" * 64,
        is_sealed=True,
    )
    # when another area's page includes the list
    html = render_to_string(
        "petitions/intake/_attachments.html",
        {"case": case, "attachments": case_attachments(case=case)},
    )
    # then the ordinary file links to the guarded download, the sealed one shows no name
    ordinary = case.attachments.get(is_sealed=False)
    assert (
        reverse(
            "petitions:intake_attachment_download",
            kwargs={"code": case.tracking_code, "pk": ordinary.pk},
        )
        in html
    )
    assert "ảnh.pdf" in html
    assert "Tố Giác" not in html
    empty = render_to_string(
        "petitions/intake/_attachments.html", {"case": case, "attachments": []}
    )
    assert "ảnh.pdf" not in empty
