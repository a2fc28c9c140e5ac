namespace RealPerson.Simulator;

/// <summary>Both vendors' video generations, and how often each request was accepted (and charged).</summary>
internal sealed class VideoStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimVideo> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Provider, string Prompt), int> _charged = [];
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public SimVideo Add(SimVideo video)
    {
        lock (_gate)
        {
            _byId[video.Id] = video;
            var key = (video.Provider == VendorProvider.JimmyAI ? SubmissionLedger.JimmyProvider : SubmissionLedger.ApiMartProvider, video.Prompt);
            _charged[key] = _charged.GetValueOrDefault(key) + 1;
        }

        return video;
    }

    public SimVideo? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The file's bytes, made once per video (an MP4 of its duration).</summary>
    public byte[] FileOf(SimVideo video, int mediaBytes)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(video.Id, out var bytes))
            {
                var (width, height) = video.Resolution switch { "480p" => (854, 480), "1080p" => (1920, 1080), _ => (1280, 720) };
                bytes = SampleMp4.Create(video.DurationSec, width, height, mediaBytes);
                _files[video.Id] = bytes;
            }

            return bytes;
        }
    }

    public IReadOnlyDictionary<(string Provider, string Prompt), int> Charged()
    {
        lock (_gate)
        {
            return new Dictionary<(string Provider, string Prompt), int>(_charged);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _charged.Clear();
            _files.Clear();
        }
    }
}
