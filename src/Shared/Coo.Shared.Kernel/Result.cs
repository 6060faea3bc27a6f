namespace Coo.Shared.Kernel;

/// <summary>Lets cross-cutting code (logging) see a result's error without knowing its value type.</summary>
public interface IFailable
{
    Error? Error { get; }
}

/// <summary>The outcome of a use case: a value, or an expected <see cref="Kernel.Error"/>. Faults stay exceptions.</summary>
public sealed class Result<T> : IFailable
{
    private readonly T? _value;

    internal Result(T value) => _value = value;

    internal Result(Error error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: the result failed with '{Error!.Code}'.");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}

public static class Result
{
    public static Result<T> Success<T>(T value) => new(value);

    public static Result<T> Failure<T>(Error error) => new(error);
}
