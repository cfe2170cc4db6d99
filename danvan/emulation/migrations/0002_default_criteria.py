"""The default evaluation criteria [M/U]: no national guidance was found (DOMAIN §9.1), so
these follow provincial guidance (Lâm Đồng's "5 standards", Quảng Ngãi) and the commission
may edit, add or retire them on the criteria page."""

from django.db import migrations

DEFAULT_CRITERIA = [
    ("muc-tieu", "Mục tiêu vận động rõ ràng, gắn với nhiệm vụ chính trị của địa phương, đơn vị", 15, True),
    ("hieu-qua", "Kết quả thiết thực, đo đếm được về kinh tế, xã hội", 25, True),
    ("dong-thuan", "Thu hút đông đảo Nhân dân tham gia, tạo đồng thuận", 20, False),
    ("nhan-rong", "Có tính bền vững, khả năng nhân rộng", 20, False),
    ("guong-mau", "Tập thể, cá nhân chấp hành tốt pháp luật, gương mẫu", 10, True),
    ("bao-cao", "Có báo cáo được Ban Dân vận cùng cấp thẩm định", 10, False),
]


def add_criteria(apps, schema_editor):
    Criterion = apps.get_model("emulation", "Criterion")
    for position, (code, name, points, required) in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.get_or_create(
            code=code,
            defaults={"name": name, "max_points": points, "is_required": required, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_registry_evaluation_books")]

    operations = [migrations.RunPython(add_criteria, migrations.RunPython.noop)]
