# Coo host image.
#   docker build -t coo .
#   docker run -p 8080:8080 -v coo-data:/app/data coo                      # embedded mode: SQLite in /app/data
#   docker run -p 8080:8080 -e Database__Provider=PostgreSql \
#     -e ConnectionStrings__Coo='Host=db;Username=coo;Password=...;Database=coo' \
#     -e ConnectionStrings__Redis=redis:6379 -e Auth__SigningKey='<32+ bytes shared by every instance>' \
#     -e Ids__GeneratorId=<0-1023, unique per instance> coo
# All settings come from environment variables (Section__Key), see src/Coo.Host/appsettings.json.
# The .NET 10 default tags (sdk:10.0, aspnet:10.0) are Ubuntu 24.04 "noble" images.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer stays cached until a dependency changes.
# Every src/ project file must be listed here (.ci/run checks that none is missing).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Coo.Host/Coo.Host.csproj src/Coo.Host/
COPY src/Shared/Coo.Shared.Kernel/Coo.Shared.Kernel.csproj src/Shared/Coo.Shared.Kernel/
COPY src/Shared/Coo.Shared.Infrastructure/Coo.Shared.Infrastructure.csproj src/Shared/Coo.Shared.Infrastructure/
COPY src/Modules/Users/Coo.Modules.Users/Coo.Modules.Users.csproj src/Modules/Users/Coo.Modules.Users/
COPY src/Modules/Users/Coo.Modules.Users.Contracts/Coo.Modules.Users.Contracts.csproj src/Modules/Users/Coo.Modules.Users.Contracts/
COPY src/Modules/Coos/Coo.Modules.Coos/Coo.Modules.Coos.csproj src/Modules/Coos/Coo.Modules.Coos/
COPY src/Modules/Coos/Coo.Modules.Coos.Contracts/Coo.Modules.Coos.Contracts.csproj src/Modules/Coos/Coo.Modules.Coos.Contracts/
COPY src/Modules/Follows/Coo.Modules.Follows/Coo.Modules.Follows.csproj src/Modules/Follows/Coo.Modules.Follows/
COPY src/Modules/Follows/Coo.Modules.Follows.Contracts/Coo.Modules.Follows.Contracts.csproj src/Modules/Follows/Coo.Modules.Follows.Contracts/
COPY src/Modules/Timeline/Coo.Modules.Timeline/Coo.Modules.Timeline.csproj src/Modules/Timeline/Coo.Modules.Timeline/
COPY src/Modules/Timeline/Coo.Modules.Timeline.Contracts/Coo.Modules.Timeline.Contracts.csproj src/Modules/Timeline/Coo.Modules.Timeline.Contracts/
COPY src/Modules/Analytics/Coo.Modules.Analytics/Coo.Modules.Analytics.csproj src/Modules/Analytics/Coo.Modules.Analytics/
COPY src/Modules/Analytics/Coo.Modules.Analytics.Contracts/Coo.Modules.Analytics.Contracts.csproj src/Modules/Analytics/Coo.Modules.Analytics.Contracts/
RUN dotnet restore src/Coo.Host/Coo.Host.csproj

COPY . .
RUN dotnet publish src/Coo.Host/Coo.Host.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# Invariant globalization must stay off: coo text is NFC-normalized, graphemes are counted and usernames are
# compared case-insensitively, all of which need ICU. The aspnet:10.0 (noble) image ships libicu; the build
# fails here if a base image without it (for example a chiseled one) is ever swapped in.
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_HTTP_PORTS=8080
RUN ls /usr/lib/*/libicuuc.so.* >/dev/null

# The embedded SQLite mode keeps its database (and the generated token signing key) in /app/data.
# The directory is created and handed to the non-root "app" user before it becomes a volume, so a new
# named volume starts out writable by that user.
RUN mkdir -p /app/data && chown "$APP_UID:$APP_UID" /app/data
VOLUME /app/data

COPY --from=build /app/publish .

# No HEALTHCHECK: the aspnet image has neither curl nor wget, and adding one only for this would grow the
# attack surface. Orchestrators should probe GET /health/live (liveness) and GET /health/ready (readiness).
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Coo.Host.dll"]
