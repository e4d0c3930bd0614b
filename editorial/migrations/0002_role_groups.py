"""The four role groups and the model permissions the admin needs for each.

Object rules (own articles, own assignments) live in editorial.policy; these
permissions only open the admin pages each role works in.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = "view"
ROLE_PERMISSIONS = {
    "Authors": {
        "articles": {"article": ["view"], "revision": ["view"], "reference": ["view"],
                     "specialty": ["view"]},
    },
    "Reviewers": {
        "articles": {"article": ["view"], "revision": ["view"], "reference": ["view"]},
        "reviewers": {"reviewassignment": ["view", "change"], "reviewer": ["view"]},
    },
    "Editors": {
        "articles": {"article": ["view"], "revision": ["view", "change"],
                     "reference": ["view"], "specialty": ["view", "add", "change"]},
        "reviewers": {"reviewassignment": ["view", "add", "change"],
                      "reviewer": ["view", "add", "change"]},
        "editorial": {"auditevent": ["view"], "boardvote": ["view"]},
    },
    "Advisory Board": {
        "articles": {"article": ["view"], "revision": ["view", "change"],
                     "reference": ["view"], "specialty": ["view"]},
        "reviewers": {"reviewassignment": ["view"], "reviewer": ["view"]},
        "editorial": {"auditevent": ["view"], "boardvote": ["view", "add"]},
    },
}  # fmt: skip


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, by_model in by_app.items():
            for model, verbs in by_model.items():
                codenames = [f"{verb}_{model}" for verb in verbs]
                group.permissions.add(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0001_initial"),
        ("reviewers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
