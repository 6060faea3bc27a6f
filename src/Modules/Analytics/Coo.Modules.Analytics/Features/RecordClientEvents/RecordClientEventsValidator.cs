using Coo.Modules.Analytics.Domain;
using Coo.Modules.Analytics.Resources;
using Coo.Shared.Kernel;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Coo.Modules.Analytics.Features.RecordClientEvents;

/// <summary>
/// A batch is taken whole or not at all. Client clocks are trusted only within a window around the server's: an
/// event may be up to <see cref="MaxAge"/> old (a client that was offline sends late) and at most
/// <see cref="MaxAhead"/> ahead (clock drift); anything outside would land in the wrong buckets, so it is refused.
/// </summary>
internal sealed class RecordClientEventsValidator : AbstractValidator<RecordClientEvents>
{
    public const int MaxEvents = 50;
    public const int MaxProperties = 10;
    public const int MaxPropertyLength = 200;
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    public RecordClientEventsValidator(IStringLocalizer<AnalyticsText> messages, TimeProvider time)
    {
        RuleFor(c => c.Events).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(_ => messages["EventsRequired"].Value)
            .Must(events => events!.Count <= MaxEvents).WithMessage(_ => messages["TooManyEvents", MaxEvents].Value)
            .OverridePropertyName("events");
        // A null in the list ("events": [null]) is a missing event, not one to look inside.
        RuleForEach(c => c.Events).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => messages["EventRequired"].Value).ChildRules(clientEvent =>
        {
            clientEvent.RuleFor(e => e.Name).Must(name => name is not null && ClientEventNames.Allowed.Contains(name))
                .WithMessage(_ => messages["EventNameUnknown", string.Join(", ", ClientEventNames.Allowed.Order(StringComparer.Ordinal))].Value)
                .OverridePropertyName("name");
            clientEvent.RuleFor(e => e.OccurredAt).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => messages["OccurredAtRequired"].Value)
                .Must(at => at >= time.GetUtcNow() - MaxAge).WithMessage(_ => messages["OccurredAtTooOld", MaxAge.TotalHours].Value)
                .Must(at => at <= time.GetUtcNow() + MaxAhead).WithMessage(_ => messages["OccurredAtInFuture", MaxAhead.TotalMinutes].Value)
                .OverridePropertyName("occurredAt");
            clientEvent.RuleFor(e => e.Properties)
                .Must(properties => properties is null || properties.Count <= MaxProperties)
                .WithMessage(_ => messages["TooManyProperties", MaxProperties].Value)
                .Must(properties => properties is null || properties.All(p => p.Key.Length <= MaxPropertyLength && (p.Value ?? "").Length <= MaxPropertyLength))
                .WithMessage(_ => messages["PropertyTooLong", MaxPropertyLength].Value)
                .Must(properties => properties is null || properties.All(p => UserText.IsAcceptable(p.Key, allowLineBreaks: false) && UserText.IsAcceptable(p.Value, allowLineBreaks: false)))
                .WithMessage(_ => messages["PropertyCharacters"].Value)
                .OverridePropertyName("properties");
        }).OverridePropertyName("events");
    }
}
