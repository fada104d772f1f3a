"""Keeps association editors' rights, the taxonomy translations and the current survey answers in step."""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from associations.directory import forget_taxonomy_names
from associations.invitations import ORIGINAL_LANGUAGE, ensure_editor_group, find_editor_group
from associations.models import AssociationPage, Category, Municipality, SurveySubmission, TargetGroup
from home.content_changes import content_changed, follow_model


def grant_editors_new_translation(sender, instance, **kwargs):
    """When a Swedish version of an association page is published, its editors may edit it too."""
    if instance.locale.language_code == ORIGINAL_LANGUAGE:
        return
    if find_editor_group(instance) is not None:
        ensure_editor_group(instance)


def restore_earlier_survey_answer(sender, instance, **kwargs):
    """When a coordinator deletes an association's current survey answer (a mistake, a test), its latest
    earlier answer becomes current again, so the association does not drop out of the statistics."""
    if not instance.is_current:
        return
    earlier = (
        SurveySubmission.objects.filter(
            survey_key=instance.survey_key,
            association_key=instance.association_key,
            is_current=False,
            is_verified=True,  # an unverified answer counts only once a coordinator accepts it
        )
        .exclude(pk=instance.pk)
        .order_by("-submit_time", "-pk")
        .first()
    )
    if earlier is not None:
        SurveySubmission.objects.filter(pk=earlier.pk).update(is_current=True, replaced_by=None)
    transaction.on_commit(content_changed)


def record_term_translations(**kwargs):
    """Give every taxonomy term that exists in Finnish and Swedish its wagtail-localize records.

    The shipped terms (and any made outside wagtail-localize) have Swedish versions but no translation
    records. When an editor translates a page, wagtail-localize also re-translates the terms the page
    refers to, from those records: without them it would overwrite each Swedish name with the Finnish
    one ("Barn" would become "Lapset"). With the Swedish name stored as the term's translation, that
    re-translation keeps it. Runs after every migrate and is idempotent.
    """
    finnish = Locale.objects.filter(language_code=ORIGINAL_LANGUAGE).first()
    locales = Locale.objects.exclude(language_code=ORIGINAL_LANGUAGE)
    if finnish is None or not locales.exists():
        return
    for model in (Municipality, Category, TargetGroup):
        originals = {term.translation_key: term for term in model.objects.filter(locale=finnish)}
        for locale in locales:
            recorded = set(
                Translation.objects.filter(
                    target_locale=locale, source__object_id__in=originals, source__locale=finnish
                ).values_list("source__object_id", flat=True)
            )
            for term in model.objects.filter(locale=locale, translation_key__in=originals.keys() - recorded):
                _record(originals[term.translation_key], term, locale)


def _record(original, translated, locale):
    source, _created = TranslationSource.get_or_create_from_instance(original)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source, context__path="name").select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": StringValue.from_plaintext(translated.name).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )


def register(app_config):
    page_published.connect(grant_editors_new_translation, sender=AssociationPage)
    for model in (Municipality, Category, TargetGroup):
        post_save.connect(forget_taxonomy_names, sender=model)
        post_delete.connect(forget_taxonomy_names, sender=model)
        follow_model(model)  # term names appear in public answers
    post_migrate.connect(record_term_translations, sender=app_config)
    post_delete.connect(restore_earlier_survey_answer, sender=SurveySubmission)
