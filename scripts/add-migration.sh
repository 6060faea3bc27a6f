#!/usr/bin/env bash
# Adds a migration named $1 to every module, for every database provider (SQLite, PostgreSQL, SQL Server).
# No database is needed: EF Core compares the model with each provider's snapshot.
# Usage: scripts/add-migration.sh AddCoos [Module ...]
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME [Module ...]}
shift
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
    # Every module under src/Modules, found by its folder: a new module needs no change here.
    for folder in src/Modules/*/; do modules+=("$(basename "$folder")"); done
fi

dotnet tool restore >/dev/null
dotnet build src/Coo.Host -v q -nologo >/dev/null

declare -A connection=(
  [Sqlite]="Data Source=design-time.db"
  [PostgreSql]="Host=localhost;Database=coo_design"
  [SqlServer]="Server=localhost;Database=coo_design;TrustServerCertificate=true"
)
for module in "${modules[@]}"; do
  for provider in Sqlite PostgreSql SqlServer; do
    echo "== $module / $provider"
    Database__Provider=$provider ConnectionStrings__Coo="${connection[$provider]}" \
    Auth__SigningKey=design-time-signing-key-not-used-for-anything Ids__GeneratorId=0 Media__StoragePath="${TMPDIR:-/tmp}/coo-design-time-media" \
      dotnet ef migrations add "$name" --no-build \
        --project "src/Modules/$module/Coo.Modules.$module" --startup-project src/Coo.Host \
        --context "${provider}${module}DbContext" --output-dir "Data/Migrations/$provider"
  done
done
dotnet format Coo.sln --include 'src/Modules/*/*/Data/Migrations/' >/dev/null || true
