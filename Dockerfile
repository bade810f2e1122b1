FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY config ./config
COPY treaties ./treaties
COPY comparisons ./comparisons
COPY research ./research
RUN pip install --no-cache-dir .
COPY . .
RUN DJANGO_SETTINGS_MODULE=config.settings python manage.py collectstatic --no-input -v 0
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && python manage.py load_research && python manage.py load_corpus && python manage.py align_defaults && gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 3 --timeout 120"]
