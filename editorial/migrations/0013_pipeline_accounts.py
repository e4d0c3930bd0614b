"""The Pipelines group: author accounts that are automated drafting pipelines. A pipeline
must say how each revision was drafted (its name, the model and its version); people's
revisions default to written by people."""

from django.db import migrations

PIPELINES = "Pipelines"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=PIPELINES)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PIPELINES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0012_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
