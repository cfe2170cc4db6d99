"""Leak tests: with a denunciation by "Nguyễn Thị Tố Giác" (ID 001203004567, phone
0912345678, to.giac@example.com), the identity appears nowhere but on the custodian's
approved page — not on any page of the site (every area's URLs are crawled), not in the
admin, the audit log, the database, an e-mail, a log line (all loggers at DEBUG, SQL
included) or an error page and its error report.
"""

import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from danvan.petitions.models import Case, IdentityOpenRequest, SealedIdentity
from danvan.petitions.services.sealed import (
    DenunciationReceipt,
    denouncer_notify,
    identity_open_request_create,
    identity_open_request_decide,
)
from danvan.petitions.tests.sealed.conftest import client_for
from danvan.petitions.tests.sealed.helpers import page_text
from danvan.petitions.tests.sealed.leaks import (
    LEAK_ADDRESS,
    LEAK_CONTENT,
    LEAK_EMAIL,
    LEAK_ID_NUMBER,
    LEAK_NAME,
    LEAK_PHONE,
    LEAK_SUBJECT,
    assert_no_identity_leak,
    assert_no_leak_in_database,
    assert_no_leak_in_emails,
    identity_leaks,
    make_leak_denunciation,
)
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
REASON = "Cần xác minh năng lực hành vi dân sự của người tố cáo (Điều 29)."


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    web: Case  # sent on the public form
    desk: Case  # entered at the reception desk
    web_code: str
    pending: IdentityOpenRequest
    approved: IdentityOpenRequest
    users: dict[str, User]
    approver: User
    pages: int = 0
    ok_pages: set[str] = field(default_factory=set)


def _intake_form_data(unit: Unit) -> dict[str, Any]:
    from danvan.petitions.tests.intake.helpers import petition_data

    data = petition_data(
        unit,
        submission_key="l" * 32,
        name=LEAK_NAME,
        address=LEAK_ADDRESS,
        id_number=LEAK_ID_NUMBER,
        phone=LEAK_PHONE,
        email=LEAK_EMAIL,
        accused="Ông Lê Văn Hưởng, cán bộ địa chính xã",
        subject=LEAK_SUBJECT,
        content=LEAK_CONTENT,
    )
    for key in ("kind", "respondent"):
        data.pop(key, None)
    return data


def _web_denunciation(unit: Unit) -> DenunciationReceipt:
    """Through intake's public form when it is there; else straight to the service."""
    try:
        url = reverse("petitions:intake_denunciation")
    except Exception:  # pragma: no cover - intake not wired yet
        return make_leak_denunciation(unit=unit)
    response = Client().post(url, _intake_form_data(unit))
    match = re.search(r"(?:[0-9A-Z]{4}-){6}[0-9A-Z]{4}", page_text(response))
    case = Case.objects.filter(kind=Case.Kind.DENUNCIATION).order_by("-pk").first()
    if response.status_code != 200 or match is None or case is None:  # pragma: no cover
        return make_leak_denunciation(unit=unit)
    return DenunciationReceipt(case, True, match.group(0))


def build_world(request: pytest.FixtureRequest, capture: Any) -> World:
    unit: Unit = request.getfixturevalue("commune_committee")
    names = (
        "handler",
        "head",
        "reception_officer",
        "custodian",
        "province_custodian",
        "other_handler",
        "citizen",
        "superuser",
    )
    users = {name: request.getfixturevalue(name) for name in names}
    with capture(execute=True):
        web = _web_denunciation(unit)
        desk = make_leak_denunciation(
            unit=unit,
            entered_by=users["reception_officer"],
            channel=Case.Channel.IN_PERSON,
            idempotency_key="leak-desk",
        )
        pending = identity_open_request_create(
            case=desk.case, requested_by=users["head"], reason=REASON
        )
        first = identity_open_request_create(
            case=web.case, requested_by=users["handler"], reason=REASON
        )
        approved = identity_open_request_decide(
            open_request=first, custodian=users["custodian"], approve=True
        )
        denouncer_notify(case=web.case, title="Đã có kết luận", body="Kết luận đã được gửi.")
        _run_handling_if_present(web.case, users)
    return World(
        web=web.case,
        desk=desk.case,
        web_code=web.receipt_code,
        pending=pending,
        approved=approved,
        users=users,
        approver=users["custodian"],
    )


