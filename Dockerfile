# Coo host image.
#   docker build -t coo .
#   docker run -p 8080:8080 -v coo-data:/app/data coo                      # embedded mode: SQLite in /app/data
#   docker run -p 8080:8080 -e Database__Provider=PostgreSql \
#     -e ConnectionStrings__Coo='Host=db;Username=coo;Password=...;Database=coo' \
#     -e ConnectionStrings__Redis=redis:6379 -e Auth__SigningKey='<32+ bytes shared by every instance>' \
#     -e Ids__GeneratorId=<0-1023, unique per instance> \
#     -e Media__StoragePath=/app/media -v coo-media:/app/media coo   # uploaded images: one volume all instances share
# All settings come from environment variables (Section__Key); README.md lists them (defaults are in code).
# The .NET 10 default tags (sdk:10.0, aspnet:10.0) are Ubuntu 24.04 "noble" images.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# The sources as they are, so a new module needs no line here; the NuGet cache mount (BuildKit) keeps restores fast
# when the sources change. Restore and publish share the mount, since the packages never enter a layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN --mount=type=cache,id=coo-nuget,target=/root/.nuget/packages \
    dotnet restore src/Coo.Host/Coo.Host.csproj \
 && dotnet publish src/Coo.Host/Coo.Host.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# Invariant globalization must stay off: coo text is NFC-normalized, graphemes are counted and usernames are
# compared case-insensitively, all of which need ICU. The aspnet:10.0 (noble) image ships libicu; the build
# fails here if a base image without it (for example a chiseled one) is ever swapped in.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_HTTP_PORTS=8080
RUN ls /usr/lib/*/libicuuc.so.* >/dev/null

# The embedded SQLite mode keeps its database (and the generated token signing key, and images) in /app/data;
# /app/media is for server mode's shared image volume (Media__StoragePath).
# The directory is created and handed to the non-root "app" user before it becomes a volume, so a new
# named volume starts out writable by that user.
RUN mkdir -p /app/data /app/media && chown "$APP_UID:$APP_UID" /app/data /app/media
VOLUME /app/data

COPY --from=build /app/publish .

# No HEALTHCHECK: the aspnet image has neither curl nor wget, and adding one only for this would grow the
# attack surface. Orchestrators should probe GET /health/live (liveness) and GET /health/ready (readiness).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Coo.Host.dll"]
