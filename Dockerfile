# syntax=docker/dockerfile:1
# Multi-stage image: dependencies are built in one stage, the runtime stage carries only what it needs
# and runs as an unprivileged user. Static files are collected at build time.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt
WORKDIR /app
COPY . /app
# Build-time only values: collectstatic and compilemessages need settings, not secrets.
RUN DJANGO_SETTINGS_MODULE=sakke_site.settings.production SECRET_KEY=build-only ALLOWED_HOSTS=build \
        python manage.py compilemessages --ignore=.venv -v0 \
    && DJANGO_SETTINGS_MODULE=sakke_site.settings.production SECRET_KEY=build-only ALLOWED_HOSTS=build \
        python manage.py collectstatic --noinput -v0

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=sakke_site.settings.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    PORT=8000 \
    FORWARDED_ALLOW_IPS=127.0.0.1
# libpq for PostgreSQL; Voikko gives search the Finnish base forms (see the search app).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libvoikko1 voikko-fi curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system sakke && useradd --system --gid sakke --home /app sakke
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=sakke:sakke /app /app
WORKDIR /app
RUN mkdir -p /app/var/media && chown -R sakke:sakke /app/var
USER sakke
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1
# Migrations run as a separate one-off command (see docker-compose.yml), not on every app start.
# gunicorn believes X-Forwarded-* headers only from FORWARDED_ALLOW_IPS: set it to the proxy's address
# (and API_PROXIES to the number of proxies); '*' only if nothing but the proxy can reach this port.
CMD ["sh", "-c", "exec gunicorn sakke_site.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips=\"${FORWARDED_ALLOW_IPS}\""]
