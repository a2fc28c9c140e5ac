using RealPerson.HelpBuilder;

// Usage: RealPerson.HelpBuilder --module <RealPerson.dll> --help-dir <folder of Verb-Noun.md> --sma <System.Management.Automation.dll> --out <RealPerson.dll-Help.xml>
// Exit codes: 0 written; 1 the help sources have problems (listed as MSBuild errors); 2 bad arguments or unreadable module.
const string Usage = "usage: RealPerson.HelpBuilder --module <RealPerson.dll> --help-dir <folder> --sma <System.Management.Automation.dll> --out <file.xml>";

var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        return Fail($"unexpected argument '{args[i]}'. {Usage}");
    }

    options[args[i].Substring(2)] = args[++i];
}

foreach (var required in new[] { "module", "help-dir", "sma", "out" })
{
    if (!options.ContainsKey(required))
    {
        return Fail($"--{required} is missing. {Usage}");
    }
}

var modulePath = Path.GetFullPath(options["module"]);
var helpDir = Path.GetFullPath(options["help-dir"]);
var smaPath = Path.GetFullPath(options["sma"]);
var outPath = Path.GetFullPath(options["out"]);
foreach (var (what, path) in new[] { ("module", modulePath), ("System.Management.Automation reference", smaPath) })
{
    if (!File.Exists(path))
    {
        return Fail($"the {what} '{path}' does not exist.");
    }
}

IReadOnlyList<CmdletMetadata> cmdlets;
try
{
    cmdlets = CmdletReader.Read(modulePath, smaPath);
}
catch (Exception e) when (e is IOException or BadImageFormatException or FileNotFoundException or TypeLoadException)
{
    return Fail($"cannot read the cmdlets of '{modulePath}': {e.Message}");
}

if (cmdlets.Count == 0)
{
    return Fail($"'{modulePath}' has no public sealed cmdlet classes.");
}

var errors = new List<HelpError>();
var commands = new List<(CmdletMetadata, HelpMarkdown)>();
foreach (var cmdlet in cmdlets)
{
    var file = Path.Combine(helpDir, cmdlet.Name + ".md");
    if (!File.Exists(file))
    {
        errors.Add(new HelpError(file, 0, $"the cmdlet {cmdlet.Name} ({cmdlet.TypeName}) has no help file: write {cmdlet.Name}.md in platyPS layout."));
        continue;
    }

    var doc = HelpMarkdown.Parse(file);
    errors.AddRange(doc.Errors);
    errors.AddRange(HelpValidator.Check(cmdlet, doc));
    commands.Add((cmdlet, doc));
}

// A help file for a cmdlet that is gone (renamed?) is stale: say so rather than leave it behind.
if (Directory.Exists(helpDir))
{
    foreach (var file in Directory.GetFiles(helpDir, "*.md"))
    {
        var name = Path.GetFileNameWithoutExtension(file);
        if (!name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && !cmdlets.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new HelpError(file, 0, $"'{name}' is not a cmdlet of {Path.GetFileName(modulePath)}; rename or remove the file."));
        }
    }
}

if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine($"RealPerson.HelpBuilder: {errors.Count} problem(s) in the cmdlet help; {outPath} was not written.");
    return 1;
}

MamlWriter.Save(MamlWriter.Build(commands), outPath);
Console.WriteLine($"RealPerson.HelpBuilder: wrote help for {commands.Count} cmdlets to {outPath}");
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine($"RealPerson.HelpBuilder: error RPHELP: {message}");
    return 2;
}
