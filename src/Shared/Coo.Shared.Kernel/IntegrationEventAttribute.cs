namespace Coo.Shared.Kernel;

/// <summary>
/// The stable, versioned name an integration event travels under (<c>module.event-name.vN</c>), independent of its
/// C# type: renaming or moving the type changes nothing on the wire. A breaking change to the content is a new
/// version, published beside the old one until every consumer has moved.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
