using Coo.Modules.Media.Jobs;
using Coo.Modules.Media.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Coo.IntegrationTests.Media.MediaApi;
using SweepCandidate = Coo.Modules.Media.Domain.SweepCandidate;

namespace Coo.IntegrationTests.Media;

/// <summary>
/// Files of deleted uploads are deleted by the sweep once no upload names them; files are shared by content, so an
/// upload of the same picture, before or during a sweep, keeps its file.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FileSweepTests(ApiFixture fixture)
{
    private static readonly TimeSpan AfterTheGracePeriod = SweepCandidate.GracePeriod + TimeSpan.FromMinutes(1);

    [Theory, Providers]
    public async Task A_deleted_coos_image_files_answer_404_once_the_sweep_ran_but_a_file_another_upload_shares_stays(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var grace = await client.CreateUserAsync("grace");
        var own = await UploadOkAsync(client, ada, TestImages.JpegWithGpsPosition(1200, 800), "own.jpg", "image/jpeg", "Only Ada's");
        var shared = await UploadOkAsync(client, ada, TestImages.Png(14, 14), "shared.png", "image/png", "Ada's copy");
        var gracesCopy = await UploadOkAsync(client, grace, TestImages.Png(14, 14), "shared.png", "image/png", "Grace's copy");
        var cooId = await PostCooOkAsync(client, ada, "two pictures", own.Id, shared.Id);

        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{cooId}", ada.Tokens.AccessToken);
        await Eventually.MatchAsync(() => UploadsOfAsync(factory, ada), count => count == 0, what: "the deleted coo's uploads to be forgotten");
        await factory.RunJobAsync<UnusedFileSweepJob>(TimeSpan.Zero);
        var withinTheGracePeriod = await StatusesAsync(client, own.Url, own.PreviewUrl, shared.Url);
        await factory.RunJobAsync<UnusedFileSweepJob>(AfterTheGracePeriod);
        var afterTheSweep = await StatusesAsync(client, own.Url, own.PreviewUrl, shared.Url);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.NotEqual(own.Url, own.PreviewUrl);
        Assert.Equal(shared.Url, gracesCopy.Url);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], withinTheGracePeriod);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK], afterTheSweep);
        Assert.Equal(0, await SweepCandidatesAsync(factory));
    }

    [Fact]
    public async Task The_same_picture_uploaded_after_its_file_was_swept_is_stored_again()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var picture = TestImages.Png(15, 15);
        var first = await UploadOkAsync(client, ada, picture, "a.png", "image/png", "first");
        await DeleteCooWithAsync(factory, client, ada, first);

        await factory.RunJobAsync<UnusedFileSweepJob>(AfterTheGracePeriod);
        using var swept = await client.GetAsync(first.Url);
        var again = await UploadOkAsync(client, ada, picture, "a.png", "image/png", "again");
        using var storedAgain = await client.GetAsync(again.Url);

        Assert.Equal(HttpStatusCode.NotFound, swept.StatusCode);
        Assert.Equal(first.Url, again.Url);
        Assert.Equal(HttpStatusCode.OK, storedAgain.StatusCode);
    }

    [Fact]
    public async Task A_file_the_sweep_sets_aside_just_after_an_upload_of_the_same_picture_committed_is_put_back()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var picture = TestImages.Png(16, 16);
        var first = await UploadOkAsync(client, ada, picture, "a.png", "image/png", "first");
        await DeleteCooWithAsync(factory, client, ada, first);
        MediaItem? second = null;
        var store = new SteppedMediaStore(factory.Services.GetRequiredService<IMediaStore>())
        {
            // After the sweep's first look found no upload naming the file.
            BeforeSetAside = async () => second = await UploadOkAsync(client, ada, picture, "b.png", "image/png", "second"),
        };

        await factory.RunJobAsync<UnusedFileSweepJob>(AfterTheGracePeriod, store);
        using var file = await client.GetAsync(first.Url);

        Assert.Equal(first.Url, second?.Url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
    }

    [Fact]
    public async Task An_upload_whose_row_commits_after_the_sweep_deleted_the_same_pictures_file_stores_it_again()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite)
        {
            TestServices = services =>
            {
                var registered = services.Last(s => s.ServiceType == typeof(IMediaStore));
                services.AddSingleton<IMediaStore>(provider => new SteppedMediaStore((IMediaStore)registered.ImplementationFactory!(provider)));
            },
        };
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var picture = TestImages.Png(17, 17);
        var first = await UploadOkAsync(client, ada, picture, "a.png", "image/png", "first");
        await DeleteCooWithAsync(factory, client, ada, first);
        var store = (SteppedMediaStore)factory.Services.GetRequiredService<IMediaStore>();

        // The upload stores its files (the old ones are still there, so it writes nothing) and stops before its row.
        var filesStored = store.PauseAfterPuts(2);
        var second = UploadOkAsync(client, ada, picture, "b.png", "image/png", "second");
        await filesStored;
        await factory.RunJobAsync<UnusedFileSweepJob>(AfterTheGracePeriod);
        using var whileUploading = await client.GetAsync(first.Url);
        store.Resume();
        var uploaded = await second;
        using var afterTheUpload = await client.GetAsync(first.Url);

        Assert.Equal(HttpStatusCode.NotFound, whileUploading.StatusCode);
        Assert.Equal(first.Url, uploaded.Url);
        Assert.Equal(HttpStatusCode.OK, afterTheUpload.StatusCode);
    }

    private static async Task DeleteCooWithAsync(CooApiFactory factory, HttpClient client, TestUser user, MediaItem media)
    {
        var cooId = await PostCooOkAsync(client, user, "soon gone", media.Id);
        using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{cooId}", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Eventually.MatchAsync(() => UploadsOfAsync(factory, user), count => count == 0, what: "the deleted coo's upload to be forgotten");
    }

    private static async Task<HttpStatusCode[]> StatusesAsync(HttpClient client, params string[] urls)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            statuses.Add(response.StatusCode);
        }

        return [.. statuses];
    }

    /// <summary>
    /// The media store, with the moments of a race made to happen in order: something done just before a file is set
    /// aside, and a pause after some files are stored (an upload held before its row commits).
    /// </summary>
    private sealed class SteppedMediaStore(IMediaStore store) : IMediaStore
    {
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _paused;
        private int _putsBeforePause;

        public Func<Task>? BeforeSetAside { get; init; }

        /// <returns>A task that completes when the next <paramref name="puts"/> files are stored and the caller waits.</returns>
        public Task PauseAfterPuts(int puts)
        {
            _putsBeforePause = puts;
            _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _paused.Task;
        }

        public void Resume() => _resume.SetResult();

        public async Task PutAsync(string name, byte[] content, CancellationToken cancellationToken)
        {
            await store.PutAsync(name, content, cancellationToken);
            if (_paused is { } paused && Interlocked.Decrement(ref _putsBeforePause) == 0)
            {
                paused.SetResult();
                await _resume.Task;
            }
        }

        public Stream? Open(string name) => store.Open(name);

        public string? SetAside(string name)
        {
            if (BeforeSetAside is { } before)
            {
                // The store's methods are synchronous; the step runs off the test's synchronization context.
                Task.Run(before).GetAwaiter().GetResult();
            }

            return store.SetAside(name);
        }

        public void PutBack(string setAside, string name) => store.PutBack(setAside, name);

        public void DeleteSetAside(string setAside) => store.DeleteSetAside(setAside);

        public void RestoreAbandoned(string name) => store.RestoreAbandoned(name);

        public void DeleteAbandoned(string name) => store.DeleteAbandoned(name);
    }
}
