"""The scene of the emulation app's permission matrix: one object of each kind, made
through the areas' services where they exist (so the audit log holds what the services
really record).

In Khoái Châu commune, the People's Committee registers three models at the year's start:
one stays registered (not public), one is evaluated and recognised by the provincial
commission (public), one is recognised then removed (no longer public). Each has a photo
and a document. The provincial commission keeps a book with the recognised model, its
Word and PDF files compiled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.emulation.models import Attachment, Book, BookEntry, Criterion, Exemplar
from danvan.emulation.selectors.evaluation import committees_for
from danvan.emulation.services import books as book_services
from danvan.emulation.services import evaluation as evaluation_services
from danvan.emulation.services import registry as registry_services
from danvan.emulation.tests.conftest import World
from danvan.emulation.tests.evaluation.helpers import make_criteria
from danvan.emulation.tests.registry.helpers import PDF, png_bytes

NOW = "2026-12-15 09:00 +07:00"
REGISTERED_TITLE = "Mô hình “Tổ tự quản đường làng sạch đẹp chưa công nhận”"
RECOGNISED_TITLE = "Mô hình “Chi hội nông dân giúp nhau phát triển kinh tế”"
REMOVED_TITLE = "Mô hình “Câu lạc bộ dưỡng sinh đã loại bỏ”"
REMARKS = "Nhận xét nội bộ của Ban: cần kiểm chứng thêm số liệu thu nhập"
REMOVAL_REASON = "Lý do nội bộ: mô hình ngừng hoạt động từ tháng Sáu"
DOCUMENT_NAME = "bao-cao-noi-bo-khoai-chau.pdf"
DOCX = b"PK\x03\x04 word file of the book"
BOOK_PDF = b"%PDF-1.7\n% the book\n%%EOF\n"


@dataclass
class Scene:
    world: World
    criteria: list[Criterion]
    registered: Exemplar
    recognised: Exemplar
    removed: Exemplar
    registered_photo: Attachment
    registered_document: Attachment
    recognised_photo: Attachment
    recognised_document: Attachment
    removed_photo: Attachment
    removed_document: Attachment
    book: Book
    entry: BookEntry


def _register(world: World, title: str) -> tuple[Exemplar, Attachment, Attachment]:
    photo = registry_services.photo_inspect(
        upload=SimpleUploadedFile("anh-hoat-dong.png", png_bytes(), content_type="image/png")
    )
    document = registry_services.document_inspect(
        upload=SimpleUploadedFile(DOCUMENT_NAME, PDF, content_type="application/pdf")
    )
    exemplar = registry_services.exemplar_register(
        actor=world.commune_head,
        unit=world.commune_committee,
        kind="model",
        field="economy",
        title=title,
        year=2026,
        period_start=dt.date(2026, 1, 15),
        problem="Nhiều hộ nông dân thiếu vốn và kỹ thuật.",
        actions="Chi hội tổ chức tổ vay vốn, chuyển giao kỹ thuật trồng nhãn.",
        results="Thu nhập bình quân tăng 18 phần trăm.",
        participant_count=120,
        uploads=[photo, document],
    )
    files = {a.kind: a for a in exemplar.attachments.all()}
    return (
        exemplar,
        files[Attachment.AttachmentKind.PHOTO],
        files[Attachment.AttachmentKind.DOCUMENT],
    )


def _recognise(world: World, exemplar: Exemplar, criteria: list[Criterion]) -> None:
    officer = world.provincial_officer
    committee = committees_for(officer, exemplar)[0]
    evaluation_services.exemplar_evaluate(
        exemplar=exemplar,
        actor=officer,
        committee=committee,
        year=2026,
        points={c.pk: 9 for c in criteria},
        remarks=REMARKS,
    )
    evaluation_services.recognition_create(
        exemplar=exemplar,
        actor=officer,
        committee=committee,
        level="provincial",
        year=2026,
        decision_number="125-QĐ/BDVTU",
        decision_date=dt.date(2026, 12, 10),
    )


def build_scene(world: World) -> Scene:
    criteria = make_criteria()
    registered, registered_photo, registered_document = _register(world, REGISTERED_TITLE)
    recognised, recognised_photo, recognised_document = _register(world, RECOGNISED_TITLE)
    removed, removed_photo, removed_document = _register(world, REMOVED_TITLE)
    _recognise(world, recognised, criteria)
    _recognise(world, removed, criteria)
    evaluation_services.exemplar_remove(
        exemplar=removed, actor=world.provincial_officer, reason=REMOVAL_REASON
    )
    book = book_services.book_create(
        actor=world.provincial_officer,
        unit=world.provincial_commission,
        title="Tuyển tập mô hình “Dân vận khéo” tiêu biểu giai đoạn 2021–2026",
        first_year=2021,
        last_year=2026,
        target_size=8,
    )
    entry = book_services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised
    )
    book.docx.save("so-tay.docx", ContentFile(DOCX), save=False)
    book.pdf.save("so-tay.pdf", ContentFile(BOOK_PDF), save=False)
    book.save()
    for exemplar in (registered, recognised, removed):
        exemplar.refresh_from_db()
    return Scene(
        world=world,
        criteria=criteria,
        registered=registered,
        recognised=recognised,
        removed=removed,
        registered_photo=registered_photo,
        registered_document=registered_document,
        recognised_photo=recognised_photo,
        recognised_document=recognised_document,
        removed_photo=removed_photo,
        removed_document=removed_document,
        book=book,
        entry=entry,
    )
