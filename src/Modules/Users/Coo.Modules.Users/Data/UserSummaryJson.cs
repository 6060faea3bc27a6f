using System.Text.Json.Serialization;
using Coo.Modules.Users.Contracts;

namespace Coo.Modules.Users.Data;

/// <summary>The shared cache's JSON of a user summary, with the serializer's default names, as values already cached have them.</summary>
[JsonSerializable(typeof(UserSummary))]
internal sealed partial class UserSummaryJson : JsonSerializerContext;
