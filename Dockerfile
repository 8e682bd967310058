# syntax=docker/dockerfile:1
# Build: the .NET SDK plus Node.js (the build installs the npm front-end assets and fonts).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/OfficerUi/DossierWorkflow.OfficerUi.csproj -c Release -o /app/officer-ui \
 && dotnet publish src/Portal/DossierWorkflow.Portal.csproj -c Release -o /app/portal

# Run: the ASP.NET Core runtime only, as the image's non-root user, its data (SQLite, attachments) under /data. Two
# images from this file: the citizens' portal (`--target portal`) and the officers' host (the default, last stage).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# attachments/ exists in the image, owned by the app's user, so that a named volume mounted there (the files both hosts
# share, see docker-compose.yml) starts out writable by it.
RUN mkdir -p /data/attachments && chown -R "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataDirectory=/data
EXPOSE 8080
VOLUME ["/data"]
# No curl in the runtime image: bash's /dev/tcp asks /health directly.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q Healthy <&3"]

FROM runtime AS portal
COPY --from=build /app/portal ./
ENTRYPOINT ["dotnet", "DossierWorkflow.Portal.dll"]

FROM runtime AS officer-ui
COPY --from=build /app/officer-ui ./
ENTRYPOINT ["dotnet", "DossierWorkflow.OfficerUi.dll"]