def _run_handling_if_present(case: Case, users: dict[str, User]) -> None:
    """Walk the case through handling's services as far as they go (any area may change)."""
    try:
        from danvan.petitions.services import handling
    except ImportError:  # pragma: no cover
        return
    steps: list[Callable[[], object]] = [
        lambda: handling.case_accept(case=case, actor=users["handler"], note="Thụ lý"),
        lambda: handling.petitioner_notify(case=case, message="accepted"),
    ]
    for step in steps:
        try:
            step()
        except Exception:  # noqa: S112 - another area's rules may refuse a step
            continue


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every logger at DEBUG, and every SQL statement logged with its parameters."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if logger.level:
            caplog.set_level(logging.DEBUG, logger=name)
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = forced


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    return "\n".join(formatter.format(record) for record in records)


# --------------------------------------------------------------------------- crawling


_CONVERTER = re.compile(r"<(?:(?P<type>\w+):)?(?P<name>\w+)>")


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _values(world: World, route: str, kind: str, name: str) -> list[str]:
    """Values to put in a URL: the cases' codes, every row id, each action of the page."""
    codes = [world.web.tracking_code, world.desk.tracking_code]
    if kind == "int":
        from danvan.petitions.models.intake import Attachment

        pks = {world.pending.pk, world.approved.pk, world.web.pk, world.desk.pk}
        pks |= set(Attachment.objects.values_list("pk", flat=True))
        return [str(pk) for pk in sorted(pks)]
    if name == "action":
        if route.startswith("don-thu/tin-to-cao/"):
            return ["check", "inspect", "forward", "close"]
        from danvan.petitions.views import handling

        return list(getattr(handling, "ACTIONS", {}))
    if "unit" in name:
        return [world.web.unit.code]
    if kind == "path":
        return []
    if "<slug:action>" in route:
        return codes[:1]
    return codes


def site_urls(world: World) -> list[str]:
    urls: list[str] = []
    for route in _routes(get_resolver().url_patterns):
        slots = list(_CONVERTER.finditer(route))
        choices = [_values(world, route, m["type"] or "str", m["name"]) for m in slots]
        for combination in itertools.product(*choices):
            url = route
            for match, value in zip(slots, combination, strict=True):
                url = url.replace(match.group(0), value, 1)
            if "(?" not in url and "^" not in url:
                urls.append("/" + url)
    return sorted(set(urls))


# Who fetches every page: role-based pages need a handler or head, the superuser passes
# every permission check, a custodian who did not approve, and a visitor.
CRAWLERS = ("handler", "head", "province_custodian", "superuser")


def _clients(world: World) -> dict[str, Client]:
    clients = {name: client_for(world.users[name]) for name in (*CRAWLERS, "custodian")}
    clients["anonymous"] = Client()
    for client in clients.values():
        client.raise_request_exception = False
    return clients


def _crawl(world: World) -> None:
    allowed = reverse("petitions:sealed_identity", kwargs={"pk": world.approved.pk})
    clients = _clients(world)
    for url in site_urls(world):
        for who, client in clients.items():
            response = client.get(url)
            world.pages += 1
            if response.status_code == 200:
                world.ok_pages.add(url)
            if who == "custodian" and url == allowed:
                # the one place it must show: a positive control for the detector
                assert identity_leaks(page_text(response)) == [
                    "address",
                    "email",
                    "id_number",
                    "name",
                    "phone",
                ]
                continue
            body = page_text(response) if hasattr(response, "content") else ""
            assert_no_identity_leak(body, where=f"GET {url} as {who} ({response.status_code})")


# --------------------------------------------------------------------------- the tests


def test_no_page_of_the_site_shows_the_identity(
    request: pytest.FixtureRequest, django_capture_on_commit_callbacks: Any
) -> None:
    # given the world: two denunciations, a request waiting, one approved, a message sent
    world = build_world(request, django_capture_on_commit_callbacks)
    # when every page of every area is fetched by every kind of user
    _crawl(world)
    # then none shows the identity (checked inside), and the crawl really saw the pages
    case_page = reverse("petitions:handling_case", kwargs={"code": world.web.tracking_code})
    assert case_page in world.ok_pages
    assert reverse("petitions:handling_inbox") in world.ok_pages
    assert reverse("petitions:sealed_request_decide", kwargs={"pk": world.pending.pk}) in (
        world.ok_pages
    )
    assert world.pages > 300


def test_tracking_and_follow_up_pages_do_not_show_the_identity(
    request: pytest.FixtureRequest, django_capture_on_commit_callbacks: Any
) -> None:
    world = build_world(request, django_capture_on_commit_callbacks)
    client = Client()
    # the public tracking page refuses denunciations, without details
    lookup = client.post(reverse("petitions:intake_tracking"), {"code": world.web.tracking_code})
    assert lookup.status_code == 404
    assert_no_identity_leak(page_text(lookup), where="tracking page")
    # the denouncer's own follow-up page shows the case, not who they are
    follow = client.post(reverse("petitions:sealed_follow_up"), {"code": world.web_code})
    assert follow.status_code == 200
    assert_no_identity_leak(page_text(follow), where="follow-up page")


