"""Operations that migrations of several apps share."""

from django.contrib.contenttypes.models import ContentType


def rename_content_types(from_app: str, to_app: str, model_names: list[str]):
    """A RunPython function that moves the content types of `model_names` from one app label to
    another, keeping their rows: permissions, guardian's object grants and audit entries point
    at them by id, so they follow the models. Nothing to do on a new database, whose content
    types are created after the migrations."""

    def forwards(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        content_types.objects.using(db).filter(app_label=from_app, model__in=model_names).update(
            app_label=to_app
        )
        # The app's ContentType manager caches rows by id: this process may read them again.
        content_types.objects.clear_cache()
        ContentType.objects.clear_cache()

    return forwards
