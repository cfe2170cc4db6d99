"""Tasks of the emulation app (Django's task framework; the settings choose the backend:
the database queue in production, the immediate backend in tests)."""

from __future__ import annotations

from django.tasks import task


@task()
def book_compile(*, book_id: int) -> str:
    """Compile a book of typical models into its Word document and PDF (minutes for a
    hundred models with photos, hence a task rather than the request)."""
    from danvan.emulation.services.books import book_compile_run

    return str(book_compile_run(book_id=book_id).status)
