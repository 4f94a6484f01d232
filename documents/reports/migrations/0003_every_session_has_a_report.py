from django.db import migrations


def open_missing_reports(apps, schema_editor):
    """Sessions created before every session came with its draft report get theirs."""
    Session = apps.get_model("meetings_sessions", "Session")
    Report = apps.get_model("reports", "Report")
    Report.objects.bulk_create([Report(session=session) for session in Session.objects.filter(report__isnull=True)])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_alter_comment_answer_alter_comment_proposed_text_and_more"),
        ("meetings_sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(open_missing_reports, migrations.RunPython.noop)]
