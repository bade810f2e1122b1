FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY config ./config
COPY core ./core
COPY accounts ./accounts
COPY treaties ./treaties
COPY comparisons ./comparisons
COPY research ./research
RUN pip install --no-cache-dir .
COPY . .
# A throwaway key for collectstatic only: the real one comes from the environment at run time,
# and nothing secret is baked into the image.
RUN SECRET_KEY=collectstatic-only DJANGO_SETTINGS_MODULE=config.settings python manage.py collectstatic --no-input -v 0
# The app runs as an unprivileged user that owns nothing in the image.
RUN useradd --system --no-create-home --shell /usr/sbin/nologin normdiff
USER normdiff
ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py load_research && python manage.py load_corpus && python manage.py align_defaults && exec gunicorn -c config/gunicorn.py config.wsgi"]
