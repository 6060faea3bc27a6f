using Coo.Modules.Users.Contracts;

namespace Coo.ArchitectureTests.Fixture.LeakyShared;

/// <summary>Broken on purpose: a building block that knows one module's events.</summary>
public static class RegisteredUserNames
{
    public static string Of(UserRegisteredIntegrationEvent registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        return registered.Username;
    }
}
