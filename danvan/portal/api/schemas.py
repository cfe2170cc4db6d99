"""Output shapes of the public API, made from the datasets' columns (one definition of what
is public: :mod:`danvan.portal.records`), and the error shape."""

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, StringConstraints, create_model

from danvan.portal.records import DATASETS, Dataset

TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "date": dt.date,
    "time": Annotated[str, StringConstraints(pattern=r"^[0-2][0-9]:[0-5][0-9]$")],
    "datetime": dt.datetime,
}

# PostgreSQL text cannot hold NUL: such input is a 400, not a 500.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=64)]
Cursor = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,15}$")]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt ]|$)")


def _iso_text(value: object) -> object:
    # Pydantic would also read "0.5" as a Unix time; we take ISO 8601 text only.
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("must be an ISO 8601 date-time such as 2026-11-26T09:30:00+07:00")
    return value


Moment = Annotated[dt.datetime, BeforeValidator(_iso_text)]


class ErrorOut(Schema):
    """An error: ``key`` is stable, ``message`` is in the client's language."""

    status: int
    key: str
    message: str


def _row_schema(dataset: Dataset) -> type[Schema]:
    name = "".join(part.capitalize() for part in dataset.slug.split("-")) + "Record"
    fields: dict[str, Any] = {
        column.name: (TYPES[column.type] | None, None) for column in dataset.columns
    }
    model: type[Schema] = create_model(name, __base__=Schema, **fields)
    return model


def _page_schema(dataset: Dataset, row: type[Schema]) -> type[Schema]:
    name = "".join(part.capitalize() for part in dataset.slug.split("-")) + "Page"
    model: type[Schema] = create_model(
        name,
        __base__=Schema,
        items=(list[row], ...),  # type: ignore[valid-type]
        next_cursor=(str | None, None),
        has_more=(bool, ...),
    )
    return model


ROW_SCHEMAS: dict[str, type[Schema]] = {
    slug: _row_schema(dataset) for slug, dataset in DATASETS.items()
}
PAGE_SCHEMAS: dict[str, type[Schema]] = {
    slug: _page_schema(dataset, ROW_SCHEMAS[slug]) for slug, dataset in DATASETS.items()
}