def test_admin_and_audit_log_do_not_show_the_identity(
    request: pytest.FixtureRequest, django_capture_on_commit_callbacks: Any
) -> None:
    world = build_world(request, django_capture_on_commit_callbacks)
    client = client_for(world.users["superuser"])
    # the vault is in the admin, as metadata only
    assert admin.site.is_registered(SealedIdentity)
    seen = 0
    for model, _model_admin in admin.site._registry.items():
        opts = model._meta
        urls = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        for obj in model._default_manager.all()[:20]:
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_no_identity_leak(page_text(response), where=f"admin {url}")
            seen += 1
    change = reverse(
        "admin:petitions_sealedidentity_change",
        args=[SealedIdentity.objects.get(case=world.web).pk],
    )
    assert world.web.tracking_code in page_text(client.get(change))
    assert seen > 10
    # the audit log page
    audit = client.get(reverse("audit:list"))
    assert audit.status_code == 200
    assert "sealed_identity.seal" in page_text(audit)
    assert_no_identity_leak(page_text(audit), where="audit log page")


def test_database_emails_and_logs_hold_no_identity(
    request: pytest.FixtureRequest,
    django_capture_on_commit_callbacks: Any,
    all_logs: pytest.LogCaptureFixture,
) -> None:
    # given the world built with every logger at DEBUG and SQL logging on
    world = build_world(request, django_capture_on_commit_callbacks)
    client_for(world.approver).get(
        reverse("petitions:sealed_identity", kwargs={"pk": world.approved.pk})
    )
    # then no table row (Case, CaseEvent.data, AuditEntry, notifications, …) holds it
    assert_no_leak_in_database()
    # and no e-mail, except that the denouncer's own message goes to their address
    assert any(message.to == [LEAK_EMAIL] for message in mail.outbox)
    assert_no_leak_in_emails(mail.outbox)
    # and no log line, not even an SQL statement with its parameters
    text = logged_text(all_logs)
    assert "INSERT INTO" in text  # SQL was really captured
    assert_no_identity_leak(text, where="logs")


def _force_error(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """Make ``target`` fail with a message quoting its arguments (the worst case)."""

    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"failed with {args!r} {kwargs!r}")

    monkeypatch.setattr(target, explode)


@pytest.fixture
def error_reports(settings: Any) -> None:
    settings.DEBUG = False
    settings.ADMINS = ["admins@example.com"]


def test_error_on_the_custodians_page_reveals_nothing(
    request: pytest.FixtureRequest,
    django_capture_on_commit_callbacks: Any,
    all_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    error_reports: None,
) -> None:
    # given rendering the identity page fails with a message that quotes the identity
    world = build_world(request, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    _force_error(monkeypatch, "danvan.petitions.views.sealed.render")
    client = client_for(world.approver)
    client.raise_request_exception = False
    # when the custodian opens it
    response = client.get(reverse("petitions:sealed_identity", kwargs={"pk": world.approved.pk}))
    # then the error page, the error report e-mailed to the admins and the logs say nothing
    assert response.status_code == 500
    assert_no_identity_leak(page_text(response), where="error page")
    (report,) = mail.outbox
    assert "SealedPageError" in report.body  # the report was really sent, with a traceback
    assert_no_leak_in_emails(mail.outbox)
    assert_no_identity_leak(logged_text(all_logs), where="logs")


def test_error_while_receiving_a_denunciation_reveals_nothing(
    client: Client,
    commune_committee: Unit,
    all_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    error_reports: None,
) -> None:
    # given the vault fails while the public form is sent with the denouncer's identity
    _force_error(monkeypatch, "danvan.petitions.services.sealed.crypto.seal")
    client.raise_request_exception = False
    # when the form is posted
    response = client.post(
        reverse("petitions:intake_denunciation"), _intake_form_data(commune_committee)
    )
    # then nothing is saved, and the error page, error report and logs reveal nothing
    assert response.status_code == 500
    assert not Case.objects.exists()
    assert_no_identity_leak(page_text(response), where="error page")
    assert len(mail.outbox) == 1
    assert_no_leak_in_emails(mail.outbox)
    assert_no_identity_leak(logged_text(all_logs), where="logs")
