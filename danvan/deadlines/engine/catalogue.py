"""The rules and calendar corrections known to the code (DOMAIN.md, late 2026).

Every value here comes from DOMAIN.md with its status tag. Rules tagged [M] or [U] are the
believed values; administrators confirm or change them with an override that records the
legal basis (the Django side), so these defaults never have to be edited for one
deployment.
"""

import datetime as dt

from danvan.deadlines.engine.calendar import DayOverride, OverrideKind
from danvan.deadlines.engine.rules import (
    Anchor,
    Extension,
    ResumeMode,
    Rule,
    RuleBook,
    Status,
    TimeUnit,
)

CAL = TimeUnit.CALENDAR_DAY
WORK = TimeUnit.WORKING_DAY

LKN = "Luật Khiếu nại 02/2011/QH13"
LTC = "Luật Tố cáo 25/2018/QH14"
LDC = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
LAW_97_NOTE = (
    "Số điều theo văn bản 2022; Luật 97/2025/QH15 sửa 31 điều, cần đối chiếu văn bản hợp nhất [U]."
)
COMPLAINT_RESTART_BASIS = (
    f"{LKN}, Điều 11a (bổ sung bởi Luật 136/2025/QH15); Nghị định 124/2020/NĐ-CP, "
    "Điều 28b (bổ sung bởi Nghị định 155/2026/NĐ-CP, Điều 12) [R]"
)
JULY_2026 = dt.date(2026, 7, 1)

