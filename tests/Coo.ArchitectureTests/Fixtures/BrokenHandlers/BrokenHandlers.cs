using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Features.UpdateMyProfile;
using Coo.Shared.Infrastructure.Messaging;
using FluentValidation;
using Mediator;

namespace Coo.ArchitectureTests.Fixtures.BrokenHandlers;

// Handlers and validators of a module imitated, broken on purpose: the handler rule must report exactly the types
// marked "breaks", each for the reasons given.

public sealed record PaintWidget(string Colour) : ICommand<bool>;

public sealed record CountWidgets : IQuery<int>;

public sealed record WidgetPainted(string Colour) : INotification;

/// <summary>Fine.</summary>
internal sealed class PaintWidgetHandler : ICommandHandler<PaintWidget, bool>
{
    public ValueTask<bool> Handle(PaintWidget command, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

/// <summary>Fine.</summary>
internal sealed class PaintWidgetValidator : AbstractValidator<PaintWidget>
{
    public PaintWidgetValidator() => RuleFor(c => c.Colour).NotEmpty();
}

/// <summary>Breaks: public.</summary>
public sealed class CountWidgetsHandler : IQueryHandler<CountWidgets, int>
{
    public ValueTask<int> Handle(CountWidgets query, CancellationToken cancellationToken) => ValueTask.FromResult(0);
}

/// <summary>Breaks: not sealed.</summary>
#pragma warning disable CA1852 // Broken on purpose: could be sealed.
internal class WidgetPaintedHandler : INotificationHandler<WidgetPainted>
#pragma warning restore CA1852
{
    public ValueTask Handle(WidgetPainted notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Breaks: misnamed.</summary>
internal sealed class WidgetPaintedLogger : INotificationHandler<WidgetPainted>
{
    public ValueTask Handle(WidgetPainted notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>Breaks: public, not sealed and misnamed.</summary>
public class PaintWidgetRules : AbstractValidator<PaintWidget>
{
    public PaintWidgetRules() => RuleFor(c => c.Colour).MaximumLength(20);
}

/// <summary>Fine: an integration event handler.</summary>
internal sealed class UserRegisteredHandler : IIntegrationEventHandler<UserRegisteredIntegrationEvent>
{
    public Task HandleAsync(UserRegisteredIntegrationEvent integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Breaks: an integration event handler that is misnamed.</summary>
internal sealed class UserProfileUpdatedReaction : IIntegrationEventHandler<UserProfileUpdatedIntegrationEvent>
{
    public Task HandleAsync(UserProfileUpdatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
