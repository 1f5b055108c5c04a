# Tenure server image: `tenure serve` on port 8080, data in /data (docs/operations.md, "Docker").
#   docker build -t tenure .
#   docker run -p 127.0.0.1:5080:8080 -v tenure-data:/data tenure
# With PostgreSQL: compose.yaml beside this file.

# ---- build: publish the CLI (framework-dependent; the runtime image brings ASP.NET Core) ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Tenure.Metrics/Tenure.Metrics.csproj src/Tenure.Metrics/
COPY src/Tenure.Ingest/Tenure.Ingest.csproj src/Tenure.Ingest/
COPY src/Tenure.Demo/Tenure.Demo.csproj src/Tenure.Demo/
COPY src/Tenure.Predictive/Tenure.Predictive.csproj src/Tenure.Predictive/
COPY src/Tenure.Storage/Tenure.Storage.csproj src/Tenure.Storage/
COPY src/Tenure.Web/Tenure.Web.csproj src/Tenure.Web/
COPY src/Tenure.Cli/Tenure.Cli.csproj src/Tenure.Cli/
RUN dotnet restore src/Tenure.Cli/Tenure.Cli.csproj -r linux-x64
COPY src/ src/
COPY README.md ./
RUN dotnet publish src/Tenure.Cli/Tenure.Cli.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

# ---- runtime ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the HEALTHCHECK only.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user (APP_UID, 1654): never root.
USER $APP_UID
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
EXPOSE 8080
# Liveness: the process answers HTTP (readiness, database included, is /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://localhost:8080/healthz"]
ENTRYPOINT ["/app/tenure"]
# Every interface inside the container (publish the port on 127.0.0.1 or behind a TLS proxy); the SQLite file in /data.
CMD ["serve", "--db", "/data/tenure.db", "--urls", "http://0.0.0.0:8080", "--log-format", "json"]
