using Coo.Shared.Infrastructure.Messaging;
using FluentValidation;
using Mediator;

namespace Coo.ArchitectureTests.Rules;

/// <summary>
/// Rule 6: Mediator handlers, integration event handlers and FluentValidation validators are internal, sealed and
/// named *Handler / *Validator.
/// </summary>
internal static class HandlerRules
{
    /// <summary>Every handler interface of Mediator.Abstractions, and the integration event handler interface.</summary>
    public static readonly IReadOnlyList<Type> HandlerInterfaces =
    [
        typeof(ICommandHandler<>),
        typeof(ICommandHandler<,>),
        typeof(IQueryHandler<,>),
        typeof(IRequestHandler<>),
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IStreamCommandHandler<,>),
        typeof(IStreamQueryHandler<,>),
        typeof(IStreamRequestHandler<,>),
        typeof(IIntegrationEventHandler<>),
    ];

    /// <summary>Abstract types are left out: a shared base is neither registered nor sealable.</summary>
    public static IReadOnlyList<Violation> Check(IEnumerable<Type> types)
    {
        var violations = new List<Violation>();
        foreach (var type in types.Where(t => t.IsClass && !t.IsAbstract))
        {
            if (IsHandler(type))
            {
                violations.AddRange(CheckShape(type, "Handler", "handler"));
            }

            if (IsValidator(type))
            {
                violations.AddRange(CheckShape(type, "Validator", "validator"));
            }
        }

        return violations;
    }

    public static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition()));

    public static bool IsValidator(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Violation> CheckShape(Type type, string suffix, string kind)
    {
        if (type.IsVisible)
        {
            yield return new Violation(type.FullName!, $"is a public {kind}");
        }

        if (!type.IsSealed)
        {
            yield return new Violation(type.FullName!, $"is an unsealed {kind}");
        }

        // A generic type's name ends in `n (its arity); the suffix comes before it.
        var name = type.Name.Split('`')[0];
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            yield return new Violation(type.FullName!, $"is a {kind} not named *{suffix}");
        }
    }
}
