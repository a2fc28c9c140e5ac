using System.Globalization;

namespace RealPerson.Simulator;

/// <summary>Parses the standalone simulator's arguments into a port and options.</summary>
internal sealed class CommandLine
{
    public const int DefaultPort = 5080;

    public const string Usage =
        """
        Usage: RealPerson.Simulator [options]
          --port N                 port on 127.0.0.1 (default 5080; 0 picks a free one)
          --review-ms N            time from submit until Active/Failed (default 1000)
          --latency-ms N           delay added to every vendor answer (default 0)
          --task-latency-ms N      APIMart verification task pending time (default 200)
          --video-ms N             time from a video's create until Completed/Failed (default 2000)
          --fail-marker S          asset names containing S fail review (default "fail")
          --token-lifetime-sec N   APIMart byted_token lifetime (default 120)
          --step2-shape X          DirectSnakeCase | DirectPascalCase | Task | TaskRawResponse (default Task)
          --apimart-error-style X  HttpError | EnvelopeMessage | EnvelopeMsg (default HttpError)
          --max-batch-status-ids N Jimmy batch-status limit (default 100)
          --max-creates-in-flight N   paid creates one account may have in flight; 429 beyond (default 0: no limit)
          --seed N                 seed of the fault random (default 0)
          --fault-500 R  --fault-429 R  --fault-502 R  --fault-503 R  --fault-504 R
          --fault-drop-before R  --fault-drop-after R  --fault-truncate R  --fault-html R  --fault-huge R
          --fault-slow R  --slow-ms N  --retry-after S  --faults-submissions-only
                                   fault rates are 0..1
          --help                   show this text
        """;

    private CommandLine(int port, SimulatorOptions options, bool showHelp)
    {
        Port = port;
        Options = options;
        ShowHelp = showHelp;
    }

    public int Port { get; }
    public SimulatorOptions Options { get; }
    public bool ShowHelp { get; }

    /// <summary>The parsed arguments, or an error naming the bad one.</summary>
    public static (CommandLine? Parsed, string? Error) Parse(IReadOnlyList<string> args)
    {
        var port = DefaultPort;
        var options = new SimulatorOptions();
        var faults = options.Faults;
        var showHelp = false;
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
                switch (name)
                {
                    case "--help" or "-h" or "-?": showHelp = true; break;
                    case "--port": port = Whole(name, Value(), max: 65535); break;
                    case "--review-ms": options.ReviewTime = TimeSpan.FromMilliseconds(Whole(name, Value())); break;
                    case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Whole(name, Value())); break;
                    case "--task-latency-ms": options.TaskLatency = TimeSpan.FromMilliseconds(Whole(name, Value())); break;
                    case "--video-ms": options.VideoTime = TimeSpan.FromMilliseconds(Whole(name, Value())); break;
                    case "--fail-marker": options.FailMarker = Value(); break;
                    case "--token-lifetime-sec": options.TokenLifetime = TimeSpan.FromSeconds(Whole(name, Value())); break;
                    case "--step2-shape": options.Step2Shape = Choice<Step2Shape>(name, Value()); break;
                    case "--apimart-error-style": options.ApiMartErrorStyle = Choice<ApiMartErrorStyle>(name, Value()); break;
                    case "--max-batch-status-ids": options.MaxBatchStatusIds = Whole(name, Value()); break;
                    case "--max-creates-in-flight": options.MaxCreatesInFlight = Whole(name, Value()); break;
                    case "--seed": faults.Seed = Whole(name, Value(), min: int.MinValue); break;
                    case "--fault-500": faults.Http500Rate = Rate(name, Value()); break;
                    case "--fault-429": faults.Http429Rate = Rate(name, Value()); break;
                    case "--fault-502": faults.Http502Rate = Rate(name, Value()); break;
                    case "--fault-503": faults.Http503Rate = Rate(name, Value()); break;
                    case "--fault-504": faults.Http504Rate = Rate(name, Value()); break;
                    case "--fault-drop-before": faults.DropBeforeRate = Rate(name, Value()); break;
                    case "--fault-drop-after": faults.DropAfterRate = Rate(name, Value()); break;
                    case "--fault-truncate": faults.TruncateRate = Rate(name, Value()); break;
                    case "--fault-html": faults.HtmlRate = Rate(name, Value()); break;
                    case "--fault-huge": faults.HugeBodyRate = Rate(name, Value()); break;
                    case "--fault-slow": faults.SlowRate = Rate(name, Value()); break;
                    case "--slow-ms": faults.SlowDelay = TimeSpan.FromMilliseconds(Whole(name, Value())); break;
                    case "--retry-after": faults.RetryAfter = Value(); break;
                    case "--faults-submissions-only": faults.SubmissionsOnly = true; break;
                    default: throw new FormatException($"unknown argument '{name}'");
                }
            }
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }

        return (new CommandLine(port, options, showHelp), null);
    }

    private static int Whole(string name, string text, int min = 0, int max = int.MaxValue) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name} expects a whole number from {min} to {max}, not '{text}'");

    private static double Rate(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new FormatException($"{name} expects a rate from 0 to 1, not '{text}'");

    private static T Choice<T>(string name, string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value)
        && Enum.IsDefined(value)
        && !int.TryParse(text, out _)
            ? value
            : throw new FormatException($"{name} expects one of {string.Join(", ", Enum.GetNames<T>())}, not '{text}'");
}
