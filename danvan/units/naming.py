"""Vietnamese names of places and of the bodies attached to them.

A place's official name carries its type: "Tỉnh Hưng Yên", "Thành phố Hà Nội", "Xã Phù
Đổng", "Đặc khu Phú Quốc". Inside a body's name the type is written in lower case ("Ủy ban
nhân dân xã Phù Đổng"), except for Thành phố Hồ Chí Minh, whose "Thành phố" stays capitalised
so that the city is not read as the person. Party committees of provinces and cities are
named "Tỉnh ủy …" / "Thành ủy …" after the bare name; those of communes "Đảng ủy xã …".
The Propaganda and Mass Mobilization Commissions were merged in 2025 into "Ban Tuyên giáo và
Dân vận" (DOMAIN.md §9.5).
"""

from typing import Protocol

from django.utils.text import slugify

from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

K = Unit.Kind

PLACE_PREFIXES: dict[str, str] = {
    K.PROVINCE: "Tỉnh",
    K.CITY: "Thành phố",
    K.COMMUNE: "Xã",
    K.WARD: "Phường",
    K.SPECIAL_ZONE: "Đặc khu",
}

# Where the place type stays capitalised inside another name.
_CAPITALISED_REFERENCES = frozenset({"Thành phố Hồ Chí Minh"})

PEOPLES_COMMITTEE_PREFIX = "Ủy ban nhân dân"
FATHERLAND_FRONT_PREFIX = "Ủy ban Mặt trận Tổ quốc Việt Nam"
MASS_MOBILIZATION_COMMISSION = "Ban Tuyên giáo và Dân vận"


class NamedPlace(Protocol):
    """Anything with a place kind and an official name (a ``Unit`` or a loader record)."""

    @property
    def kind(self) -> str: ...

    @property
    def name(self) -> str: ...


def place_bare_name(*, kind: str, name: str) -> str:
    """Return the name without its type prefix: "Xã Phù Đổng" → "Phù Đổng"."""
    prefix = PLACE_PREFIXES.get(kind)
    cleaned = " ".join(name.split())
    if prefix and cleaned.casefold().startswith(prefix.casefold() + " "):
        return cleaned[len(prefix) + 1 :]
    return cleaned


def place_official_name(*, kind: str, name: str) -> str:
    """Return the name with its type prefix spelled canonically ("xã Bắc Sơn" → "Xã Bắc Sơn")."""
    prefix = PLACE_PREFIXES.get(kind)
    bare = place_bare_name(kind=kind, name=name)
    return f"{prefix} {bare}" if prefix else bare


def place_reference(place: NamedPlace) -> str:
    """Return the place as written inside a body's name: "xã Phù Đổng", "tỉnh Hưng Yên"."""
    official = place_official_name(kind=place.kind, name=place.name)
    prefix = PLACE_PREFIXES.get(place.kind)
    if prefix is None or official in _CAPITALISED_REFERENCES:
        return official
    return f"{prefix.lower()}{official[len(prefix) :]}"


# Central bodies hanging under the country root.
CENTRAL_PARTY_COMMITTEE = "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"
CENTRAL_FATHERLAND_FRONT = "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
CENTRAL_MASS_MOBILIZATION_COMMISSION = "Ban Tuyên giáo và Dân vận Trung ương"


def peoples_committee_name(place: NamedPlace) -> str:
    """ "Ủy ban nhân dân xã Phù Đổng". The country has a Government, not a People's Committee."""
    if place.kind == K.COUNTRY:
        raise ValueError("the country has no People's Committee")
    return f"{PEOPLES_COMMITTEE_PREFIX} {place_reference(place)}"


def fatherland_front_name(place: NamedPlace) -> str:
    """ "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên"."""
    if place.kind == K.COUNTRY:
        return CENTRAL_FATHERLAND_FRONT
    return f"{FATHERLAND_FRONT_PREFIX} {place_reference(place)}"


def party_committee_name(place: NamedPlace) -> str:
    """ "Tỉnh ủy Hưng Yên", "Thành ủy Hà Nội", "Đảng ủy phường Ba Đình"."""
    if place.kind == K.COUNTRY:
        return CENTRAL_PARTY_COMMITTEE
    if place.kind == K.PROVINCE:
        return f"Tỉnh ủy {place_bare_name(kind=place.kind, name=place.name)}"
    if place.kind == K.CITY:
        reference = place_reference(place)
        if reference in _CAPITALISED_REFERENCES:
            return f"Thành ủy {reference}"
        return f"Thành ủy {place_bare_name(kind=place.kind, name=place.name)}"
    return f"Đảng ủy {place_reference(place)}"


def party_commission_name(
    place: NamedPlace, *, commission: str = MASS_MOBILIZATION_COMMISSION
) -> str:
    """ "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên": the commission, then its Party committee."""
    if place.kind == K.COUNTRY:
        return f"{commission} Trung ương"
    return f"{commission} {party_committee_name(place)}"


def department_name(place: NamedPlace, *, sector: str) -> str:
    """ "Sở Tư pháp tỉnh Hưng Yên" for ``sector="Tư pháp"``."""
    return f"Sở {sector} {place_reference(place)}"


def code_slug(text: str) -> str:
    """ASCII slug for unit codes: "Bộ Nội vụ" → "bo-noi-vu"."""
    return slugify(fold_for_search(text))
