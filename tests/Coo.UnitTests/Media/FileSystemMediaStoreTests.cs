using Coo.Modules.Media.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Media;

/// <summary>The store's two-step removal, and what it does with the copies a sweep that died left aside.</summary>
public sealed class FileSystemMediaStoreTests : IDisposable
{
    private static readonly string Name = $"{new string('a', 64)}.png";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("coo-unit-media-store-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FileSystemMediaStore _store;

    public FileSystemMediaStoreTests() => _store = new FileSystemMediaStore(_root.FullName, _time);

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_file_set_aside_cannot_be_read_until_it_is_put_back_and_is_gone_once_deleted()
    {
        await _store.PutAsync(Name, [1, 2, 3], CancellationToken.None);

        var setAside = _store.SetAside(Name);
        var readableWhileAside = IsReadable();
        _store.PutBack(setAside!, Name);
        var readableWhenBack = IsReadable();
        _store.DeleteSetAside(_store.SetAside(Name)!);

        Assert.False(readableWhileAside);
        Assert.True(readableWhenBack);
        Assert.False(IsReadable());
        Assert.Null(_store.SetAside(Name));
        Assert.Empty(_root.EnumerateFiles("*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_copy_a_dead_sweep_left_aside_comes_back_while_the_file_is_missing_and_is_deleted_only_after_an_hour()
    {
        await _store.PutAsync(Name, [1, 2, 3], CancellationToken.None);
        _store.SetAside(Name);

        _store.RestoreAbandoned(Name);
        var restored = IsReadable();
        _store.SetAside(Name);
        _time.Advance(TimeSpan.FromMinutes(59));
        _store.DeleteAbandoned(Name);
        var keptWithinTheHour = _root.EnumerateFiles("*", SearchOption.AllDirectories).Count();
        _time.Advance(TimeSpan.FromMinutes(2));
        _store.DeleteAbandoned(Name);

        Assert.True(restored);
        Assert.Equal(1, keptWithinTheHour);
        Assert.Empty(_root.EnumerateFiles("*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Putting_back_a_copy_another_sweep_already_restored_changes_nothing()
    {
        await _store.PutAsync(Name, [1, 2, 3], CancellationToken.None);
        var setAside = _store.SetAside(Name)!;

        _store.RestoreAbandoned(Name);
        _store.PutBack(setAside, Name);

        Assert.True(IsReadable());
    }

    private bool IsReadable()
    {
        using var file = _store.Open(Name);
        return file is not null;
    }
}
