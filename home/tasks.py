"""The name of the queue every app's background work goes to (the core's own task, delivering a webhook,
is home.webhooks.deliver_webhook).

A task is a module-level function, in its app's `tasks.py` unless it belongs with the rows it moves on,
declared with `@task(backend=BACKGROUND)` and queued with `.enqueue(...)` (arguments must be JSON: pass
ids, not objects). It runs in `manage.py db_worker --backend background`, so it must be safe to run again
after a worker dies half-way: keep the real state on the app's own rows (as the webhook deliveries and the
newsletter's deliveries do) and let the task only move it on.
"""

# The django-tasks backend alias in settings.TASKS whose tasks wait in the database for the worker.
BACKGROUND = "background"
