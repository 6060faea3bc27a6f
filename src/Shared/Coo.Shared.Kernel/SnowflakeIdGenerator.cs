namespace Coo.Shared.Kernel;

/// <summary>
/// Time-ordered 64-bit ids: 41 bits of milliseconds since 2025-01-01, 10 bits of generator id, 12 bits of sequence.
/// Each host instance needs its own generator id so that two instances never mint the same id.
/// </summary>
/// <remarks>Written here because no snowflake library is served by this project's package source.</remarks>
public sealed class SnowflakeIdGenerator
{
    public const int MaxGeneratorId = (1 << GeneratorBits) - 1;

    private const int GeneratorBits = 10;
    private const int SequenceBits = 12;
    private const long MaxSequence = (1L << SequenceBits) - 1;
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TimeProvider _time;
    private readonly long _generatorId;
    private readonly Lock _lock = new();
    private long _lastMilliseconds = -1;
    private long _sequence;

    public SnowflakeIdGenerator(int generatorId, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generatorId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(generatorId, MaxGeneratorId);
        _generatorId = generatorId;
        _time = time;
    }

    public long NextId()
    {
        lock (_lock)
        {
            var now = Math.Max(ElapsedMilliseconds(), _lastMilliseconds);
            if (now == _lastMilliseconds)
            {
                _sequence = (_sequence + 1) & MaxSequence;
                if (_sequence == 0)
                {
                    // 4,096 ids in one millisecond: borrow the next millisecond rather than wait for it.
                    now++;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMilliseconds = now;
            return (now << (GeneratorBits + SequenceBits)) | (_generatorId << SequenceBits) | _sequence;
        }
    }

    /// <summary>When <paramref name="id"/> was minted (to the millisecond), read from its time bits.</summary>
    public static DateTimeOffset CreatedAt(long id) => Epoch.AddMilliseconds(id >> (GeneratorBits + SequenceBits));

    private long ElapsedMilliseconds() => (long)(_time.GetUtcNow() - Epoch).TotalMilliseconds;
}
