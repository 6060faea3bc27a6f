using Mediator;

namespace Coo.Modules.Coos.Features.UnpinCoo;

/// <summary>Removes the pin of <paramref name="AuthorId"/>, if any: unpinning twice is not an error.</summary>
internal sealed record UnpinCoo(long AuthorId) : ICommand;