RULES: tuple[Rule, ...] = (
    # ---------------------------------------------------------------- complaints (§2.1)
    Rule(
        code="complaint_file",
        count=90,
        unit=CAL,
        anchor=Anchor.DECISION_RECEIVED,
        legal_basis=f"{LKN}, Điều 9",
        status=Status.VERIFIED,
        description_vi="Thời hiệu khiếu nại, kể từ ngày nhận được hoặc biết được quyết định, "
        "hành vi hành chính",
        description_en="Time limit to file a complaint, from receipt or knowledge of the "
        "administrative decision or act",
        resume_basis=f"{LKN}, Điều 9: thời gian có trở ngại khách quan không tính vào thời hiệu",
    ),
    Rule(
        code="complaint_accept",
        count=10,
        unit=CAL,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LKN}, Điều 27",
        status=Status.VERIFIED,
        description_vi="Thụ lý khiếu nại lần đầu hoặc lần hai, kể từ ngày nhận được khiếu nại",
        description_en="Accept a first or second complaint, from its receipt",
        effective_to=dt.date(2026, 6, 30),
    ),
    Rule(
        code="complaint_accept",
        count=7,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1, sửa đổi bởi Nghị định "
        "155/2026/NĐ-CP, Điều 10",
        status=Status.UNCERTAIN,
        description_vi="Thụ lý khiếu nại lần đầu hoặc lần hai, kể từ ngày nhận được khiếu nại",
        description_en="Accept a first or second complaint, from its receipt",
        effective_from=JULY_2026,
        note="Nghị định 155/2026 [R]; chưa rõ Luật 136/2025/QH15 có sửa Điều 27 Luật Khiếu nại "
        "thành 07 ngày làm việc hay không [U].",
    ),
    Rule(
        code="complaint_first",
        count=30,
        remote_area_count=45,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 28",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại lần đầu, kể từ ngày thụ lý",
        description_en="Resolve a first complaint, from acceptance",
        resume_mode=ResumeMode.RESTART,
        resume_basis=COMPLAINT_RESTART_BASIS,
    ),
    Rule(
        code="complaint_first_complex",
        count=45,
        remote_area_count=60,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 28; Nghị định 124/2020/NĐ-CP, Điều 3a (vụ việc phức tạp)",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại lần đầu, vụ việc phức tạp, kể từ ngày thụ lý",
        description_en="Resolve a complex first complaint, from acceptance",
        resume_mode=ResumeMode.RESTART,
        resume_basis=COMPLAINT_RESTART_BASIS,
    ),
    Rule(
        code="complaint_decision_send",
        count=3,
        unit=WORK,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis=f"{LKN}, Điều 32",
        status=Status.VERIFIED,
        description_vi="Gửi quyết định giải quyết khiếu nại lần đầu, kể từ ngày ban hành",
        description_en="Send the first-instance complaint decision, from its issue",
    ),
    Rule(
        code="complaint_second_file",
        count=30,
        remote_area_count=45,
        unit=CAL,
        anchor=Anchor.DECISION_RECEIVED,
        legal_basis=f"{LKN}, Điều 33 khoản 1",
        status=Status.VERIFIED,
        description_vi="Khiếu nại lần hai hoặc khởi kiện, kể từ ngày nhận quyết định giải quyết "
        "lần đầu hoặc hết thời hạn giải quyết mà không được giải quyết",
        description_en="File a second complaint or a lawsuit, from receipt of the first "
        "decision or the end of the first-instance limit without a decision",
    ),
    Rule(
        code="complaint_second",
        count=45,
        remote_area_count=60,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 37",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại lần hai, kể từ ngày thụ lý",
        description_en="Resolve a second complaint, from acceptance",
        resume_mode=ResumeMode.RESTART,
        resume_basis=COMPLAINT_RESTART_BASIS,
    ),
    Rule(
        code="complaint_second_complex",
        count=60,
        remote_area_count=70,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 37; Nghị định 124/2020/NĐ-CP, Điều 3a (vụ việc phức tạp)",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại lần hai, vụ việc phức tạp, kể từ ngày thụ lý",
        description_en="Resolve a complex second complaint, from acceptance",
        resume_mode=ResumeMode.RESTART,
        resume_basis=COMPLAINT_RESTART_BASIS,
    ),
    Rule(
        code="complaint_second_publish",
        count=15,
        unit=CAL,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis=f"{LKN}, Điều 41",
        status=Status.VERIFIED,
        description_vi="Công khai quyết định giải quyết khiếu nại lần hai, kể từ ngày ban hành",
        description_en="Publish the second-instance complaint decision, from its issue",
    ),
    Rule(
        code="complaint_suspension_send",
        count=3,
        unit=WORK,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 28a, bổ sung bởi Nghị định 155/2026/NĐ-CP, "
        "Điều 12",
        status=Status.REPOSITORY,
        description_vi="Gửi quyết định tạm đình chỉ, đình chỉ giải quyết khiếu nại (Mẫu 14a), "
        "kể từ ngày ban hành",
        description_en="Send the decision to suspend or terminate a complaint (form 14a), "
        "from its issue",
        effective_from=JULY_2026,
    ),
    Rule(
        code="complaint_continue_after_termination",
        count=30,
        unit=CAL,
        anchor=Anchor.NOTIFIED,
        legal_basis=f"{LKN}, Điều 11 khoản 8",
        status=Status.VERIFIED,
        description_vi="Người khiếu nại tiếp tục khiếu nại sau khi được thông báo đình chỉ; "
        "quá hạn thì không thụ lý",
        description_en="Complainant continues after being notified of termination; later "
        "complaints are not accepted",
    ),
    Rule(
        code="disciplinary_complaint_file",
        count=15,
        unit=CAL,
        anchor=Anchor.DECISION_RECEIVED,
        legal_basis=f"{LKN}, Điều 48",
        status=Status.VERIFIED,
        description_vi="Khiếu nại lần đầu quyết định kỷ luật cán bộ, công chức, kể từ ngày nhận "
        "quyết định",
        description_en="First complaint against a disciplinary decision, from its receipt",
        resume_basis=f"{LKN}, Điều 48: thời gian ốm đau, thiên tai, công tác… không tính",
    ),
    Rule(
        code="disciplinary_complaint_second_file",
        count=10,
        unit=CAL,
        anchor=Anchor.DECISION_RECEIVED,
        legal_basis=f"{LKN}, Điều 48",
        status=Status.VERIFIED,
        description_vi="Khiếu nại lần hai về kỷ luật, kể từ ngày nhận quyết định giải quyết "
        "lần đầu",
        description_en="Second disciplinary complaint, from receipt of the first decision",
    ),
    Rule(
        code="disciplinary_dismissal_second_file",
        count=30,
        unit=CAL,
        anchor=Anchor.DECISION_RECEIVED,
        legal_basis=f"{LKN}, Điều 48",
        status=Status.VERIFIED,
        description_vi="Khiếu nại lần hai về kỷ luật buộc thôi việc, kể từ ngày nhận quyết định "
        "giải quyết lần đầu",
        description_en="Second complaint against a dismissal, from receipt of the first decision",
    ),
    Rule(
        code="disciplinary_complaint_accept",
        count=10,
        unit=CAL,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LKN}, Điều 50",
        status=Status.VERIFIED,
        description_vi="Thụ lý khiếu nại quyết định kỷ luật, kể từ ngày nhận được khiếu nại",
        description_en="Accept a complaint against a disciplinary decision, from its receipt",
    ),
    Rule(
        code="disciplinary_complaint_resolve",
        count=30,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 50",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại quyết định kỷ luật, kể từ ngày thụ lý",
        description_en="Resolve a complaint against a disciplinary decision, from acceptance",
    ),
    Rule(
        code="disciplinary_complaint_resolve_complex",
        count=45,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LKN}, Điều 50",
        status=Status.VERIFIED,
        description_vi="Giải quyết khiếu nại quyết định kỷ luật, vụ việc phức tạp, kể từ ngày "
        "thụ lý",
        description_en="Resolve a complex complaint against a disciplinary decision, from "
        "acceptance",
    ),
    # ------------------------------------------------------------ denunciations (§3.2)
    Rule(
        code="denunciation_accept",
        count=7,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LTC}, Điều 24 khoản 1",
        status=Status.VERIFIED,
        description_vi="Vào sổ, phân loại, xử lý ban đầu, kiểm tra điều kiện thụ lý tố cáo, kể "
        "từ ngày nhận được tố cáo",
        description_en="Record, classify and check the acceptance conditions of a "
        "denunciation, from its receipt",
    ),
    Rule(
        code="denunciation_accept_several_places",
        count=10,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LTC}, Điều 24 khoản 1",
        status=Status.VERIFIED,
        description_vi="Như trên, khi phải xác minh ở nhiều địa điểm hoặc phải ủy quyền xác minh",
        description_en="The same, when verification is needed in several places or delegated",
    ),
    Rule(
        code="denunciation_transfer",
        count=5,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LTC}, Điều 24 khoản 2",
        status=Status.VERIFIED,
        description_vi="Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo, kể "
        "từ ngày nhận được tố cáo",
        description_en="Transfer a denunciation outside competence and notify the denouncer, "
        "from its receipt",
    ),
    Rule(
        code="denunciation_resolve",
        count=30,
        unit=CAL,
        anchor=Anchor.ACCEPTED,
        legal_basis=f"{LTC}, Điều 30",
        status=Status.VERIFIED,
        description_vi="Giải quyết tố cáo, kể từ ngày thụ lý",
        description_en="Resolve a denunciation, from acceptance",
        extensions=(
            Extension(
                code="complex",
                count=30,
                unit=CAL,
                max_times=1,
                legal_basis=f"{LTC}, Điều 30 khoản 1",
                description_vi="Vụ việc phức tạp: gia hạn một lần, không quá 30 ngày",
                description_en="Complex case: one extension of at most 30 days",
            ),
            Extension(
                code="especially_complex",
                count=30,
                unit=CAL,
                max_times=2,
                legal_basis=f"{LTC}, Điều 30 khoản 1",
                description_vi="Vụ việc đặc biệt phức tạp: gia hạn hai lần, mỗi lần không quá "
                "30 ngày",
                description_en="Especially complex case: two extensions of at most 30 days each",
            ),
        ),
        max_extensions=2,  # 30 + 30 + 30 = 90 days at most, whatever the mix
        resume_mode=ResumeMode.CONTINUE,
        # Not in DOMAIN.md; a legal Q&A site quotes Art 34(2) [S].
        resume_basis=f"{LTC}, Điều 34 khoản 2: thời gian tạm đình chỉ không tính vào thời hạn "
        "giải quyết tố cáo [S]",
    ),
    Rule(
        code="denunciation_publish",
        count=7,
        unit=WORK,
        anchor=Anchor.CONCLUDED,
        legal_basis=f"{LTC}, Điều 40",
        status=Status.VERIFIED,
        description_vi="Công khai kết luận nội dung tố cáo và quyết định xử lý, kể từ ngày ban "
        "hành",
        description_en="Publish the denunciation conclusion and the sanction decision, from "
        "their issue",
    ),
    Rule(
        code="denunciation_superior",
        count=5,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LTC}, Điều 38",
        status=Status.SECONDARY,
        description_vi="Cấp trên xử lý tố cáo quá hạn không được giải quyết, kể từ ngày nhận",
        description_en="Superior handles a denunciation left unresolved past its limit, from "
        "receipt",
        note="Theo tóm tắt của lawnet [S]; cần đối chiếu văn bản.",
    ),
    # ------------------------------------------------------ reception and petitions (§1, §4)
    Rule(
        code="refusal_notice",
        count=3,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis="Nghị định 154/2026/NĐ-CP, Điều 4 (khoản 2–4); Luật Tiếp công dân "
        "42/2013/QH13, Điều 9 khoản 3",
        status=Status.REPOSITORY,
        description_vi="Thông báo từ chối tiếp công dân bằng văn bản (Mẫu 01/TCD), kể từ ngày "
        "công dân đến",
        description_en="Written notice refusing reception (form 01/TCD), from the citizen's visit",
        effective_from=JULY_2026,
    ),
    Rule(
        code="petition_process",
        count=10,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis="Thông tư 05/2021/TT-TTCP",
        status=Status.BACKGROUND,
        description_vi="Xử lý đơn kiến nghị, phản ánh, kể từ ngày nhận được đơn",
        description_en="Process a petition or feedback, from its receipt",
        effective_from=dt.date(2021, 11, 15),
        note="Cổng Dịch vụ công ghi 10 ngày [S]; Thông tư 05/2021 được cho là 10 ngày làm việc "
        "[M]; có thể đã được thay thế năm 2026 [U].",
    ),
    Rule(
        code="petition_unprocessed_sanction",
        count=45,
        unit=CAL,
        anchor=Anchor.RECEIVED,
        legal_basis="Nghị định 154/2026/NĐ-CP, Điều 41 khoản 3 điểm b",
        status=Status.REPOSITORY,
        description_vi="Ngưỡng xử lý kỷ luật khi không xử lý đơn sau khi nhận, không có lý do "
        "chính đáng",
        description_en="Threshold for discipline when a petition is left unprocessed without "
        "good reason",
        effective_from=JULY_2026,
    ),
    Rule(
        code="pakn_reply",
        count=20,
        unit=CAL,
        anchor=Anchor.RECEIVED,
        legal_basis="Quyết định 574/QĐ-TTg ngày 25/4/2017",
        status=Status.SECONDARY,
        description_vi="Trả lời phản ánh, kiến nghị về quy định hành chính trên Cổng Dịch vụ "
        "công quốc gia",
        description_en="Answer feedback on administrative regulations on the National Public "
        "Service Portal",
    ),
    # ------------------------------------------------------- grassroots democracy (§5)
    Rule(
        code="disclosure_posting",
        count=5,
        unit=WORK,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis=f"{LDC}, Điều 12 khoản 3",
        status=Status.VERIFIED,
        description_vi="Công khai thông tin ở cấp xã (khi luật chuyên ngành không quy định), kể "
        "từ ngày ban hành quyết định, văn bản",
        description_en="Disclose information at commune level (unless sector law says "
        "otherwise), from the decision or document",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="disclosure_display",
        count=30,
        unit=CAL,
        anchor=Anchor.POSTED,
        legal_basis=f"{LDC}, Điều 13 khoản 2",
        status=Status.VERIFIED,
        description_vi="Thời gian niêm yết tối thiểu (30 ngày liên tục), kể từ ngày niêm yết",
        description_en="Minimum posting period (30 consecutive days), from posting",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="agency_disclosure",
        count=5,
        unit=WORK,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis=f"{LDC}, Điều 47",
        status=Status.VERIFIED,
        description_vi="Công khai thông tin trong cơ quan, đơn vị, kể từ ngày ban hành quyết định",
        description_en="Disclose information inside an agency or public unit, from the decision",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="community_decision_send",
        count=5,
        unit=WORK,
        anchor=Anchor.DECISION_ISSUED,
        legal_basis=f"{LDC}, Điều 20",
        status=Status.VERIFIED,
        description_vi="Gửi quyết định của cộng đồng dân cư đến Ủy ban nhân dân và Mặt trận cấp xã",
        description_en="Send the community's decision to the commune People's Committee and "
        "Fatherland Front",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="community_decision_recognition",
        count=5,
        unit=WORK,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LDC}, Điều 21",
        status=Status.VERIFIED,
        description_vi="Công nhận (hoặc từ chối bằng văn bản) quyết định của cộng đồng, kể từ "
        "ngày nhận",
        description_en="Recognise (or refuse in writing) a community decision, from its receipt",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="commune_consultation",
        count=20,
        unit=CAL,
        anchor=Anchor.POSTED,
        legal_basis=f"{LDC}, Điều 28",
        status=Status.VERIFIED,
        description_vi="Thời gian lấy ý kiến Nhân dân tối thiểu, kể từ ngày công khai nội dung",
        description_en="Minimum period for residents' comments, from publication of the content",
        effective_from=dt.date(2023, 7, 1),
        note=LAW_97_NOTE,
    ),
    Rule(
        code="inspection_plan_notice",
        count=5,
        unit=WORK,
        anchor=Anchor.NOTIFIED,
        legal_basis="Nghị định 59/2023/NĐ-CP, Điều 14",
        status=Status.SECONDARY,
        description_vi="Gửi kế hoạch kiểm tra, giám sát của Ban Thanh tra nhân dân chậm nhất 05 "
        "ngày làm việc trước ngày tiến hành hoạt động (đếm ngược từ ngày tiến hành)",
        description_en="Send the People's Inspection Board's plan at least 5 working days "
        "before the activity (counted back from the activity day)",
        effective_from=dt.date(2023, 8, 15),
        note="[S] theo lawnet; thời hạn đếm ngược từ ngày tiến hành hoạt động "
        "(democracy.services.supervision.plan_notice_due_date).",
    ),
    Rule(
        code="inspection_recommendation_answer",
        count=15,
        unit=CAL,
        anchor=Anchor.RECEIVED,
        legal_basis=f"{LDC}, Điều 38 (thời hạn cụ thể chưa được xác minh)",
        status=Status.UNCERTAIN,
        description_vi="Ủy ban nhân dân cấp xã trả lời kiến nghị của Ban Thanh tra nhân dân, Ban "
        "Giám sát đầu tư của cộng đồng, kể từ ngày nhận kiến nghị",
        description_en="The commune answers a recommendation of the People's Inspection Board "
        "or the Community Investment Supervision Board, from its receipt",
        effective_from=dt.date(2023, 7, 1),
        note="[U] 15 ngày là mặc định tạm thời; quản trị viên điều chỉnh khi xác minh được văn "
        "bản quy định.",
    ),
    # ------------------------------------------------- drafts of legal documents (§6.1)
    Rule(
        code="consultation_posting",
        count=20,
        unit=CAL,
        anchor=Anchor.POSTED,
        legal_basis="Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15; Nghị định "
        "78/2025/NĐ-CP",
        status=Status.UNCERTAIN,
        description_vi="Thời gian đăng tải dự thảo để lấy ý kiến tối thiểu (tính cả ngày nghỉ), "
        "kể từ ngày đăng tải",
        description_en="Minimum posting period of a draft for comments (holidays count), from "
        "posting",
        effective_from=dt.date(2025, 4, 1),
        note="[M/U] 20 ngày là mức chung được cho là áp dụng cho luật, pháp lệnh, nghị định; "
        "cần đối chiếu Điều 6 Luật 64/2025 và Điều 2 Nghị định 78/2025.",
    ),
)

RULE_BOOK = RuleBook(RULES)

# Corrections to the holidays package known when this code was written. The data migration
# seeds the override table with exactly these rows (a test checks they agree).
OFFICIAL_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
KNOWN_OVERRIDES: tuple[DayOverride, ...] = (
    DayOverride(
        date=dt.date(2026, 1, 2),
        kind=OverrideKind.DAY_OFF,
        name="Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
        legal_basis=OFFICIAL_2026,
    ),
    DayOverride(
        date=dt.date(2026, 1, 10),
        kind=OverrideKind.WORKING_DAY,
        name="Làm việc bù cho thứ Sáu 02/01/2026",
        legal_basis=OFFICIAL_2026,
    ),
)
