from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Figures for decision-makers: the statistics page, its municipality pages, downloads and API.

    Above associations, news and programme, because it counts all of them. Named `stats`, not
    `statistics`, which would shadow the standard library module.
    """

    name = "stats"
    verbose_name = _("Statistics")

    def ready(self):
        from home.content_changes import content_version_changed
        from stats.tasks import queue_warm_up

        content_version_changed.connect(queue_warm_up, dispatch_uid="stats-warm-up")
