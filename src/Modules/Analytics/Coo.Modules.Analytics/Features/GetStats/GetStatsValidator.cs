using Coo.Modules.Analytics.Resources;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Analytics.Features.GetStats;

internal sealed class GetStatsValidator : AbstractValidator<GetStats>
{
    public GetStatsValidator(IStringLocalizer<AnalyticsText> messages, TimeProvider time)
    {
        RuleFor(q => q.Granularity).Must(g => StatsRange.TryParseGranularity(g, out _))
            .WithMessage(_ => messages["GranularityUnknown"].Value).OverridePropertyName("granularity");
        RuleFor(q => q.From).Cascade(CascadeMode.Stop).Must(t => StatsRange.TryParseTime(t, out _))
            .WithMessage(_ => messages["TimeInvalid"].Value)
            .Must(IsSupported).WithMessage(_ => messages["TimeOutOfRange", Year(StatsRange.EarliestTime), Year(StatsRange.LatestTime)].Value)
            .OverridePropertyName("from");
        RuleFor(q => q.To).Cascade(CascadeMode.Stop).Must(t => StatsRange.TryParseTime(t, out _))
            .WithMessage(_ => messages["TimeInvalid"].Value)
            .Must(IsSupported).WithMessage(_ => messages["TimeOutOfRange", Year(StatsRange.EarliestTime), Year(StatsRange.LatestTime)].Value)
            .OverridePropertyName("to");

        // The range is judged only once its parts are understood, so that one mistake gives one message.
        When(q => StatsRange.TryParseGranularity(q.Granularity, out _) && IsSupported(q.From) && IsSupported(q.To), () =>
        {
            RuleFor(q => StatsRange.Of(q, time.GetUtcNow())).Cascade(CascadeMode.Stop)
                .Must(range => range.FirstBucket < range.End).WithMessage(_ => messages["RangeReversed"].Value)
                .Must(range => range.BucketCount <= StatsRange.MaxBuckets(range.Granularity))
                .WithMessage((_, range) => messages["RangeTooLong", StatsRange.MaxBuckets(range.Granularity), range.Granularity.ToString().ToLowerInvariant()].Value)
                .OverridePropertyName("to");
        });
    }

    /// <summary>Whether a time parses and lies where Coo can compute with it (see <see cref="StatsRange.EarliestTime"/>).</summary>
    private static bool IsSupported(string? text) => StatsRange.TryParseTime(text, out var time) && StatsRange.IsSupported(time);

    private static string Year(DateTimeOffset time) => time.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
