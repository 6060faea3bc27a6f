using Microsoft.Extensions.Localization;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>A module's resources that translate its errors' messages, one resource per error code.</summary>
public sealed record ErrorTranslations(IStringLocalizer Localizer);
