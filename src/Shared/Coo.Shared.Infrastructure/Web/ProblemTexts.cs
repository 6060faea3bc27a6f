using Coo.Shared.Kernel;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// The human-readable parts of problems (title, detail) in the request's UI culture, which the host takes from
/// <c>Accept-Language</c>. A module's errors are worded by that module's resources, named after the error's stable
/// code (<see cref="Modules.ModuleServiceCollectionExtensions.AddErrorTranslations{TResource}"/>); English is the
/// fallback. Problem types and field names never change.
/// </summary>
public sealed class ProblemTexts(IStringLocalizer<ProblemTexts> texts, IEnumerable<ErrorTranslations> modules)
{
    private readonly ErrorTranslations[] _modules = [.. modules];

    public string ValidationTitle => texts["ValidationTitle"].Value;

    public string MalformedRequestTitle => texts["MalformedRequestTitle"].Value;

    public string MalformedJsonDetail(string path) => texts["MalformedJsonDetail", path].Value;

    public string ServerFailureDetail => texts["ServerFailureDetail"].Value;

    public string DatabaseUnavailableDetail => texts["DatabaseUnavailableDetail"].Value;

    public string RateLimitedDetail(int seconds) => texts["RateLimitedDetail", seconds].Value;

    public string LimitOutOfRange(int maxLimit) => texts["LimitOutOfRange", maxLimit].Value;

    public string UnknownCursor => texts["UnknownCursor"].Value;

    public string BodyTooLargeDetail(long maxBytes) => texts["BodyTooLargeDetail", maxBytes].Value;

    /// <summary>The status's title; English titles are the standard reason phrases, so only translations are resources.</summary>
    public string Title(int status) =>
        texts[$"Title{status}"] is { ResourceNotFound: false } title ? title.Value : ReasonPhrases.GetReasonPhrase(status);

    /// <summary>The error's message as its module words it in the request's language, else its English message.</summary>
    public string Message(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var module in _modules)
        {
            if (module.Localizer[error.Code] is { ResourceNotFound: false } message)
            {
                return message.Value;
            }
        }

        return error.Message;
    }
}
