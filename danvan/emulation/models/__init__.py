from danvan.emulation.models.books import Book, BookEntry
from danvan.emulation.models.evaluation import Criterion, Evaluation, EvaluationScore, Recognition
from danvan.emulation.models.registry import (
    Attachment,
    Exemplar,
    ExemplarEvent,
    Field,
    Kind,
    Level,
    ResultFigure,
)

__all__ = [
    "Attachment",
    "Book",
    "BookEntry",
    "Criterion",
    "Evaluation",
    "EvaluationScore",
    "Exemplar",
    "ExemplarEvent",
    "Field",
    "Kind",
    "Level",
    "Recognition",
    "ResultFigure",
]
